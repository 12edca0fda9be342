// A mosquitto-style bridge: a client of the remote broker (the client engine: inflight
// window within the remote's Receive Maximum, packet ids, resends, reconnects) and a
// local session of ours (an in-memory connection the broker serves, trusted). A message
// is acknowledged on one side only once the other side has it, in both directions.
// Loops are prevented with No Local: locally always, remotely by MQTT 5 subscription
// options or, for MQTT 3.1.1, mosquitto's try_private bridge marker.
import type { Duplex } from 'node:stream';
import type { BridgeConfig } from '../broker/options.js';
import { MqttClient } from '../client/client.js';
import type { ClientError } from '../client/errors.js';
import type { IncomingMessage } from '../client/events.js';
import { openTransport } from '../client/transport.js';
import type { ApplicationMessage, Properties } from '../codec/types.js';
import { Forwarder } from './forwarder.js';
import { MainWatch } from './main-watch.js';
import { AddressRotation, Backoff } from './reconnect-policy.js';
import { localClientId, stateMessage, toLocalConfig, toRemoteConfig, toTransport } from './remote-config.js';
import { localFilter, remoteFilter, toLocalTopic, toRemoteTopic } from './topics.js';

/** What a bridge needs from the broker it belongs to (serve wires it to createBroker's Broker). */
export interface BridgeHost {
  /** An in-memory, trusted connection to the local broker (Broker.connectLocal). */
  connectLocal(name: string): Duplex;
  countDropped(clientId: string, topic: string, reason: string): void;
  log(message: string): void;
  /** QoS 1/2 messages in flight towards the remote (max_inflight_messages; 0: mosquitto's 20). */
  maxInflight: number;
}

export class Bridge {
  private local: MqttClient | undefined;
  /** The remote client while it lives (connected or reconnecting). */
  private remote: MqttClient | undefined;
  private readonly forwarder: Forwarder;
  private readonly rotation: AddressRotation;
  private readonly backoff: Backoff;
  private readonly watch: MainWatch;
  private readonly stopping = new AbortController();
  /** The remote refused the try_private marker (CONNACK 1): connect as a plain client. */
  private privateRefused = false;
  private stopped = false;
  /** Between up() and down(): a connection to the remote is established and set up. */
  private isUp = false;
  private running: Promise<void> | undefined;

  constructor(private readonly cfg: BridgeConfig, private readonly host: BridgeHost) {
    this.rotation = new AddressRotation(cfg.addresses, cfg.roundRobin);
    this.backoff = new Backoff(cfg.restartTimeout[0] * 1000, cfg.restartTimeout[1] * 1000);
    this.forwarder = new Forwarder({
      dropped: (msg, reason) => host.countDropped(localClientId(cfg), msg.topic, `bridge ${cfg.name}: ${reason}`),
      log: (message) => this.log(message),
    });
    this.watch = new MainWatch(cfg.restartTimeout[0] * 1000, () => openTransport(toTransport(cfg, this.rotation.main), 5000), () => this.returnToMain());
  }

  private log(message: string): void {
    this.host.log(`bridge ${this.cfg.name}: ${message}`);
  }

  /** Joins the local broker (subscribing the `out` topics), then connects to the remote in the background. */
  async start(): Promise<void> {
    const c = this.cfg;
    const window = this.host.maxInflight;
    this.local = await MqttClient.connect(toLocalConfig(c, window), {
      dial: () => this.host.connectLocal(`bridge:${c.name}`),
      onMessage: (m) => this.outward(m),
    });
    const out = c.topics.filter((t) => t.direction !== 'in');
    // No Local: what the bridge brings in never goes back out [MQTT-3.8.3-3].
    if (out.length > 0) await this.local.subscribe(out.map((t) => ({ topicFilter: localFilter(t), qos: t.qos, noLocal: true, retainAsPublished: true, retainHandling: 0 as const })));
    await this.notifyLocal(false);
    // runRemote handles every network failure itself; anything else is our bug, said once, not an unhandled rejection.
    this.running = this.runRemote().catch((err: unknown) => this.log(`stopped by an internal error (please report it): ${err instanceof Error ? err.message : String(err)}`));
  }

  private async runRemote(): Promise<void> {
    while (!this.stopped) {
      let client: MqttClient;
      try {
        const config = toRemoteConfig(this.cfg, { maxInflight: this.host.maxInflight, tryPrivate: this.cfg.tryPrivate && !this.privateRefused });
        client = await MqttClient.connect(config, { dial: () => this.dial(), onMessage: (m) => this.inward(m) });
      } catch (err) {
        this.connectFailed(err as ClientError);
        continue;
      }
      if (this.stopped) return client.disconnect({ timeoutMs: 1000 });
      this.remote = client;
      const closed = new Promise<ClientError | undefined>((resolve) => client.on('close', resolve));
      client.on('offline', (err) => this.down(err));
      client.on('connect', () => void this.up(client));
      await this.up(client);
      const err = await closed;
      this.remote = undefined;
      this.forwarder.detach(client);
      if (!this.stopped) this.down(err);
    }
  }

