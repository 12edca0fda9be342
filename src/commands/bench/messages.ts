// What a bench engine (one per worker thread, or one in the main thread) and the
// coordinator say to each other. Plain data: it crosses postMessage, and with --report
// the intervals also go to a broker as JSON. Histograms travel in HdrHistogram's
// compressed base64 encoding.
import type { ClientResult } from '../../format/bench-clients.js';
import type { SequenceCounts } from './sequence.js';

/** One second of one engine: deltas, except the gauges. */
export interface Interval {
  /** Which engine: its gauges replace its earlier ones of the same second (workers; collect prefixes the process). */
  source: string;
  /** Seconds since the start of publishing/receiving (negative while connecting). */
  t: number;
  /** Gauge: connections open. */
  connected: number;
  /** Gauge: QoS 1/2 messages sent and not yet acknowledged. */
  inflight: number;
  /** Gauge: the furthest behind the schedule any publisher is (ms). */
  lagMs: number;
  connects: number;
  /** Connections lost (by reason in `errors`), and lost ones connected again (--reconnect). */
  disconnects: number;
  reconnects: number;
  sent: number;
  acked: number;
  received: number;
  /** Failures by kind ("connect: refused", "publish: 0x87" ...). */
  errors: Record<string, number>;
  /** Encoded histograms of this second: end-to-end, publish-to-ack, connect time (ms·1000). */
  latency: string;
  ack: string;
  connect: string;
}

export type EngineMessage =
  | { type: 'ready' }
  | { type: 'interval'; interval: Interval }
  /** Its publishers are done: messages sent per publisher id. */
  | { type: 'published'; sent: Array<[number, number]> }
  /** Finished; `lastReceiveAt` is when its subscribers got their last message (epoch ms, 0: none). */
  | { type: 'done'; sequence: SequenceCounts; lastReceiveAt: number; clients: ClientResult[] }
  | { type: 'failed'; message: string };

export type CoordinatorMessage =
  /** Start publishing/receiving; the schedule's time zero (epoch ms). */
  | { type: 'start'; startAt: number }
  /** Stop publishing now (duration over, Ctrl-C). */
  | { type: 'stop' }
  /** Every publisher everywhere is done: wait for what is still on its way, then finish. */
  | { type: 'drain'; sent: Array<[number, number]>; timeoutMs: number };
