// One bench engine: the connections of one worker thread (or of the main thread with
// --workers 1). It connects its share of the clients, publishes and receives when the
// coordinator says start, reports one Interval per second, and answers stop and drain.
// It only talks through `post` and handle(), so the same code runs in a worker and in
// the main thread.
import { MqttClient } from '../../client/client.js';
import { ClientError } from '../../client/errors.js';
import { reasonCodeName } from '../../codec/constants.js';
import type { Clock } from './clock.js';
import type { BenchConfig } from './config.js';
import type { CoordinatorMessage, EngineMessage } from './messages.js';
import { createPayloadTemplate } from './payload.js';
import { Publisher } from './publisher.js';
import { Recorder } from './recorder.js';
import { shareOf } from './schedule.js';
import { addCounts, emptyCounts, SequenceTracker } from './sequence.js';
import { Subscriber } from './subscriber.js';
import type { Dial } from '../../client/link.js';
import { connectAll, type Connected, type Role, rolesOf } from './connections.js';
import type { ClientResult } from '../../format/bench-clients.js';

/** One client's own results; `perS` is filled in by the summary, which knows the run's length. */
function toClientResult(m: { c: Connected; pub?: Publisher; sub?: Subscriber }, tail: ReadonlyMap<number, number> | undefined, shared: boolean): ClientResult {
  const { c, pub, sub } = m;
  const seq = sub && !shared ? sub.tracker.counts(tail) : undefined;
  return {
    index: c.index, clientId: c.client.clientId, role: c.role.kind, connectMs: c.connectMs,
    sent: pub?.sent ?? 0, acked: pub?.acked ?? 0, received: sub?.received ?? 0, perS: 0,
    latency: (pub ?? sub)?.stats.result() ?? { count: 0, mean: 0, min: 0, max: 0, stddev: 0 },
    ...(seq ? { sequence: { lost: seq.lost, duplicates: seq.duplicates, reordered: seq.reordered } } : {}),
    disconnects: c.counts.disconnects, reconnects: c.counts.reconnects,
  };
}

/** pubsub: a drain ends this long after the last message arrived. */
const QUIET_MS = 2000;
/** At the end, publishers wait this long at most for the acks still owed them. */
const ACK_WAIT_MS = 5000;

export interface EngineSetup {
  cfg: BenchConfig;
  worker: number;
  workers: number;
  /** Epoch ms the run was launched: intervals are whole seconds from here. */
  launchAt: number;
  clock: Clock;
  post(msg: EngineMessage): void;
  /** Tests: open each connection's stream in memory (the facade's ConnectExtras.dial). */
  dial?: Dial;
}

export class Engine {
  private readonly rec: Recorder;
  private readonly clients: MqttClient[] = [];
  private readonly publishers: Publisher[] = [];
  private readonly subscribers: Subscriber[] = [];
  /** Every connected client with what it did, for the per-client results. */
  private readonly members: Array<{ c: Connected; pub?: Publisher; sub?: Subscriber }> = [];
  private timer: NodeJS.Timeout | undefined;
  private activeOver = false;
  private finished = false;
  private subsAtLimit = 0;
  private sharedTracker: SequenceTracker | undefined;
  /** Launch-relative second the run started; intervals after start are never labelled before it. */
  private startSecond = -Infinity;

  constructor(private readonly s: EngineSetup) {
    this.rec = new Recorder(String(s.worker));
  }

  /** Connects this engine's clients (and subscribes), then posts 'ready'. */
  async prepare(): Promise<void> {
    this.scheduleTick();
    const { cfg, worker, workers, clock } = this.s;
    const roles = rolesOf(cfg, worker, workers);
    const connected = await connectAll(roles, cfg, { worker, launchAt: this.s.launchAt, clock, rec: this.rec, dial: this.s.dial });
    const template = createPayloadTemplate(cfg.size);
    for (const c of connected) {
      const { role, client, topic } = c;
      this.clients.push(client);
      const member: (typeof this.members)[number] = { c };
      this.members.push(member);
      if (role.kind === 'pub') {
        const publisher = new Publisher(client, {
          id: cfg.startNumber + role.j, topic, qos: cfg.qos, retain: cfg.retain, properties: cfg.publishProperties, template,
          limit: shareOf(cfg.limit, cfg.clients, role.j), ...(cfg.msgIntervalMs !== undefined ? { intervalMs: cfg.msgIntervalMs } : {}),
          // Spread the publishers over one interval instead of sending in bursts.
          phaseMs: cfg.msgIntervalMs !== undefined ? (cfg.msgIntervalMs * role.j) / cfg.clients : 0,
        }, this.rec, clock);
        client.on('close', () => publisher.stop());
        this.publishers.push(publisher);
        member.pub = publisher;
      } else if (role.kind === 'sub') {
        const sub = new Subscriber(this.rec, clock, this.trackerFor(), cfg.mode === 'sub' ? cfg.limit : Infinity, () => this.subAtLimit());
        client.on('message', sub.onMessage);
        this.subscribers.push(sub);
        member.sub = sub;
        await this.subscribe(client, role);
        // Reconnected (--reconnect) to a new session: subscribe again. What was published
        // meanwhile is gone, and the sequence numbers count it lost.
        client.on('connect', (connack) => {
          if (!connack.sessionPresent) void this.subscribe(client, role);
        });
      }
    }
    this.s.post({ type: 'ready' });
  }

