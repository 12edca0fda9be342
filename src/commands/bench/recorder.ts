// One engine's counters and histograms for the current second. takeInterval() hands
// them over and starts the next second, so nothing is counted twice or lost between
// seconds, and merging intervals (from workers or processes) is exact.
import { createHistogram, encodeHistogram, recordMs, type Histogram } from './histogram.js';
import type { Interval } from './messages.js';

export class Recorder {
  connected = 0;
  inflight = 0;
  private connects = 0;
  private disconnects = 0;
  private reconnects = 0;
  private sent = 0;
  private acked = 0;
  private received = 0;
  private errors: Record<string, number> = {};
  private readonly latency: Histogram = createHistogram();
  private readonly ack: Histogram = createHistogram();
  private readonly connect: Histogram = createHistogram();

  connectedIn(ms: number): void {
    this.connected++;
    this.connects++;
    recordMs(this.connect, ms);
  }

  /** We closed a connection (the end of the run). */
  closed(): void {
    this.connected--;
  }

  /** A connection was lost (it may come back: reconnected()); `reason` goes to the errors. */
  lost(reason: string): void {
    this.connected--;
    this.disconnects++;
    this.error(`connection lost: ${reason}`);
  }

  reconnected(): void {
    this.connected++;
    this.reconnects++;
  }

  sentOne(): void {
    this.sent++;
  }

  /** A QoS 1/2 publish acknowledged, `ms` after it was meant to go out. */
  ackedOne(ms: number): void {
    this.acked++;
    recordMs(this.ack, ms);
  }

  /** A message received; `ms` from its intended send time, undefined without a stamp. */
  receivedOne(ms: number | undefined): void {
    this.received++;
    if (ms !== undefined) recordMs(this.latency, ms);
  }

  error(kind: string): void {
    this.errors[kind] = (this.errors[kind] ?? 0) + 1;
  }

  constructor(private readonly source = '0') {}

  takeInterval(t: number, lagMs: number): Interval {
    const interval: Interval = {
      source: this.source,
      t,
      connected: this.connected,
      inflight: this.inflight,
      lagMs,
      connects: this.connects,
      disconnects: this.disconnects,
      reconnects: this.reconnects,
      sent: this.sent,
      acked: this.acked,
      received: this.received,
      errors: this.errors,
      latency: encodeHistogram(this.latency),
      ack: encodeHistogram(this.ack),
      connect: encodeHistogram(this.connect),
    };
    this.connects = this.disconnects = this.reconnects = this.sent = this.acked = this.received = 0;
    this.errors = {};
    this.latency.reset();
    this.ack.reset();
    this.connect.reset();
    return interval;
  }
}
