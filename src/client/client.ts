// The client engine's facade: one connection at a time (a link), one dispatcher, one
// flow object per packet exchange. With `reconnectDelayMs` it reconnects after losing
// the connection, as libmosquitto's loop does for mosquitto_sub, and resends what was
// not acknowledged [MQTT-4.4.0-1]. It accepts any Duplex (tests use an in-memory peer)
// and never prints or exits; commands decide what failures mean.
import { ReasonCode } from '../codec/constants.js';
import { EventEmitter } from 'node:events';
import { MqttError } from '../codec/errors.js';
import type { ConnackPacket, DisconnectPacket, Packet, Properties, SubackPacket, Subscription, UnsubackPacket } from '../codec/types.js';
import type { PacketTap, WireConnection } from '../wire/connection.js';
import type { ClientConfig } from './config.js';
import { ClientError, internalError, toClientError } from './errors.js';
import { receiveTime, type ClientEvents, type IncomingMessage } from './events.js';
import type { FlowContext } from './flows/context.js';
import { PublishIn } from './flows/publish-in.js';
import { lostError, PublishOut, type OutgoingMessage, type PublishResult } from './flows/publish-out.js';
import { Requests } from './flows/requests.js';
import { InflightWindow } from './inflight.js';
import { Keepalive } from './keepalive.js';
import { reconnectWait } from './backoff.js';
import { openLink, type Dial } from './link.js';
import { PacketIds } from './packet-ids.js';
import { RejectionWatch } from './rejection.js';

export interface ConnectExtras {
  /** Opens each connection's stream instead of the configured transport (tests). */
  dial?: Dial;
  /** See every packet in and out (traces, -d). Added before CONNECT is sent. */
  taps?: PacketTap[];
  /**
   * Receives every message from the first: a resumed session's messages can arrive
   * with the CONNACK, before connect() resolves. (A message with no listener is dropped.)
   */
  onMessage?: (msg: IncomingMessage) => void;
  /**
   * Runs on every accepted CONNACK (first and each reconnection) inside its handler, once
   * the engine's state is set, before the packets that came after it are dispatched:
   * like libmosquitto's on_connect, where mosquitto_sub subscribes. connect() has not
   * resolved yet on the first call (use `client`); a throw is our bug, as in any handler.
   */
  onConnect?: (client: MqttClient, connack: ConnackPacket) => void;
}

export class MqttClient {
  private readonly emitter = new EventEmitter();
  private readonly ids = new PacketIds();
  private readonly window: InflightWindow;
  private readonly out: PublishOut;
  private readonly in: PublishIn;
  private readonly requests: Requests;
  private readonly keepalive: Keepalive;
  private wire: WireConnection | undefined;
  private closing = false;
  private closed = false;
  private closeError: ClientError | undefined;
  private readonly rejection = new RejectionWatch();
  /** Whether the server may still be sending us messages (see disconnect()). */
  private mayReceive = false;
  private online: Promise<void> | undefined;
  /** While a packet is dispatched: what runs right after it (see disconnect()). */
  private afterPacket: Array<() => void> | undefined;
  connack: ConnackPacket | undefined;

  private constructor(
    readonly config: ClientConfig,
    private readonly taps: readonly PacketTap[],
    private readonly dial: Dial | undefined,
  ) {
    const ctx: FlowContext = { send: (p) => this.send(p), protocolVersion: config.connect.protocolVersion, ids: this.ids };
    this.window = new InflightWindow(config.maxInflight);
    this.in = new PublishIn(ctx, (packet, ack) => this.deliver({ packet, time: receiveTime(), ...(ack ? { ack } : {}) }), config.connect.properties?.topicAliasMaximum ?? 0, config.deferAcks);
    this.out = new PublishOut(ctx, this.window);
    this.requests = new Requests(ctx);
    this.keepalive = new Keepalive(config.connect.keepalive * 1000, {
      ping: () => this.send({ type: 'pingreq' }),
      timeout: () => this.abort(new ClientError('timeout', 'The connection was lost (no PINGRESP within the keepalive).')),
    });
  }

