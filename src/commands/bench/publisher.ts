// One publisher connection. With an interval it follows the open-loop schedule
// (schedule.ts): overdue messages go out as soon as the client has room, stamped with
// the time they were due, so a stalled broker shows up in the latency. Without one it
// publishes as fast as the client takes messages (closed loop: stamped when sent).
import type { MqttClient } from '../../client/client.js';
import type { PublishResult } from '../../client/flows/publish-out.js';
import { reasonCodeName } from '../../codec/constants.js';
import type { Properties, QoS } from '../../codec/types.js';
import type { Clock } from './clock.js';
import { RunningStats } from './client-stats.js';
import { stampPayload } from './payload.js';
import type { Recorder } from './recorder.js';
import { createSchedule, type Schedule } from './schedule.js';

export interface PublisherConfig {
  /** The publisher id stamped in every payload. */
  id: number;
  topic: string;
  qos: QoS;
  retain: boolean;
  properties?: Properties;
  template: Buffer;
  limit: number;
  intervalMs?: number;
  /** Delay of this publisher's first message after the start (spreads publishers over an interval). */
  phaseMs: number;
}

/** Messages sent between yields to the event loop when nothing else makes us wait. */
const BATCH = 256;

const sleep = (ms: number): Promise<void> => new Promise((r) => (ms >= 1 ? setTimeout(r, ms) : setImmediate(r)));

export class Publisher {
  sent = 0;
  acked = 0;
  /** This publisher's ack latency (--per-client). */
  readonly stats = new RunningStats();
  private stopped = false;
  private schedule: Schedule | undefined;
  private outstanding = 0;
  private maxLag = 0;
  private idle: (() => void) | undefined;
  /** Resolves on stop(), so no wait (a long interval, a closed socket's drain) outlives it. */
  private readonly stopSignal: Promise<void>;
  private signalStop: () => void = () => {};

  constructor(
    private readonly client: MqttClient,
    private readonly cfg: PublisherConfig,
    private readonly rec: Recorder,
    private readonly clock: Clock,
  ) {
    this.stopSignal = new Promise((resolve) => (this.signalStop = resolve));
  }

  stop(): void {
    this.stopped = true;
    this.signalStop();
    this.idle?.();
  }

  private until(p: Promise<void>): Promise<void> {
    return Promise.race([p, this.stopSignal]);
  }

  get id(): number {
    return this.cfg.id;
  }

  /** The furthest behind schedule since the last call: at any send, or now. */
  takeLag(now: number): number {
    const lag = Math.max(this.maxLag, this.schedule ? this.schedule.lag(now, this.sent) : 0);
    this.maxLag = 0;
    return lag;
  }

  /** Publishes until the limit or stop(); resolves when every QoS 1/2 message is settled. */
  async run(startAt: number): Promise<void> {
    const { limit, intervalMs, phaseMs } = this.cfg;
    const schedule = intervalMs !== undefined ? createSchedule(startAt + phaseMs, intervalMs, limit) : undefined;
    this.schedule = schedule;
    const wait0 = startAt - this.clock();
    if (wait0 > 0) await this.until(sleep(wait0));
    try {
      while (!this.stopped && this.sent < limit) {
        const now = this.clock();
        const due = schedule ? schedule.due(now) : limit;
        if (this.sent >= due) {
          await this.until(sleep(schedule!.nextDue(this.sent) - now));
          continue;
        }
        for (let batch = 0; this.sent < due && !this.stopped && batch < BATCH; batch++) {
          const wait = this.client.ready(this.cfg.qos);
          if (wait) {
            await this.until(wait);
            break;
          }
          if (schedule) {
            const intended = schedule.intended(this.sent);
            this.maxLag = Math.max(this.maxLag, this.clock() - intended);
            this.publishOne(intended);
          } else {
            this.publishOne(this.clock());
          }
        }
        // Let the socket write, acks arrive and the progress timer run.
        await sleep(0);
      }
    } catch (err) {
      this.rec.error(`publish: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (this.outstanding > 0 && !this.stopped) await new Promise<void>((resolve) => (this.idle = resolve));
  }

  private publishOne(intended: number): void {
    const { qos } = this.cfg;
    const payload = stampPayload(this.cfg.template, this.cfg.id, this.sent, intended);
    const done = this.client.publish({ topic: this.cfg.topic, payload, qos, retain: this.cfg.retain, properties: this.cfg.properties });
    this.sent++;
    this.rec.sentOne();
    if (qos === 0) return;
    this.outstanding++;
    this.rec.inflight++;
    done.then((r) => this.settled(r, intended), (err: unknown) => this.failed(err));
  }

  private settled(r: PublishResult, intended: number): void {
    if (r.reasonCode >= 0x80) this.rec.error(`publish refused: ${reasonCodeName(r.reasonCode)}`);
    else {
      const ms = this.clock() - intended;
      this.acked++;
      this.stats.add(ms);
      this.rec.ackedOne(ms);
    }
    this.release();
  }

  private failed(err: unknown): void {
    this.rec.error(`publish: ${err instanceof Error ? err.message : String(err)}`);
    this.stopped = true;
    this.release();
  }

  private release(): void {
    this.outstanding--;
    this.rec.inflight--;
    if (this.outstanding === 0) this.idle?.();
  }
}
