// One client's network connection, from accept to close: the wire (framing, the single
// write choke point), what CONNECT negotiated (version, keep alive, receive window,
// maximum packet size, topic aliases) and the session it holds.
import type { Duplex } from 'node:stream';
import type { Packet, ProtocolVersion, Will } from '../codec/types.js';
import { WireConnection, type WireHandlers } from '../wire/connection.js';
import type { PendingAck } from './commit.js';
import type { DisconnectCause } from './events.js';
import type { LoginWatch } from './login-bound.js';
import type { ClientInfo } from './options.js';
import type { Security } from './security.js';
import type { Session, SessionLink } from './session.js';
import type { OutboundAliases } from './topic-alias-out.js';

export type ConnectionState = 'new' | 'authenticating' | 'connected' | 'closed';

/**
 * Why the connection's socket is not being read; reading resumes when no reason is left.
 * auth: CONNECT is being authenticated; publishers: a subscriber's backlog (outbound.ts);
 * output: the client does not read what we send it.
 */
export const ReadHold = { auth: 1, publishers: 2, output: 4 } as const;

/** Why a connection ended: the cause, and the reason code and text when there are any. */
export interface Ending {
  cause: DisconnectCause;
  reasonCode?: number;
  message?: string;
}

export interface ConnectionHandlers {
  packet(conn: BrokerConnection, packet: Packet): void;
  error(conn: BrokerConnection, err: Error): void;
  close(conn: BrokerConnection): void;
}

export interface ConnectionMeta {
  /** "host:port" of the peer. */
  address: string;
  /** The listener's local port (for logs). */
  localPort: number;
  certificateCN?: string;
  /** The broker's own clients (bridges): no authentication, no ACL. */
  trusted?: boolean;
  /** The security scope of the listener (per_listener_settings), else the broker's. */
  security: Security;
  /** Told when the CONNECT arrives and when the client is logged in (WebSocket listeners bound what they buffer before). */
  login?: LoginWatch;
}

/**
 * The connection is its own wire handler (packet/error/close call the broker's shared
 * handlers with it): no per-connection closures, which matters at thousands of idle
 * connections.
 */
export class BrokerConnection implements SessionLink, ClientInfo, WireHandlers {
  state: ConnectionState = 'new';
  clientId = '';
  username: string | undefined;
  certificateCN: string | undefined;
  readonly trusted: boolean;
  /** Who may connect here and what they may do (the listener's scope, or the broker's). */
  readonly security: Security;
  /** Connected as a bridge (mosquitto's try_private): its subscriptions get No Local and Retain As Published. */
  bridge = false;
  /** Keep Alive in ms; 0 = none. */
  keepaliveMs = 0;
  lastSeen: number;
  readonly openedAt: number;
  session: Session | undefined;
  will: Will | undefined;
  /** How many QoS 1/2 PUBLISH may be unacknowledged towards the client [MQTT-3.3.4-7]. */
  sendWindow = 65535;
  /** The client's Maximum Packet Size; 0 = none [MQTT-3.1.2-24]. */
  maxPacketSize = 0;
  /** Topic aliases the client set up towards us [MQTT-3.3.2-12]. */
  aliases: Map<number, string> | undefined;
  /** Topic aliases we use towards the client, within its Topic Alias Maximum (MQTT 5). */
  outAliases: OutboundAliases | undefined;
  /** Session Expiry Interval asked for in CONNECT (0 forbids a non-zero one at DISCONNECT [MQTT-3.14.2-2]). */
  connectExpiry = 0;
  /** Publish the will on close (false after a normal DISCONNECT [MQTT-3.1.2-10]). */
  sendWill = true;
  /** Why the connection is ending, once known (for the disconnect event). */
  ending: Ending | undefined;
  /** Acknowledgements waiting for the store, in order (see commit.ts). */
  acks: PendingAck[] | undefined;
  /** Sessions whose backlog paused this (publishing) connection; see router.ts. */
  pausedBy: Set<Session> | undefined;
  pausedAt = 0;
  drainWaiting = false;
  /** ReadHold bits: reasons the socket is not read. */
  private holds = 0;
  readonly wire: WireConnection;
  readonly address: string;
  readonly localPort: number;
  readonly login: LoginWatch | undefined;
  private readonly handlers: ConnectionHandlers;

  constructor(stream: Duplex, meta: ConnectionMeta, now: number, maxPacketSize: number, handlers: ConnectionHandlers) {
    this.address = meta.address;
    this.localPort = meta.localPort;
    this.certificateCN = meta.certificateCN;
    this.trusted = meta.trusted === true;
    this.security = meta.security;
    this.login = meta.login;
    this.openedAt = now;
    this.lastSeen = now;
    this.handlers = handlers;
    this.wire = new WireConnection(stream, { protocolVersion: 4, ...(maxPacketSize > 0 ? { maxPacketSize } : {}) }, this);
  }

  /** WireHandlers: a packet arrived. */
  packet(p: Packet): void {
    this.handlers.packet(this, p);
  }

  /** WireHandlers: malformed input or a transport error. */
  error(err: Error): void {
    this.handlers.error(this, err);
  }

  /** WireHandlers: the stream closed. */
  close(): void {
    this.handlers.close(this);
  }

  get version(): ProtocolVersion {
    return this.wire.protocolVersion;
  }

  /** Writes through the wire (the one choke point for what we send). */
  send(packet: Packet): void {
    this.wire.send(packet);
  }

  sendBytes(bytes: Buffer, packet?: Packet): void {
    this.wire.sendRaw(bytes, packet);
  }

  /** The socket holds more than `limit` unsent bytes: queue instead of writing. */
  congested(limit: number): boolean {
    return this.wire.stream.writableLength > limit;
  }

  /** Stops reading the socket for `reason` (packets already read wait in the wire). */
  holdReading(reason: number): void {
    if (this.holds === 0) this.wire.hold();
    this.holds |= reason;
  }

  /** Drops `reason`; with no reason left, held packets are handled and reading resumes. */
  releaseReading(reason: number): void {
    if ((this.holds & reason) === 0) return;
    this.holds &= ~reason;
    if (this.holds === 0) this.wire.release();
  }

  /**
   * After handling a packet: a client that sends (PINGREQ, QoS 1 PUBLISH ...) but never
   * reads our answers is not read either until its socket drains. The bound is the
   * stream's own (its high-water mark, 16 KiB for sockets), not the delivery limit:
   * replies are tiny, and each write waiting in the stream costs far more than its bytes
   * (a megabyte of PINGRESP is half a million buffered writes).
   */
  holdWhileCongested(): void {
    // Only once a write has reported the buffer full: 'drain' comes then, and only then.
    if ((this.holds & ReadHold.output) !== 0 || !this.wire.stream.writableNeedDrain) return;
    this.holdReading(ReadHold.output);
    this.wire.stream.once('drain', () => {
      // It read, so it is alive: the keep-alive clock did not run while we held it.
      this.lastSeen = Date.now();
      this.releaseReading(ReadHold.output);
    });
  }

  /** Closes after what is already written. */
  closeSocket(): void {
    this.wire.close();
  }
}