  /** Connects and resolves after a successful CONNACK; the first failure is final. */
  static async connect(config: ClientConfig, extras: ConnectExtras = {}): Promise<MqttClient> {
    const client = new MqttClient(config, extras.taps ?? [], extras.dial);
    if (extras.onMessage) client.on('message', extras.onMessage);
    const { onConnect } = extras;
    // Before the first link: the 'connect' event is emitted inside the CONNACK handler.
    if (onConnect) client.on('connect', (connack) => onConnect(client, connack));
    await client.link();
    return client;
  }

  get protocolVersion() {
    return this.config.connect.protocolVersion;
  }

  /** The client id in use: ours, or the one the server assigned (MQTT 5). */
  get clientId(): string {
    return this.connack?.properties?.assignedClientIdentifier ?? this.config.connect.clientId;
  }

  on<E extends keyof ClientEvents>(event: E, handler: ClientEvents[E]): this {
    this.emitter.on(event, handler);
    return this;
  }

  /** Whether a connection is up now (not closed, not between reconnects). */
  get isConnected(): boolean {
    return !this.closed && this.online === undefined && this.wire !== undefined && !this.wire.isClosed;
  }

  /** QoS 1/2 messages sent (or waiting to be resent) and not yet acknowledged. */
  get unacknowledged(): number {
    return this.out.unacknowledged;
  }

  /** Resolves when done: written (QoS 0), PUBACK (1) or PUBCOMP (2). Rejects if the client closes first. */
  publish(msg: OutgoingMessage): Promise<PublishResult> {
    // QoS 1/2 wait in the flow and are resent after a reconnect; QoS 0 has nothing to
    // resend, so while reconnecting it waits here rather than being written nowhere.
    if (msg.qos === 0 && this.online) return this.online.then(() => this.publish(msg));
    return this.out.publish(msg);
  }

  /**
   * Undefined when a publish at this QoS may go out now; otherwise a promise to await
   * first: we are reconnecting, the socket's buffer is full, or (QoS > 0) the inflight
   * window is.
   */
  ready(qos = 0): Promise<void> | undefined {
    if (this.online) return this.online;
    if (this.wire?.needsDrain) return this.wire.drained();
    return qos > 0 ? this.window.whenRoom() : undefined;
  }

  subscribe(subscriptions: Subscription[], properties?: Properties): Promise<SubackPacket> {
    this.mayReceive = true;
    return this.requests.subscribe(subscriptions, properties);
  }

  unsubscribe(topicFilters: string[], properties?: Properties): Promise<UnsubackPacket> {
    return this.requests.unsubscribe(topicFilters, properties);
  }

  /**
   * Sends DISCONNECT and half-closes [MQTT-3.14.4-2]. A client that only publishes
   * resolves once DISCONNECT and everything before it are handed to the OS, not when
   * the server closes: like libmosquitto, it may exit without waiting for the server to
   * work through its backlog (that wait was half of a QoS 0 `pub -l` run). One that
   * subscribed or received messages waits for the server to close: exiting with
   * unread data would reset the connection, and a reset that overtakes our DISCONNECT
   * makes the server publish our will. The 'close' event always follows the server's EOF.
   */
  async disconnect(opts: { reasonCode?: number; properties?: Properties; timeoutMs?: number } = {}): Promise<void> {
    if (this.closed) return;
    this.closing = true;
    const closed = new Promise<void>((resolve) => this.emitter.once('close', () => resolve()));
    // DISCONNECT follows the packet being dispatched (e.g. the PUBACK of the message whose
    // handler asked to disconnect) and precedes the next one of the same chunk, as when
    // libmosquitto's message callback disconnects: a resumed session's later messages are
    // neither acknowledged nor lost. Asked from elsewhere, it waits for the loop's turn.
    let done = closed;
    await new Promise<void>((resolve) => {
      const go = (): void => {
        done = this.sendDisconnect(opts, closed);
        resolve();
      };
      if (this.afterPacket) this.afterPacket.push(go);
      else setImmediate(go);
    });
    if (opts.timeoutMs === undefined) return done;
    // Interrupted users do not wait for a server that reads or closes slowly.
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<void>((resolve) => (timer = setTimeout(() => resolve(this.destroy()), opts.timeoutMs)));
    await Promise.race([done, late]);
    clearTimeout(timer);
  }

