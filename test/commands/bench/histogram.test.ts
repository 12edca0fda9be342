import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Aggregate } from '../../../src/commands/bench/aggregate.js';
import { createHistogram, decodeHistogram, encodeHistogram, mergeEncoded, recordMs, toPercentiles } from '../../../src/commands/bench/histogram.js';
import { Recorder } from '../../../src/commands/bench/recorder.js';

const PERCENTILES = [0, 10, 50, 90, 99, 99.9, 99.99, 100];

/** Every percentile and the count: two histograms with the same buckets agree on all of them. */
const shape = (h: ReturnType<typeof createHistogram>) => ({ count: h.totalCount, at: PERCENTILES.map((p) => h.getValueAtPercentile(p)) });

describe('HDR histograms merge exactly', () => {
  it('the merge of encoded parts equals the histogram of all samples', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.double({ min: 0, max: 120_000, noNaN: true }), { maxLength: 200 }), { minLength: 1, maxLength: 6 }), (parts) => {
        const all = createHistogram();
        const encoded = parts.map((samples) => {
          const h = createHistogram();
          for (const s of samples) {
            recordMs(h, s);
            recordMs(all, s);
          }
          return encodeHistogram(h);
        });
        const merged = mergeEncoded(createHistogram(), encoded);
        expect(shape(merged)).toEqual(shape(decodeHistogram(encodeHistogram(all))));
      }),
      { numRuns: 50 },
    );
  });

  it('intervals from several engines merge into the histogram of all samples (workers, collect)', () => {
    const all = createHistogram();
    const agg = new Aggregate(3);
    agg.measureFrom = 0;
    for (let engine = 0; engine < 3; engine++) {
      const rec = new Recorder(String(engine));
      for (let second = 0; second < 4; second++) {
        for (let k = 0; k < 50; k++) {
          const ms = (engine + 1) * (second + 1) * (k + 1) * 0.37;
          rec.receivedOne(ms);
          recordMs(all, ms);
        }
        agg.add(rec.takeInterval(second, 0));
      }
    }
    const summary = agg.summary({ mode: 'sub', schedule: { kind: 'none' }, warmupS: 0, interrupted: false }, 3, 4, 4);
    expect(summary.messages.received).toBe(600);
    expect(summary.latency.e2e).toEqual(toPercentiles(decodeHistogram(encodeHistogram(all))));
  });

  it('processes\' final reports add up to the summary of all their seconds (collect joining late)', () => {
    const all = new Aggregate(2);
    all.measureFrom = 1;
    const finals = [0, 1].map((p) => {
      const own = new Aggregate(1);
      own.measureFrom = 1;
      const rec = new Recorder(String(p));
      for (let second = 0; second < 3; second++) {
        rec.connectedIn(2 + p);
        for (let k = 0; k < 40; k++) {
          rec.sentOne();
          rec.ackedOne(0.5 * (k + 1));
          rec.receivedOne((p + 1) * (second + 1) * (k + 1) * 0.29);
        }
        rec.error('publish: refused');
        const iv = rec.takeInterval(second, 10 * p + second);
        own.add(iv);
        all.add({ ...iv, source: `p${p}` });
      }
      return own.finalReport();
    });
    const joined = new Aggregate(0);
    for (const f of finals) joined.addFinal(f);
    const base = { mode: 'pubsub', schedule: { kind: 'none' }, warmupS: 0, interrupted: false } as const;
    expect(joined.summary(base, 4, 2, 2)).toEqual(all.summary(base, 4, 2, 2));
    expect(joined.summary(base, 4, 2, 2)).toMatchObject({ messages: { sent: 240, received: 240 }, errors: { 'publish: refused': 6 }, maxLagMs: 12 });
  });

  it('takes the latest gauges of a source that reports a second twice, and adds sources', () => {
    const agg = new Aggregate(2);
    const a = new Recorder('a');
    const b = new Recorder('b');
    a.connectedIn(1);
    a.connectedIn(1);
    b.connectedIn(1);
    agg.add(a.takeInterval(5, 0));
    agg.add(a.takeInterval(5, 0));
    agg.add(b.takeInterval(5, 0));
    expect(agg.latest()).toMatchObject({ connected: 3, connects: 3 });
  });

  it('reports percentiles in milliseconds', () => {
    const h = createHistogram();
    for (let i = 1; i <= 1000; i++) recordMs(h, i);
    const p = toPercentiles(h);
    expect(p.count).toBe(1000);
    expect(p.p50).toBeCloseTo(500, -1);
    expect(p.p99).toBeCloseTo(990, -1);
    expect(p.max).toBeCloseTo(1000, -1);
  });

  it('leaves the warm-up out of latencies and rates but not out of totals', () => {
    const agg = new Aggregate(1);
    agg.measureFrom = 2;
    const rec = new Recorder();
    for (let second = 0; second < 4; second++) {
      for (let k = 0; k < 10; k++) rec.receivedOne(second === 0 ? 1000 : 1);
      agg.add(rec.takeInterval(second, 0));
    }
    const s = agg.summary({ mode: 'sub', schedule: { kind: 'none' }, warmupS: 2, interrupted: false }, 1, 2, 2);
    expect(s.messages.received).toBe(40);
    expect(s.messages.receivedPerS).toBe(10);
    expect(s.latency.e2e.count).toBe(20);
    expect(s.latency.e2e.max).toBeLessThan(2);
  });
});
