// One subscriber connection's message handler: latency from the stamp's intended send
// time, and the sequence tracker for loss, duplicates and reordering.
import type { IncomingMessage } from '../../client/events.js';
import type { Clock } from './clock.js';
import { RunningStats } from './client-stats.js';
import { readStamp } from './payload.js';
import type { Recorder } from './recorder.js';
import type { SequenceTracker } from './sequence.js';

export class Subscriber {
  received = 0;
  lastMessageAt = 0;
  /** This subscriber's end-to-end latency (--per-client). */
  readonly stats = new RunningStats();

  constructor(
    private readonly rec: Recorder,
    private readonly clock: Clock,
    readonly tracker: SequenceTracker,
    /** Called once when `limit` messages have arrived. */
    private readonly limit: number,
    private readonly onLimit: () => void,
  ) {}

  readonly onMessage = (msg: IncomingMessage): void => {
    const now = this.clock();
    this.lastMessageAt = now;
    const stamp = readStamp(msg.packet.payload);
    if (!stamp) {
      this.rec.receivedOne(undefined);
    } else {
      // A duplicate's stamp is its first copy's: its latency would count the same send twice.
      const arrival = this.tracker.record(stamp.publisher, stamp.seq);
      if (arrival === 'duplicate') this.rec.receivedOne(undefined);
      else {
        const ms = now - stamp.sentMs;
        this.stats.add(ms);
        this.rec.receivedOne(ms);
      }
    }
    if (++this.received === this.limit) this.onLimit();
  };
}