  /** Sends DISCONNECT and ends our side; resolves as disconnect() describes. */
  private sendDisconnect(opts: { reasonCode?: number; properties?: Properties }, closed: Promise<void>): Promise<void> {
    const wire = this.wire;
    if (!wire || wire.isClosed || this.online) {
      this.finish(undefined);
      return closed;
    }
    const v5 = this.protocolVersion === 5;
    const packet: DisconnectPacket = { type: 'disconnect', ...(v5 && opts.reasonCode ? { reasonCode: opts.reasonCode } : {}), ...(v5 && opts.properties ? { properties: opts.properties } : {}) };
    this.send(packet);
    const flushed = wire.end();
    return this.mayReceive ? closed : Promise.race([flushed, closed]);
  }

  /** Closes without DISCONNECT (the server then publishes our will). */
  destroy(): void {
    this.closing = true;
    if (this.wire && !this.wire.isClosed) this.wire.destroy();
    else this.finish(undefined);
  }

  private deliver(msg: IncomingMessage): void {
    this.emitter.emit('message', msg);
  }

  private send(packet: Packet): boolean {
    // While reconnecting nothing goes out; unacknowledged publishes are resent later.
    if (!this.wire || this.wire.isClosed) return false;
    this.keepalive.sent();
    this.rejection.sent(packet);
    return this.wire.send(packet);
  }

  private async link(): Promise<void> {
    await openLink(this.config, this.taps, {
      connack: (wire, p) => this.onConnack(wire, p),
      packet: (p) => this.onPacket(p),
      error: (wire, err) => this.onWireError(wire, err),
      internal: (wire, err) => this.onInternalError(wire, err),
      close: (wire) => this.onClose(wire),
    }, this.dial);
  }

  private onConnack(wire: WireConnection, connack: ConnackPacket): void {
    if (this.closed) {
      // A reconnect that succeeded after the user closed us: leave at once, politely.
      wire.send({ type: 'disconnect' });
      wire.close();
      return;
    }
    const resumed = this.connack !== undefined;
    this.wire = wire;
    this.connack = connack;
    this.closeError = undefined;
    this.rejection.connected();
    const props = connack.properties;
    this.window.resize(Math.min(this.config.maxInflight, props?.receiveMaximum ?? 65535));
    // Aliases are capped by the server's Topic Alias Maximum [MQTT-3.3.2-8], packets by its Maximum Packet Size.
    this.out.connected({ topicAliasMaximum: props?.topicAliasMaximum ?? 0, maxPacketSize: props?.maximumPacketSize });
    // The server's keepalive replaces ours [MQTT-3.2.2-21].
    this.keepalive.start(props?.serverKeepAlive !== undefined ? props.serverKeepAlive * 1000 : undefined);
    this.in.connected();
    if (resumed) {
      // Without the session the server forgot our QoS 2 receipts [MQTT-4.1.0-1].
      if (!connack.sessionPresent) this.in.reset();
      this.out.resend(connack.sessionPresent);
    }
    this.emitter.emit('connect', connack);
  }

  /** Dispatches one packet, then runs what waited for its end (see disconnect()). */
  private onPacket(packet: Packet): void {
    const after: Array<() => void> = [];
    this.afterPacket = after;
    try {
      this.dispatch(packet);
    } catch (err) {
      // Our bug: the wire reports it and closes first; what waited then finds it closed.
      for (const fn of after) setImmediate(fn);
      throw err;
    } finally {
      this.afterPacket = undefined;
    }
    for (const fn of after) fn();
  }