  /**
   * One tracker per subscriber: each gets every message. Members of a shared
   * subscription get a share each, so they count together (one tracker for the engine).
   */
  private trackerFor(): SequenceTracker {
    const { cfg } = this.s;
    const fromZero = cfg.mode === 'pubsub';
    if (!cfg.sharedSubscription) return new SequenceTracker(fromZero);
    return (this.sharedTracker ??= new SequenceTracker(fromZero));
  }

  handle(msg: CoordinatorMessage): void {
    switch (msg.type) {
      case 'start':
        return void this.start(msg.startAt);
      case 'stop':
        for (const p of this.publishers) p.stop();
        return this.endActive();
      case 'drain':
        return void this.drain(new Map(msg.sent), msg.timeoutMs);
    }
  }

  private async subscribe(client: MqttClient, role: Role): Promise<void> {
    const { cfg, worker } = this.s;
    const ctx = { index: cfg.startNumber + role.j, clientId: client.clientId, worker };
    try {
      const suback = await client.subscribe(cfg.filters.map((f) => ({ topicFilter: f(ctx), qos: cfg.qos })), cfg.subscribeProperties);
      for (const rc of suback.reasonCodes) if (rc >= 0x80) this.rec.error(`subscribe refused: ${reasonCodeName(rc, 'suback')}`);
    } catch (err) {
      this.rec.error(`subscribe: ${err instanceof ClientError ? err.kind : String(err)}`);
    }
  }

  private async start(startAt: number): Promise<void> {
    const { mode } = this.s.cfg;
    // Cut the connect phase off here: everything recorded from now on is in the run's
    // seconds, even when a tick fires late on a loaded machine.
    this.startSecond = Math.round((startAt - this.s.launchAt) / 1000);
    this.s.post({ type: 'interval', interval: this.rec.takeInterval(this.startSecond - 1, 0) });
    if (mode === 'pub' || mode === 'pubsub') {
      await Promise.all(this.publishers.map((p) => p.run(startAt)));
      this.endActive();
    } else if (mode === 'sub' && this.subscribers.length === 0) {
      this.endActive();
    }
  }

  private subAtLimit(): void {
    if (++this.subsAtLimit === this.subscribers.length && this.s.cfg.mode === 'sub') this.endActive();
  }

  /** Publishing (or receiving up to the limit, or holding connections) is over. */
  private endActive(): void {
    if (this.activeOver) return;
    this.activeOver = true;
    this.s.post({ type: 'published', sent: this.publishers.map((p) => [p.id, p.sent]) });
  }

  private async drain(final: Map<number, number>, timeoutMs: number): Promise<void> {
    const { clock, cfg } = this.s;
    if (cfg.mode === 'pubsub' && this.subscribers.length > 0) {
      const deadline = clock() + timeoutMs;
      const since = clock();
      for (;;) {
        const now = clock();
        const last = Math.max(since, ...this.subscribers.map((s) => s.lastMessageAt));
        if (this.subscribers.every((s) => s.tracker.complete(final)) || now - last > QUIET_MS || now > deadline) break;
        await new Promise((r) => setTimeout(r, 20));
      }
    }
    // The last QoS 1/2 messages sent before the stop are still owed their acks: closing
    // now would count them as failed publishes, which is our doing, not the broker's.
    const ackDeadline = clock() + Math.min(timeoutMs, ACK_WAIT_MS);
    while (this.clients.some((c) => c.unacknowledged > 0) && clock() < ackDeadline) await new Promise((r) => setTimeout(r, 20));
    const sequence = emptyCounts();
    const tail = cfg.mode === 'pubsub' ? final : undefined;
    for (const t of new Set(this.subscribers.map((s) => s.tracker))) addCounts(sequence, t.counts(tail));
    const clients = this.members.map((m) => toClientResult(m, cfg.sharedSubscription ? undefined : tail, cfg.sharedSubscription));
    await this.closeAll();
    this.finished = true;
    clearTimeout(this.timer);
    this.s.post({ type: 'interval', interval: this.rec.takeInterval(this.label(this.second()), this.lag()) });
    this.s.post({ type: 'done', sequence, lastReceiveAt: Math.max(0, ...this.subscribers.map((x) => x.lastMessageAt)), clients });
  }

  private async closeAll(): Promise<void> {
    // A broker that never answers must not hold the summary back.
    const bounded = (c: MqttClient): Promise<void> =>
      Promise.race([c.disconnect().catch(() => {}), new Promise<void>((r) => setTimeout(r, 2000).unref())]).then(() => c.destroy());
    await Promise.all(this.clients.map(bounded));
  }

  private second(): number {
    return Math.floor((this.s.clock() - this.s.launchAt) / 1000);
  }

  private label(second: number): number {
    return Math.max(second, this.startSecond);
  }

  private lag(): number {
    const now = this.s.clock();
    let lag = 0;
    for (const p of this.publishers) lag = Math.max(lag, p.takeLag(now));
    return lag;
  }

  /** One interval per whole second since launch, on the second's boundary. */
  private scheduleTick(): void {
    const { clock, launchAt } = this.s;
    const boundary = this.second() + 1;
    this.timer = setTimeout(() => {
      if (this.finished) return;
      this.s.post({ type: 'interval', interval: this.rec.takeInterval(this.label(boundary - 1), this.lag()) });
      this.scheduleTick();
    }, Math.max(0, launchAt + boundary * 1000 - clock()));
  }
}
