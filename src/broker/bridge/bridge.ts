// A mosquitto-style bridge: an MQTT client inside the broker that joins a remote broker.
// Locally it is an ordinary client over an in-memory stream (persistent session, No Local
// so what it brings in never goes back out); remotely it connects with backoff, MQTT 5
// No Local or 3.1.1 try_private against loops. A message is acknowledged on one side
// only once the other side has it, so QoS 1/2 messages that cannot be forwarded while
// the remote is away stay in the local session (bounded by max_queued_messages) and
// are sent when it is back.
import { connect as netConnect } from 'node:net';
import { hostname } from 'node:os';
import { readFileSync } from 'node:fs';
import type { Duplex } from 'node:stream';
import { connect as tlsConnect } from 'node:tls';
import type { PublishPacket, QoS } from '../../codec/types.js';
import type { BridgeConfig } from '../options.js';
import { MqttLink, type OutgoingMessage } from './mqtt-link.js';
import { duplexPair } from '../../wire/duplex-pair.js';
import { localFilter, remoteFilter, toLocalTopic, toRemoteTopic } from './topics.js';

export interface BridgeHost {
  /** Serves the bridge's local end like any client connection. */
  handle(stream: Duplex): void;
  log(message: string): void;
}

interface Forward {
  msg: OutgoingMessage;
  ack: () => void;
}

const MIN_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 30_000;

export class Bridge {
  private local: MqttLink | undefined;
  private remote: MqttLink | undefined;
  /** Local messages not yet acknowledged by the remote broker, oldest first. */
  private readonly outbox: Forward[] = [];
  private backoff = MIN_BACKOFF_MS;
  private retry: NodeJS.Timeout | undefined;
  private stopped = false;
  /** try_private refused once (the remote is not mosquitto): connect plainly from then on. */
  private privateRefused = false;
  readonly stateTopic: string;

  constructor(private readonly cfg: BridgeConfig, private readonly host: BridgeHost) {
    this.stateTopic = `$SYS/broker/connection/${cfg.name}/state`;
  }

  get remoteClientId(): string {
    return this.cfg.clientId ?? `${hostname()}.${this.cfg.name}`;
  }

  async start(): Promise<void> {
    const [ours, theirs] = duplexPair();
    this.host.handle(theirs);
    const local = new MqttLink(ours, { clientId: `mqtk-bridge/${this.cfg.name}`, version: 5, clean: false, keepalive: 0, properties: { sessionExpiryInterval: 0xffffffff, receiveMaximum: 1000 } }, {
      message: (p, ack) => this.outward(p, ack),
      close: () => {},
    });
    this.local = local;
    await local.connect();
    const out = this.cfg.topics.filter((t) => t.direction !== 'in');
    if (out.length > 0) {
      await local.subscribe(out.map((t) => ({ topicFilter: localFilter(t), qos: t.qos, noLocal: true, retainAsPublished: true, retainHandling: 0 as const })));
    }
    await this.notify('0');
    this.connectRemote();
  }

  private async notify(state: '0' | '1'): Promise<void> {
    if (!this.cfg.notifications || this.local === undefined) return;
    await this.local.publish({ topic: this.stateTopic, payload: Buffer.from(state), qos: 1, retain: true }).catch(() => {});
  }

  private transport(): Duplex {
    const { host, port, cafile, certfile, keyfile } = this.cfg;
    if (cafile === undefined && certfile === undefined) return netConnect({ host, port, noDelay: true });
    return tlsConnect({
      host, port, servername: host,
      ...(cafile !== undefined ? { ca: readFileSync(cafile) } : {}),
      ...(certfile !== undefined ? { cert: readFileSync(certfile) } : {}),
      ...(keyfile !== undefined ? { key: readFileSync(keyfile) } : {}),
    });
  }

  private connectRemote(): void {
    if (this.stopped) return;
    const c = this.cfg;
    const stream = this.transport();
    stream.on('error', () => {});
    const notifyWill = c.notifications ? { topic: this.stateTopic, payload: Buffer.from('0'), qos: 1 as QoS, retain: true } : undefined;
    const link = new MqttLink(stream, {
      clientId: this.remoteClientId, version: c.protocolVersion, clean: c.cleanSession, keepalive: c.keepalive,
      ...(c.username !== undefined ? { username: c.username } : {}),
      ...(c.password !== undefined ? { password: c.password } : {}),
      ...(notifyWill ? { will: notifyWill } : {}),
      ...(c.protocolVersion === 5 && !c.cleanSession ? { properties: { sessionExpiryInterval: 0xffffffff } } : {}),
      tryPrivate: c.tryPrivate && !this.privateRefused,
    }, {
      message: (p, ack) => this.inward(p, ack),
      close: () => this.onRemoteLost(link),
    });
    this.remote = link;
    link.connect().then(() => this.onRemoteUp(link), (err: unknown) => {
      // CONNACK 1 (unacceptable protocol version) to a bridge CONNECT: retry as a plain client.
      if (c.tryPrivate && !this.privateRefused && err instanceof Error && err.message.includes('reason code 1)')) this.privateRefused = true;
      this.host.log(`bridge ${c.name}: cannot connect to ${c.host}:${c.port}: ${err instanceof Error ? err.message : String(err)}`);
    });
  }