  private dispatch(packet: Packet): void {
    this.keepalive.received();
    this.rejection.received();
    switch (packet.type) {
      case 'publish':
        this.mayReceive = true;
        return this.in.onPublish(packet);
      case 'puback':
      case 'pubrec':
      case 'pubcomp':
        return this.out.onAck(packet);
      case 'pubrel':
        return this.in.onPubrel(packet);
      case 'suback':
      case 'unsuback':
        return this.requests.onAck(packet);
      case 'pingresp':
        return;
      case 'disconnect':
        this.emitter.emit('disconnect', packet);
        this.closeError = new ClientError('server-disconnect', 'The server closed the connection.', {
          reasonCode: packet.reasonCode ?? 0,
          reasonString: packet.properties?.reasonString,
        });
        return;
      default:
        throw new MqttError(ReasonCode.ProtocolError, `Unexpected ${packet.type.toUpperCase()} from the server`);
    }
  }

  private onWireError(wire: WireConnection, err: Error): void {
    const ce = toClientError(err);
    if (ce.kind === 'protocol' && this.protocolVersion === 5 && !wire.isClosed) {
      // Tell the server why before closing [MQTT-4.13.1-1].
      wire.send({ type: 'disconnect', reasonCode: ce.reasonCode ?? ReasonCode.MalformedPacket });
    }
    this.closeError ??= ce;
  }

  /** A handler threw: report it as the bug it is, once, and stop (no reconnect loop). */
  private onInternalError(wire: WireConnection, err: unknown): void {
    this.closeError = internalError(err);
    // MQTT 5: tell the server (0x83 Implementation specific error) [MQTT-4.13.2-1].
    if (this.protocolVersion === 5 && !wire.isClosed) wire.send({ type: 'disconnect', reasonCode: ReasonCode.ImplementationSpecificError });
  }

  private abort(err: ClientError): void {
    this.closeError ??= err;
    this.wire?.destroy();
  }

  private onClose(wire: WireConnection): void {
    if (wire !== this.wire) return; // a failed attempt: openLink reports it
    this.keepalive.stop();
    const err = this.closeError ?? (this.closing ? undefined : this.rejection.lost() ?? lostError());
    this.requests.failAll(err ?? lostError());
    const delay = this.config.reconnectDelayMs;
    // A server that says why it closed (e.g. 0x8E session taken over) is not argued with.
    if (this.closing || delay === undefined || (err && FINAL.has(err.kind))) {
      this.finish(err);
      return;
    }
    this.emitter.emit('offline', err);
    this.online = this.reconnect(delay);
  }

  /**
   * Tries again until a CONNACK, `reconnectDelayMs` apart or backing off (backoff.ts); a
   * refusal (CONNACK ≥ 1) is final, and so is the `reconnectAttempts`-th failure in a row.
   */
  private async reconnect(delay: number): Promise<void> {
    const backoff = { baseMs: delay, maxMs: this.config.reconnectMaxDelayMs };
    for (let attempt = 1; ; attempt++) {
      await new Promise((r) => setTimeout(r, reconnectWait(backoff, attempt)));
      if (this.closing) return this.finish(undefined);
      try {
        await this.link();
        this.online = undefined;
        return;
      } catch (err) {
        const ce = toClientError(err instanceof Error ? err : new Error(String(err)));
        if (ce.kind === 'connack' || ce.kind === 'internal') return this.finish(ce);
        this.emitter.emit('retry', ce, attempt);
        if (this.config.reconnectAttempts !== undefined && attempt >= this.config.reconnectAttempts) return this.finish(ce);
      }
    }
  }

  private finish(err: ClientError | undefined): void {
    if (this.closed) return;
    this.closed = true;
    this.online = undefined;
    const failure = err ?? lostError();
    this.out.failAll(failure);
    this.requests.failAll(failure, true);
    this.emitter.emit('close', err);
  }
}

/** Failures that a reconnect would only repeat. */
const FINAL: ReadonlySet<ClientError['kind']> = new Set(['protocol', 'server-disconnect', 'internal', 'rejected']);

