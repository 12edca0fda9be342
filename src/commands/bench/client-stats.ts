// One client's latency in a few numbers (count, mean, min, max, standard deviation), as
// mqtt-benchmark reports per client. Welford's running update: constant memory per
// client, where a histogram each would cost kilobytes times thousands of connections.
import type { LatencyStats } from '../../format/bench-clients.js';

export class RunningStats {
  private count = 0;
  private mean = 0;
  private m2 = 0;
  private min = Infinity;
  private max = -Infinity;

  add(ms: number): void {
    this.count++;
    const d = ms - this.mean;
    this.mean += d / this.count;
    this.m2 += d * (ms - this.mean);
    if (ms < this.min) this.min = ms;
    if (ms > this.max) this.max = ms;
  }

  result(): LatencyStats {
    if (this.count === 0) return { count: 0, mean: 0, min: 0, max: 0, stddev: 0 };
    return { count: this.count, mean: this.mean, min: this.min, max: this.max, stddev: Math.sqrt(this.m2 / this.count) };
  }
}
