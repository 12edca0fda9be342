// What the broker accepts: BrokerConfig is the complete, defaulted configuration (the
// mosquitto.conf subset maps onto it in config.ts); BrokerOptions is the partial form
// createBroker() takes from programs and tests.
import type { Packet, ProtocolVersion } from '../codec/types.js';
import type { PacketTap } from '../wire/connection.js';
import type { BrokerEvent } from './events.js';

export interface ListenerConfig {
  port: number;
  /** Address to bind; undefined = all interfaces. */
  host: string | undefined;
  protocol: 'mqtt' | 'websockets';
  tls?: TlsConfig;
  /** per_listener_settings true: this listener's own security settings (nothing is inherited). */
  security?: SecurityConfig;
}

/** Who may connect and what they may do: global, or per listener (per_listener_settings). */
export interface SecurityConfig {
  allowAnonymous?: boolean;
  passwordFile?: string | undefined;
  aclFile?: string | undefined;
}

export interface TlsConfig {
  certfile: string;
  keyfile: string;
  cafile?: string;
  requireCertificate: boolean;
}

export interface BridgeTopic {
  pattern: string;
  direction: 'in' | 'out' | 'both';
  qos: 0 | 1 | 2;
  localPrefix: string;
  remotePrefix: string;
}

export interface BridgeAddress {
  host: string;
  port: number;
}

/** One `connection` section of mosquitto.conf: what src/bridge/ runs (serve starts it). */
export interface BridgeConfig {
  name: string;
  /** Tried in order (`address a b`); see roundRobin. */
  addresses: BridgeAddress[];
  /** false: the first address is the main one, returned to when it is back; true: each failure moves on to the next. */
  roundRobin: boolean;
  topics: BridgeTopic[];
  /** The remote client id (default: hostname.NAME). */
  clientId?: string;
  /** The bridge's client id on this broker (default: local.REMOTE_CLIENT_ID). */
  localClientId?: string;
  username?: string;
  password?: string;
  protocolVersion: ProtocolVersion;
  cleanSession: boolean;
  keepalive: number;
  tryPrivate: boolean;
  notifications: boolean;
  /** Default: $SYS/broker/connection/REMOTE_CLIENT_ID/state. */
  notificationTopic?: string;
  /** UNSUBSCRIBE the `out` topics on the remote when connecting (a previous configuration may have subscribed them). */
  attemptUnsubscribe: boolean;
  /** Seconds between connection attempts: [base, cap], doubling from base to cap. */
  restartTimeout: [number, number];
  /** Accepted for lazy bridges; start_type automatic (the only one supported) never idles. */
  idleTimeout: number;
  cafile?: string;
  certfile?: string;
  keyfile?: string;
  /** Skip the remote's host name check. */
  insecure: boolean;
  alpn?: string;
}


export interface BrokerConfig {
  listeners: ListenerConfig[];
  allowAnonymous: boolean;
  passwordFile: string | undefined;
  aclFile: string | undefined;
  /** QoS 1/2 messages in flight per client (also our Receive Maximum); 0 = 65535. Default 20, as mosquitto. */
  maxInflightMessages: number;
  /** QoS 1/2 messages queued per client beyond those in flight; 0 = no limit. */
  maxQueuedMessages: number;
  /** Payload bytes queued and in flight per client; 0 = no limit (mosquitto's default). */
  maxQueuedBytes: number;
  /** Largest PUBLISH payload accepted; 0 = no limit. */
  messageSizeLimit: number;
  /** Largest packet accepted (our Maximum Packet Size); 0 = the protocol limit. */
  maxPacketSize: number;
  /**
   * Largest first packet (CONNECT) of a connection not yet authenticated; 0 = max_packet_size.
   * The default, 256 KiB, holds client id, user name, password and will at their 64 KiB maximums.
   */
  maxConnectPacketSize: number;
  maxKeepalive: number;
  retainAvailable: boolean;
  /** Seconds between $SYS updates; 0 = off. */
  sysInterval: number;
  /** -1 = no limit. */
  maxConnections: number;
  persistence: boolean;
  persistenceLocation: string | undefined;
  /**
   * persistent_client_expiration in seconds (0 = never): sessions that would never expire
   * (3.1.1 clean session 0, MQTT 5 Session Expiry 0xFFFFFFFF) end after this long offline.
   */
  persistentClientExpiration: number;
  /** Topic aliases a client may use towards us (our Topic Alias Maximum). */
  maxTopicAlias: number;
  /** A connection that has not sent CONNECT by then is closed. */
  connectTimeoutMs: number;
  /** Bytes waiting in a client's socket before further messages are queued instead of written. */
  writeBufferLimit: number;
  /** Most levels a topic or filter may have (mosquitto: 200); 0 = no limit. */
  maxTopicLevels: number;
  bridges: BridgeConfig[];
}

