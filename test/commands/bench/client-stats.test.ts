import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RunningStats } from '../../../src/commands/bench/client-stats.js';

describe('per-client latency stats', () => {
  it('match the two-pass mean, min, max and population standard deviation', () => {
    fc.assert(fc.property(fc.array(fc.double({ min: 0, max: 10_000, noNaN: true }), { minLength: 1, maxLength: 300 }), (xs) => {
      const s = new RunningStats();
      for (const x of xs) s.add(x);
      const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
      const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length);
      const r = s.result();
      expect(r.count).toBe(xs.length);
      expect(r.mean).toBeCloseTo(mean, 6);
      expect(r.stddev).toBeCloseTo(sd, 4);
      expect([r.min, r.max]).toEqual([Math.min(...xs), Math.max(...xs)]);
    }));
  });

  it('are all zero with no samples', () => {
    expect(new RunningStats().result()).toEqual({ count: 0, mean: 0, min: 0, max: 0, stddev: 0 });
  });
});