  /** Opens each attempt's stream: the rotation's address, after the backoff's wait. */
  private async dial(): Promise<Duplex> {
    const wait = this.backoff.next();
    if (wait > 0) await sleep(wait, this.stopping.signal);
    const a = this.rotation.current;
    try {
      return await openTransport(toTransport(this.cfg, a), 10_000);
    } catch (err) {
      this.log(`cannot connect to ${a.host}:${a.port}: ${(err as Error).message}`);
      this.rotation.failed();
      throw err;
    }
  }

  private connectFailed(err: ClientError): void {
    // CONNACK 1 (unacceptable protocol version) to the bridge marker: not mosquitto; try plainly.
    if (err.kind === 'connack' && err.reasonCode === 1 && this.cfg.tryPrivate && !this.privateRefused) this.privateRefused = true;
    if (err.kind === 'connack') this.log(`connection refused by ${this.rotation.current.host}:${this.rotation.current.port} (reason code ${err.reasonCode})`);
  }

  /** Connected (first time or after a reconnect): subscriptions, notifications, then the queue. */
  private async up(client: MqttClient): Promise<void> {
    const c = this.cfg;
    this.backoff.connected();
    const a = this.rotation.current;
    const v5 = c.protocolVersion === 5;
    try {
      const outOnly = c.topics.filter((t) => t.direction === 'out').map(remoteFilter);
      if (c.attemptUnsubscribe && outOnly.length > 0) await client.unsubscribe(outOnly);
      const inbound = c.topics.filter((t) => t.direction !== 'out');
      // MQTT 5: No Local keeps what we publish there from coming back [MQTT-3.8.3-3].
      if (inbound.length > 0) await client.subscribe(inbound.map((t) => ({ topicFilter: remoteFilter(t), qos: t.qos, ...(v5 ? { noLocal: true, retainAsPublished: true, retainHandling: 0 as const } : {}) })));
      if (c.notifications) void client.publish(stateMessage(c, true)).catch(() => {});
    } catch {
      return; // lost while setting up: the engine reconnects and calls us again
    }
    this.isUp = true;
    this.log(`connected to ${a.host}:${a.port}`);
    await this.notifyLocal(true);
    this.forwarder.attach(client);
    if (this.rotation.wantsMain) this.watch.start();
  }

  private down(err: ClientError | undefined): void {
    if (!this.isUp) return;
    this.isUp = false;
    const a = this.rotation.current;
    this.log(`connection to ${a.host}:${a.port} lost${err ? ` (${err.message})` : ''}; reconnecting`);
    this.watch.stop();
    this.rotation.failed();
    void this.notifyLocal(false);
  }

  /** round_robin false: the main address answers again; leave the secondary for it. */
  private returnToMain(): void {
    this.log(`${this.rotation.main.host}:${this.rotation.main.port} is back; returning to it`);
    this.isUp = false;
    this.rotation.backToMain();
    this.backoff.reset();
    void this.remote?.disconnect({ timeoutMs: 1000 });
  }

  private async notifyLocal(up: boolean): Promise<void> {
    if (!this.cfg.notifications) return;
    await this.local?.publish(stateMessage(this.cfg, up)).catch(() => {});
  }

  /** A local message for the remote broker. */
  private outward(m: IncomingMessage): void {
    const p = m.packet;
    const ack = m.ack ?? (() => {});
    const topic = toRemoteTopic(this.cfg.topics, p.topic);
    if (topic === undefined) return ack();
    // Properties need MQTT 5 at the remote (§2.2.2): a 3.1.1 bridge forwards topic, payload, QoS and RETAIN.
    this.forwarder.forward(toForward(p, topic, this.cfg.protocolVersion === 5), ack);
  }

  /** A remote message for the local broker: acknowledged to the remote once ours has it. */
  private inward(m: IncomingMessage): void {
    const p = m.packet;
    const ack = m.ack ?? (() => {});
    const topic = toLocalTopic(this.cfg.topics, p.topic);
    if (topic === undefined || this.local === undefined) return ack();
    // Any answer of ours is final (a refusal, e.g. message_size_limit, is counted by the broker); only shutdown leaves it unacknowledged.
    this.local.publish(toForward(p, topic, true)).then(ack, () => {});
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.stopping.abort();
    this.watch.stop();
    this.forwarder.stop();
    const remote = this.remote;
    if (remote?.isConnected && this.cfg.notifications) await withTimeout(remote.publish(stateMessage(this.cfg, false)), 1000);
    await remote?.disconnect({ timeoutMs: 1000 });
    await withTimeout(this.running ?? Promise.resolve(), 1000);
    await this.notifyLocal(false);
    await this.local?.disconnect({ timeoutMs: 1000 });
  }
}

/** Per-hop properties are not forwarded: the next broker sets its own. */
function toForward(p: IncomingMessage['packet'], topic: string, withProperties: boolean): ApplicationMessage {
  let properties: Properties | undefined;
  if (p.properties && withProperties) {
    const { topicAlias: _a, subscriptionIdentifier: _s, ...rest } = p.properties;
    if (Object.keys(rest).length > 0) properties = rest;
  }
  return { topic, payload: p.payload, qos: p.qos, retain: p.retain, ...(properties ? { properties } : {}) };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new Error('bridge stopped'));
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(new Error('bridge stopped'));
    }, { once: true });
  });
}

async function withTimeout(p: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([p.catch(() => {}), new Promise((r) => (timer = setTimeout(r, ms)))]);
  clearTimeout(timer);
}
