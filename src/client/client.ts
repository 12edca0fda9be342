// The client engine's facade: one connection, one dispatcher, one flow object per
// packet exchange. It accepts any Duplex (tests use an in-memory peer) and never
// prints or exits; commands decide what failures mean.
import { EventEmitter } from 'node:events';
import type { Duplex } from 'node:stream';
import { MqttError } from '../codec/errors.js';
import type { ConnackPacket, DisconnectPacket, Packet, Properties, SubackPacket, Subscription, UnsubackPacket } from '../codec/types.js';
import { WireConnection, type PacketTap } from '../wire/connection.js';
import type { ClientConfig } from './config.js';
import { ClientError } from './errors.js';
import { receiveTime, type ClientEvents, type IncomingMessage } from './events.js';
import { awaitConnack, connectPacket, type ConnectWait } from './flows/connect.js';
import type { FlowContext } from './flows/context.js';
import { PublishIn } from './flows/publish-in.js';
import { lostError, PublishOut, type OutgoingMessage, type PublishResult } from './flows/publish-out.js';
import { Requests } from './flows/requests.js';
import { InflightWindow } from './inflight.js';
import { Keepalive } from './keepalive.js';
import { PacketIds } from './packet-ids.js';
import { InboundTopicAliases, OutboundTopicAliases } from './topic-alias.js';
import { openTransport } from './transport.js';

export interface ConnectExtras {
  /** Use this stream instead of opening the configured transport (tests). */
  stream?: Duplex;
  /** See every packet in and out (traces, -d). Added before CONNECT is sent. */
  taps?: PacketTap[];
}

export class MqttClient {
  private readonly emitter = new EventEmitter();
  private readonly ids = new PacketIds();
  private readonly window: InflightWindow;
  private readonly out: PublishOut;
  private readonly in: PublishIn;
  private readonly requests: Requests;
  private readonly keepalive: Keepalive;
  private pendingConnect: ConnectWait | undefined;
  private closing = false;
  private early: IncomingMessage[] | undefined;
  private closeError: ClientError | undefined;
  connack: ConnackPacket | undefined;

  private constructor(
    private readonly wire: WireConnection,
    readonly config: ClientConfig,
  ) {
    const ctx: FlowContext = {
      send: (p) => this.send(p),
      protocolVersion: config.connect.protocolVersion,
      ids: this.ids,
    };
    this.window = new InflightWindow(config.maxInflight);
    const aliasMax = config.connect.properties?.topicAliasMaximum ?? 0;
    this.in = new PublishIn(ctx, (packet) => this.deliver({ packet, time: receiveTime() }), aliasMax > 0 ? new InboundTopicAliases(aliasMax) : undefined);
    this.out = new PublishOut(ctx, this.window, undefined);
    this.requests = new Requests(ctx);
    this.keepalive = new Keepalive(config.connect.keepalive * 1000, {
      ping: () => this.send({ type: 'pingreq' }),
      timeout: () => this.abort(new ClientError('timeout', 'The connection was lost (no PINGRESP within the keepalive).')),
    });
  }

  /** Opens the transport, sends CONNECT and resolves after a successful CONNACK. */
  static async connect(config: ClientConfig, extras: ConnectExtras = {}): Promise<MqttClient> {
    const stream = extras.stream ?? (await openTransport(config.transport, config.connectTimeoutMs));
    let client!: MqttClient;
    const wire = new WireConnection(stream, { protocolVersion: config.connect.protocolVersion }, {
      packet: (p) => client.dispatch(p),
      error: (err) => client.onWireError(err),
      close: () => client.onClose(),
    });
    client = new MqttClient(wire, config);
    for (const tap of extras.taps ?? []) wire.addTap(tap);
    const wait = awaitConnack(config.connectTimeoutMs);
    client.pendingConnect = wait;
    client.send(connectPacket(config.connect));
    try {
      await wait.connack;
    } catch (err) {
      wire.destroy();
      throw err;
    }
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
    if (event === 'message' && this.early) {
      // Messages of a resumed session can arrive with the CONNACK, before anyone listens.
      const early = this.early;
      this.early = undefined;
      queueMicrotask(() => {
        for (const m of early) this.emitter.emit('message', m);
      });
    }
    return this;
  }

  private deliver(msg: IncomingMessage): void {
    if (this.emitter.listenerCount('message') > 0) this.emitter.emit('message', msg);
    else (this.early ??= []).push(msg);
  }

  /** Resolves when done: written (QoS 0), PUBACK (1) or PUBCOMP (2). Rejects if the connection is lost first. */
  publish(msg: OutgoingMessage): Promise<PublishResult> {
    return this.out.publish(msg);
  }

