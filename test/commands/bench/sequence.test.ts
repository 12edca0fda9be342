import { describe, expect, it } from 'vitest';
import { SequenceTracker } from '../../../src/commands/bench/sequence.js';

const feed = (t: SequenceTracker, publisher: number, seqs: number[]): string[] => seqs.map((s) => t.record(publisher, s));

describe('sequence tracking per publisher', () => {
  it('counts an in-order stream as complete', () => {
    const t = new SequenceTracker(true);
    feed(t, 1, [0, 1, 2, 3]);
    expect(t.counts(new Map([[1, 4]]))).toEqual({ received: 4, duplicates: 0, reordered: 0, lost: 0 });
    expect(t.complete(new Map([[1, 4]]))).toBe(true);
  });

  it('finds duplicates, late (reordered) messages and gaps', () => {
    const t = new SequenceTracker(true);
    expect(feed(t, 7, [0, 2, 1, 2, 5])).toEqual(['new', 'new', 'reordered', 'duplicate', 'new']);
    // 3 and 4 never came.
    expect(t.counts()).toEqual({ received: 5, duplicates: 1, reordered: 1, lost: 2 });
  });

  it('counts the tail as lost once the publisher says how many it sent', () => {
    const t = new SequenceTracker(true);
    feed(t, 1, [0, 1, 2]);
    expect(t.counts().lost).toBe(0);
    expect(t.counts(new Map([[1, 10]])).lost).toBe(7);
    expect(t.complete(new Map([[1, 10]]))).toBe(false);
  });

  it('keeps publishers apart', () => {
    const t = new SequenceTracker(true);
    feed(t, 1, [0, 1]);
    feed(t, 2, [0, 1]);
    expect(t.counts()).toEqual({ received: 4, duplicates: 0, reordered: 0, lost: 0 });
  });

  it('from zero: messages before the first one seen were lost; otherwise tracking starts there', () => {
    const fromZero = new SequenceTracker(true);
    feed(fromZero, 1, [5, 6]);
    expect(fromZero.counts().lost).toBe(5);
    const joined = new SequenceTracker(false);
    feed(joined, 1, [5, 6]);
    expect(joined.counts().lost).toBe(0);
  });

  it('counts a gap too wide to remember as lost without remembering it', () => {
    const t = new SequenceTracker(true);
    feed(t, 1, [0, 1_000_001]);
    expect(t.counts().lost).toBe(1_000_000);
  });
});
