// Latency histograms: HdrHistogram (hdr-histogram-js) in microseconds, 3 significant
// digits, growing as needed. Workers and remote bench processes ship them in
// HdrHistogram's standard compressed base64 encoding, and merging is adding counts, so
// the merged histogram is exactly the histogram of all samples (tests check it).
import hdr from 'hdr-histogram-js';
import type { LatencySummary } from '../../format/bench.js';

export type Histogram = hdr.Histogram;

export function createHistogram(): Histogram {
  // Not WebAssembly: the JS implementation needs no init and no wasm memory per worker.
  // 64-bit counts: one bucket can pass 2^31 samples in a long run at a high rate.
  return hdr.build({ bitBucketSize: 64, lowestDiscernibleValue: 1, highestTrackableValue: 2, autoResize: true, numberOfSignificantValueDigits: 3 });
}

/** Records a latency given in milliseconds (fractions kept down to 1 µs; negatives count as 0). */
export function recordMs(h: Histogram, ms: number): void {
  h.recordValue(ms > 0 ? Math.round(ms * 1000) : 0);
}

export function encodeHistogram(h: Histogram): string {
  return hdr.encodeIntoCompressedBase64(h);
}

export function decodeHistogram(text: string): Histogram {
  return hdr.decodeFromCompressedBase64(text, 64, false);
}

/** Adds every encoded histogram into `into` (exact: counts are added bucket by bucket). */
export function mergeEncoded(into: Histogram, encoded: Iterable<string>): Histogram {
  for (const e of encoded) if (e) into.add(decodeHistogram(e));
  return into;
}

/** Percentiles in milliseconds; max is the highest bucket's value, so a decoded copy reports the same. */
export function toPercentiles(h: Histogram): LatencySummary {
  const at = (p: number): number => (h.totalCount === 0 ? 0 : h.getValueAtPercentile(p) / 1000);
  return { count: h.totalCount, p50: at(50), p90: at(90), p99: at(99), p999: at(99.9), max: at(100), mean: h.totalCount === 0 ? 0 : h.mean / 1000 };
}