  /**
   * Undefined when a publish at this QoS may go out now; otherwise a promise to await
   * first: the socket's buffer is full, or (QoS > 0) the inflight window is.
   */
  ready(qos = 0): Promise<void> | undefined {
    if (this.wire.needsDrain) return this.wire.drained();
    return qos > 0 ? this.window.whenRoom() : undefined;
  }

  get inflight(): number {
    return this.out.inflight;
  }

  subscribe(subscriptions: Subscription[], properties?: Properties): Promise<SubackPacket> {
    return this.requests.subscribe(subscriptions, properties);
  }

  unsubscribe(topicFilters: string[], properties?: Properties): Promise<UnsubackPacket> {
    return this.requests.unsubscribe(topicFilters, properties);
  }

  /** Sends DISCONNECT and closes once it is flushed [MQTT-3.14.4]. */
  async disconnect(opts: { reasonCode?: number; properties?: Properties } = {}): Promise<void> {
    if (this.wire.isClosed) return;
    this.closing = true;
    // Let the packet being dispatched finish first (e.g. the PUBACK of the message
    // whose handler asked to disconnect), so DISCONNECT is the last packet we send.
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (this.wire.isClosed) return;
    const v5 = this.protocolVersion === 5;
    const packet: DisconnectPacket = { type: 'disconnect', ...(v5 && opts.reasonCode ? { reasonCode: opts.reasonCode } : {}), ...(v5 && opts.properties ? { properties: opts.properties } : {}) };
    this.send(packet);
    const closed = new Promise<void>((resolve) => this.emitter.once('close', () => resolve()));
    this.wire.end();
    await closed;
  }

  /** Closes without DISCONNECT (the server then publishes our will). */
  destroy(): void {
    this.closing = true;
    this.wire.destroy();
  }

  private send(packet: Packet): boolean {
    this.keepalive.sent();
    return this.wire.send(packet);
  }

  private afterConnack(connack: ConnackPacket): void {
    const props = connack.properties;
    if (props?.receiveMaximum !== undefined) this.window.limitTo(props.receiveMaximum);
    // Aliases we may use are capped by the server's Topic Alias Maximum [MQTT-3.3.2-8].
    this.out.setAliases(new OutboundTopicAliases(props?.topicAliasMaximum ?? 0));
    // The server's keepalive replaces ours [MQTT-3.2.2-21].
    this.keepalive.start(props?.serverKeepAlive !== undefined ? props.serverKeepAlive * 1000 : undefined);
  }

  private dispatch(packet: Packet): void {
    this.keepalive.received();
    if (this.pendingConnect) {
      // Settled synchronously: packets in the same chunk as the CONNACK (a resumed
      // session's queued messages) are dispatched normally right after it.
      const wait = this.pendingConnect;
      this.pendingConnect = undefined;
      wait.onPacket(packet);
      if (packet.type === 'connack' && packet.reasonCode === 0) {
        this.connack = packet;
        this.afterConnack(packet);
      }
      return;
    }
    switch (packet.type) {
      case 'publish':
        this.in.onPublish(packet);
        return;
      case 'puback':
      case 'pubrec':
      case 'pubcomp':
        this.out.onAck(packet);
        return;
      case 'pubrel':
        this.in.onPubrel(packet);
        return;
      case 'suback':
      case 'unsuback':
        this.requests.onAck(packet);
        return;
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
        throw new MqttError(0x82, `Unexpected ${packet.type.toUpperCase()} from the server`);
    }
  }

  private onWireError(err: Error): void {
    const ce =
      err instanceof ClientError
        ? err
        : err instanceof MqttError
          ? new ClientError('protocol', err.message, { reasonCode: err.reasonCode, cause: err })
          : new ClientError('lost', 'The connection was lost.', { cause: err });
    if (ce.kind === 'protocol' && this.protocolVersion === 5 && !this.wire.isClosed) {
      // Tell the server why before closing [MQTT-4.13.1-1].
      this.wire.send({ type: 'disconnect', reasonCode: ce.reasonCode ?? 0x81 });
    }
    this.closeError ??= ce;
  }

  private abort(err: ClientError): void {
    this.closeError ??= err;
    this.wire.destroy();
  }

  private onClose(): void {
    this.keepalive.stop();
    const err = this.closeError ?? (this.closing ? undefined : lostError());
    const failure = err ?? lostError();
    this.pendingConnect?.fail(failure);
    this.out.failAll(failure);
    this.requests.failAll(failure);
    this.emitter.emit('close', err);
  }
}
