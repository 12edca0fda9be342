// Loss, duplicates and reordering per publisher, from the sequence numbers bench pub
// stamps (payload.ts). One tracker per subscriber (a message fanned out to two
// subscribers is one delivery to each); one state per publisher it hears from.
//   duplicate: a sequence number that arrived before.
//   reordered: a new one below the highest seen (it filled a gap late).
//   lost:      a gap still open at the end, plus the messages after the highest seen
//              that the publisher says it sent (`finalCounts`, known in pubsub mode).

/** Gaps wider than this are counted lost at once instead of remembered one by one (memory). */
const MAX_TRACKED_GAP = 100_000;

interface Stream {
  highest: number;
  missing: Set<number>;
  /** Lost in gaps too wide to remember. */
  untracked: number;
}

export interface SequenceCounts {
  /** Every message with a stamp, duplicates included. */
  received: number;
  duplicates: number;
  reordered: number;
  lost: number;
}

export const emptyCounts = (): SequenceCounts => ({ received: 0, duplicates: 0, reordered: 0, lost: 0 });

export function addCounts(into: SequenceCounts, c: SequenceCounts): SequenceCounts {
  into.received += c.received;
  into.duplicates += c.duplicates;
  into.reordered += c.reordered;
  into.lost += c.lost;
  return into;
}

export type Arrival = 'new' | 'duplicate' | 'reordered';

export class SequenceTracker {
  private readonly streams = new Map<number, Stream>();
  private received = 0;
  private duplicates = 0;
  private reordered = 0;

  /**
   * `fromZero`: every stream starts at 0, so messages before the first one seen were lost
   * (pubsub: we subscribed before publishing). Otherwise tracking starts at the first
   * message seen (bench sub joining a running publisher).
   */
  constructor(private readonly fromZero: boolean) {}

  record(publisher: number, seq: number): Arrival {
    this.received++;
    let s = this.streams.get(publisher);
    if (!s) {
      s = { highest: this.fromZero ? -1 : seq - 1, missing: new Set(), untracked: 0 };
      this.streams.set(publisher, s);
    }
    if (seq > s.highest) {
      const gap = seq - s.highest - 1;
      if (gap > MAX_TRACKED_GAP) s.untracked += gap;
      else for (let k = s.highest + 1; k < seq; k++) s.missing.add(k);
      s.highest = seq;
      return 'new';
    }
    if (s.missing.delete(seq)) {
      this.reordered++;
      return 'reordered';
    }
    this.duplicates++;
    return 'duplicate';
  }

  /** The counts so far; with `finalCounts` (publisher → messages sent), the tail counts as lost. */
  counts(finalCounts?: ReadonlyMap<number, number>): SequenceCounts {
    let lost = 0;
    for (const [publisher, s] of this.streams) {
      lost += s.missing.size + s.untracked;
      const sent = finalCounts?.get(publisher);
      if (sent !== undefined && sent > s.highest + 1) lost += sent - s.highest - 1;
    }
    return { received: this.received, duplicates: this.duplicates, reordered: this.reordered, lost };
  }

  /** Whether every publisher in `finalCounts` has been heard from completely (nothing left to wait for). */
  complete(finalCounts: ReadonlyMap<number, number>): boolean {
    for (const [publisher, sent] of finalCounts) {
      if (sent === 0) continue;
      const s = this.streams.get(publisher);
      if (!s || s.highest + 1 < sent || s.missing.size > 0) return false;
    }
    return true;
  }
}