export interface ClientInfo {
  clientId: string;
  username: string | undefined;
  address: string;
  /** Common name of the client certificate, when TLS with client certificates. */
  certificateCN?: string;
}

export interface BrokerHooks {
  /**
   * Decides a CONNECT's credentials; default: password_file / allow_anonymous. `gone`
   * turns true when the client has left meanwhile (a slow check can be skipped then).
   */
  authenticate?(client: ClientInfo, password: Buffer | undefined, gone?: () => boolean): Promise<boolean> | boolean;
  authorizePublish?(client: ClientInfo, topic: string): boolean;
  authorizeSubscribe?(client: ClientInfo, filter: string): boolean;
  /** Checked for each message delivered to the client (mosquitto's read ACL). */
  authorizeRead?(client: ClientInfo, topic: string): boolean;
}

/** The broker's Receive Maximum: max_inflight_messages, 0 meaning 65535, the value of an absent Receive Maximum (§3.2.2.3.3). */
export function receiveMaximum(config: BrokerConfig): number {
  return config.maxInflightMessages || 65535;
}

export interface BrokerOptions extends Partial<BrokerConfig>, BrokerHooks {
  /**
   * Lifecycle events (connect, disconnect, subscribe, publish ...) for logs. Leave it unset
   * unless something prints them: the broker then builds no event per message.
   */
  onEvent?: (event: BrokerEvent) => void;
  /** Problems worth telling without -v (e.g. persistence cannot write); onEvent gets them too. */
  onWarning?: (message: string) => void;
  /** Sees every packet of every connection (for -v packet logs and --trace). */
  tap?: (client: ClientInfo, version: () => ProtocolVersion) => PacketTap;
  /** Sees packets the broker handles, with the client (cheaper than a tap: no raw bytes). */
  onPacket?: (client: ClientInfo, direction: 'in' | 'out', packet: Packet) => void;
}

export const DEFAULT_CONFIG: BrokerConfig = {
  listeners: [{ port: 1883, host: '127.0.0.1', protocol: 'mqtt' }],
  allowAnonymous: true,
  passwordFile: undefined,
  aclFile: undefined,
  maxInflightMessages: 20,
  maxQueuedMessages: 1000,
  maxQueuedBytes: 0,
  messageSizeLimit: 0,
  maxPacketSize: 0,
  maxConnectPacketSize: 256 * 1024,
  maxKeepalive: 65535,
  retainAvailable: true,
  sysInterval: 10,
  maxConnections: -1,
  persistence: false,
  persistenceLocation: undefined,
  persistentClientExpiration: 0,
  maxTopicAlias: 10,
  connectTimeoutMs: 10_000,
  writeBufferLimit: 1 << 20,
  maxTopicLevels: 200,
  bridges: [],
};

export function toBrokerConfig(options: BrokerOptions): BrokerConfig {
  const config: BrokerConfig = { ...DEFAULT_CONFIG };
  for (const key of Object.keys(DEFAULT_CONFIG) as Array<keyof BrokerConfig>) {
    const value = options[key];
    if (value !== undefined) (config as unknown as Record<string, unknown>)[key] = value;
  }
  return config;
}
