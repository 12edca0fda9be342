import { describe, expect, it } from 'vitest';
import { createSchedule, shareOf } from '../../../src/commands/bench/schedule.js';

describe('open-loop schedule', () => {
  it('makes message k due at start + k × interval, whatever was sent', () => {
    const s = createSchedule(1000, 10);
    expect(s.due(999)).toBe(0);
    expect(s.due(1000)).toBe(1);
    expect(s.due(1095)).toBe(10);
    expect(s.intended(0)).toBe(1000);
    expect(s.intended(7)).toBe(1070);
    expect(s.nextDue(3)).toBe(1030);
  });

  it('keeps the intended times of overdue messages: a 1 s stall leaves them 1 s late, not on time', () => {
    const s = createSchedule(0, 10);
    // Nothing could be sent from t=0 to t=1000; at 1000 the publisher catches up.
    const now = 1000;
    const due = s.due(now);
    expect(due).toBe(101);
    const latencies = Array.from({ length: due }, (_, k) => now - s.intended(k));
    expect(Math.max(...latencies)).toBe(1000);
    expect(s.lag(now, 0)).toBe(1000);
    expect(s.lag(now, due)).toBe(0);
  });

  it('stops at the limit', () => {
    const s = createSchedule(0, 1, 5);
    expect(s.due(1_000_000)).toBe(5);
    expect(s.nextDue(5)).toBe(Infinity);
    expect(s.lag(1_000_000, 5)).toBe(0);
  });

  it('splits a total over clients exactly', () => {
    const shares = Array.from({ length: 7 }, (_, i) => shareOf(10_000, 7, i));
    expect(shares.reduce((a, b) => a + b, 0)).toBe(10_000);
    expect(Math.max(...shares) - Math.min(...shares)).toBeLessThanOrEqual(1);
    expect(shareOf(Infinity, 3, 0)).toBe(Infinity);
  });
});
