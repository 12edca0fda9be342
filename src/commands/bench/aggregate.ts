// Merges the engines' intervals (from worker threads, or from remote bench processes via
// collect) into per-second samples and the final summary. Counters add, gauges add
// (connected, inflight) or take the maximum (lag), histograms add bucket by bucket: the
// merge is exact. Totals count everything; rates and latencies leave out the warm-up.
import type { BenchSummary, Sample } from '../../format/bench.js';
import type { ClientResult } from '../../format/bench-clients.js';
import { createHistogram, decodeHistogram, encodeHistogram, toPercentiles, type Histogram } from './histogram.js';
import type { Interval } from './messages.js';
import { addCounts, emptyCounts, type SequenceCounts } from './sequence.js';

interface Gauges {
  connected: number;
  inflight: number;
  lagMs: number;
}

interface Second {
  /** Each source's gauges: the latest of the second (a source may report a second twice). */
  gauges: Map<string, Gauges>;
  connects: number;
  disconnects: number;
  reconnects: number;
  sent: number;
  acked: number;
  received: number;
  /** Worst lag of any report of the second. */
  lagMs: number;
  errors: number;
  e2e: Histogram;
  ack: Histogram;
}

type Totals = Aggregate['totals'];

/**
 * Everything the summary takes from an aggregate: what a bench process publishes at the
 * end (--report's done), so that a collector that missed some of its seconds still sums
 * the whole run.
 */
export interface FinalReport {
  totals: Totals;
  errors: Record<string, number>;
  maxLagMs: number;
  /** Encoded histograms: end-to-end and ack (measured window), connect (all). */
  latency: string;
  ack: string;
  connect: string;
}

export class Aggregate {
  private readonly seconds = new Map<number, Second>();
  private readonly e2e = createHistogram();
  private readonly ack = createHistogram();
  private readonly connect = createHistogram();
  readonly totals = { connects: 0, disconnects: 0, reconnects: 0, sent: 0, acked: 0, received: 0, measuredSent: 0, measuredAcked: 0, measuredReceived: 0 };
  private readonly errors: Record<string, number> = {};
  private readonly sequence: SequenceCounts = emptyCounts();
  private maxLag = 0;
  private readonly clients: ClientResult[] = [];
  /** First second that counts for rates and latencies (launch-relative). */
  measureFrom = Infinity;

  /** Sources whose seconds make a complete one (engines; collect adds them as processes say hello). */
  constructor(public sources: number) {}

  /** `measured`: whether it counts for rates and latencies (default: from measureFrom on). */
  add(iv: Interval, measured = iv.t >= this.measureFrom): void {
    let s = this.seconds.get(iv.t);
    if (!s) {
      s = { gauges: new Map(), connects: 0, disconnects: 0, reconnects: 0, sent: 0, acked: 0, received: 0, lagMs: 0, errors: 0, e2e: createHistogram(), ack: createHistogram() };
      this.seconds.set(iv.t, s);
    }
    const e2e = decodeHistogram(iv.latency);
    const ack = decodeHistogram(iv.ack);
    s.gauges.set(iv.source, { connected: iv.connected, inflight: iv.inflight, lagMs: iv.lagMs });
    s.connects += iv.connects;
    // ?? 0: a --report from a bench before reconnecting existed.
    s.disconnects += iv.disconnects ?? 0;
    s.reconnects += iv.reconnects ?? 0;
    s.sent += iv.sent;
    s.acked += iv.acked;
    s.received += iv.received;
    s.lagMs = Math.max(s.lagMs, iv.lagMs);
    s.e2e.add(e2e);
    s.ack.add(ack);
    this.connect.add(decodeHistogram(iv.connect));
    this.totals.connects += iv.connects;
    this.totals.disconnects += iv.disconnects ?? 0;
    this.totals.reconnects += iv.reconnects ?? 0;
    this.totals.sent += iv.sent;
    this.totals.acked += iv.acked;
    this.totals.received += iv.received;
    for (const [k, n] of Object.entries(iv.errors)) {
      this.errors[k] = (this.errors[k] ?? 0) + n;
      s.errors += n;
    }
    if (measured) {
      this.e2e.add(e2e);
      this.ack.add(ack);
      this.totals.measuredSent += iv.sent;
      this.totals.measuredAcked += iv.acked;
      this.totals.measuredReceived += iv.received;
      this.maxLag = Math.max(this.maxLag, iv.lagMs);
    }
  }

