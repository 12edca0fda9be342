// What the client engine accepts. The options layer maps argv to this; nothing here
// knows about command lines.
import type { ConnectPacket, ProtocolVersion } from '../codec/types.js';
import type { SocksProxy } from './socks.js';

export interface TlsConfig {
  /** Trusted CA bundle (PEM). With neither caFile nor caPath: the system's CA store. */
  caFile?: string;
  /** Directory of trusted CA certificates (PEM files). */
  caPath?: string;
  certFile?: string;
  keyFile?: string;
  /** Skip the host name check (mosquitto's --insecure). */
  insecure?: boolean;
  minVersion?: 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3';
  maxVersion?: 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3';
  ciphers?: string;
  alpn?: string[];
  /** TLS-PSK: identity and key bytes. */
  psk?: { identity: string; key: Buffer };
  servername?: string;
}

export type TransportConfig =
  | { kind: 'tcp'; host: string; port: number; localAddress?: string; tls?: TlsConfig; proxy?: SocksProxy }
  | { kind: 'ws'; url: string; tls?: TlsConfig }
  | { kind: 'unix'; path: string };

export interface ClientConfig {
  transport: TransportConfig;
  /** The CONNECT packet to send (type added by the engine). */
  connect: Omit<ConnectPacket, 'type'>;
  /** Our own cap on QoS 1/2 publishes in flight (mosquitto's -M, default 20). */
  maxInflight: number;
  /** How long to wait for the transport and CONNACK (ms). */
  connectTimeoutMs: number;
  /** Reconnect this long after losing the connection; undefined: losing it is final. */
  reconnectDelayMs?: number;
  /** With reconnectDelayMs: double the wait after each failed attempt up to this, with jitter (backoff.ts). */
  reconnectMaxDelayMs?: number;
  /** With reconnectDelayMs: give up after this many failed attempts in a row (undefined: never). */
  reconnectAttempts?: number;
  /**
   * Incoming QoS 1/2 messages are acknowledged only when the listener calls the
   * message's ack() (a bridge: once the message is passed on), not on delivery.
   */
  deferAcks?: boolean;
}

export type { ProtocolVersion };