  private async onRemoteUp(link: MqttLink): Promise<void> {
    const c = this.cfg;
    this.backoff = MIN_BACKOFF_MS;
    this.host.log(`bridge ${c.name}: connected to ${c.host}:${c.port}`);
    const inbound = c.topics.filter((t) => t.direction !== 'out');
    if (inbound.length > 0) {
      // No Local (MQTT 5) keeps what we publish there from coming back [MQTT-3.8.3-3].
      const v5 = c.protocolVersion === 5;
      await link.subscribe(inbound.map((t) => ({ topicFilter: remoteFilter(t), qos: t.qos, ...(v5 ? { noLocal: true, retainAsPublished: true, retainHandling: 0 as const } : {}) }))).catch(() => {});
    }
    if (c.notifications) await link.publish({ topic: this.stateTopic, payload: Buffer.from('1'), qos: 1, retain: true }).catch(() => {});
    await this.notify('1');
    for (const f of [...this.outbox]) this.send(link, f);
  }

  private onRemoteLost(link: MqttLink): void {
    if (this.remote !== link) return;
    this.remote = undefined;
    void this.notify('0');
    if (this.stopped) return;
    this.host.log(`bridge ${this.cfg.name}: connection to ${this.cfg.host}:${this.cfg.port} lost; retrying in ${this.backoff} ms`);
    this.retry = setTimeout(() => this.connectRemote(), this.backoff);
    this.retry.unref();
    this.backoff = Math.min(this.backoff * 2, MAX_BACKOFF_MS);
  }

  /** A local message for the remote broker. */
  private outward(p: PublishPacket, ack: () => void): void {
    const mapped = toRemoteTopic(this.cfg.topics, p.topic);
    if (mapped === undefined) return ack();
    const f: Forward = { msg: { topic: mapped, payload: Buffer.from(p.payload), qos: p.qos, retain: p.retain, ...(p.properties ? { properties: strip(p.properties) } : {}) }, ack };
    if (p.qos === 0) {
      // QoS 0 is best effort: forwarded if the remote is there, else dropped.
      if (this.remote !== undefined && !this.remote.closed) void this.remote.publish(f.msg).catch(() => {});
      return ack();
    }
    this.outbox.push(f);
    if (this.remote !== undefined && !this.remote.closed) this.send(this.remote, f);
  }

  private send(link: MqttLink, f: Forward): void {
    link.publish(f.msg).then(() => {
      const i = this.outbox.indexOf(f);
      if (i >= 0) this.outbox.splice(i, 1);
      f.ack();
    }, () => {
      // Lost with the connection: stays in the outbox for the next one.
    });
  }

  /** A remote message for the local broker. */
  private inward(p: PublishPacket, ack: () => void): void {
    const mapped = toLocalTopic(this.cfg.topics, p.topic);
    if (mapped === undefined || this.local === undefined) return ack();
    const msg: OutgoingMessage = { topic: mapped, payload: Buffer.from(p.payload), qos: p.qos, retain: p.retain, ...(p.properties ? { properties: strip(p.properties) } : {}) };
    this.local.publish(msg).then(ack, () => {});
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry !== undefined) clearTimeout(this.retry);
    const remote = this.remote;
    this.remote = undefined;
    if (remote !== undefined && !remote.closed) {
      if (this.cfg.notifications) await remote.publish({ topic: this.stateTopic, payload: Buffer.from('0'), qos: 0, retain: true }).catch(() => {});
      remote.close();
    }
    this.local?.close();
  }
}

/** Per-hop properties are not forwarded: the next broker sets its own. */
function strip(p: NonNullable<PublishPacket['properties']>): NonNullable<PublishPacket['properties']> {
  const { topicAlias: _a, subscriptionIdentifier: _s, ...rest } = p;
  return rest;
}