  /** Totals, errors and final histograms (measured window; connect: all), for --report. */
  finalReport(): FinalReport {
    return { totals: { ...this.totals }, errors: { ...this.errors }, maxLagMs: this.maxLag, latency: encodeHistogram(this.e2e), ack: encodeHistogram(this.ack), connect: encodeHistogram(this.connect) };
  }

  /** A whole process's final report (collect), added as if all its intervals had been. */
  addFinal(f: FinalReport): void {
    for (const k of Object.keys(this.totals) as Array<keyof Totals>) this.totals[k] += f.totals[k] ?? 0;
    for (const [k, n] of Object.entries(f.errors)) this.errors[k] = (this.errors[k] ?? 0) + n;
    this.maxLag = Math.max(this.maxLag, f.maxLagMs);
    this.e2e.add(decodeHistogram(f.latency));
    this.ack.add(decodeHistogram(f.ack));
    this.connect.add(decodeHistogram(f.connect));
  }

  addSequence(c: SequenceCounts): void {
    addCounts(this.sequence, c);
  }

  /** Per-client results (engines' done; collect: each process's). */
  addClients(results: readonly ClientResult[] | undefined): void {
    if (results) this.clients.push(...results);
  }

  private toSample(t: number, s: Second): Sample {
    const e2e = toPercentiles(s.e2e);
    let connected = 0;
    let inflight = 0;
    for (const g of s.gauges.values()) {
      connected += g.connected;
      inflight += g.inflight;
    }
    return { t: t - this.startSecond(), connected, connects: s.connects, disconnects: s.disconnects, reconnects: s.reconnects, sent: s.sent, acked: s.acked, received: s.received, inflight, lagMs: s.lagMs, errors: s.errors, e2eP50: e2e.p50, e2eP99: e2e.p99, ackP99: toPercentiles(s.ack).p99 };
  }

  private startSecond(): number {
    return Number.isFinite(this.measureFrom) ? this.measureFrom : 0;
  }

  /** The newest second every source has reported (the live line), if any. */
  latest(): Sample | undefined {
    const done = [...this.seconds].filter(([, s]) => s.gauges.size >= this.sources);
    const last = done.at(-1) ?? [...this.seconds].at(-1);
    return last ? this.toSample(last[0], last[1]) : undefined;
  }

  /** Every second in order, for --csv. */
  samples(): Sample[] {
    return [...this.seconds].sort((a, b) => a[0] - b[0]).map(([t, s]) => this.toSample(t, s));
  }

  /**
   * `measuredS`: from the end of the warm-up to the end of publishing; `receivingS`: to
   * the last message received (subscribers drain what was still on its way).
   * Per-client rates count a client's whole run (its counts include the warm-up) over
   * `active` seconds: publishing, and receiving to the last message.
   */
  summary(base: Pick<BenchSummary, 'mode' | 'schedule' | 'warmupS' | 'interrupted'>, requested: number, measuredS: number, receivingS: number, active = { pubS: measuredS, subS: receivingS }): BenchSummary {
    const per = (n: number, s: number): number => (s > 0 ? n / s : 0);
    const t = this.totals;
    const failed = this.connectFailures();
    return {
      ...base,
      clients: { requested, connected: t.connects, failed, disconnects: t.disconnects, reconnects: t.reconnects },
      durationS: measuredS,
      messages: { sent: t.sent, acked: t.acked, received: t.received, sentPerS: per(t.measuredSent, measuredS), ackedPerS: per(t.measuredAcked, measuredS), receivedPerS: per(t.measuredReceived, receivingS) },
      latency: { e2e: toPercentiles(this.e2e), ack: toPercentiles(this.ack), connect: toPercentiles(this.connect) },
      maxLagMs: this.maxLag,
      sequence: { duplicates: this.sequence.duplicates, reordered: this.sequence.reordered, lost: this.sequence.lost },
      errors: { ...this.errors },
      perClient: [...this.clients].sort((a, b) => a.index - b.index).map((c) => ({ ...c, perS: c.role === 'pub' ? per(c.sent, active.pubS) : c.role === 'sub' ? per(c.received, active.subS) : 0 })),
    };
  }

  /** Connections that failed: every "connect: ..." and "connect refused: ..." error (not "connection lost"). */
  private connectFailures(): number {
    return Object.entries(this.errors).filter(([k]) => /^connect(?::| refused:)/.test(k)).reduce((n, [, v]) => n + v, 0);
  }
}
