// The run's summary from the merged intervals and the coordinator's times: rates over
// the measured window (after the warm-up, to the end of publishing; receiving runs to
// the last message received), and what kind of schedule produced the latencies.
import type { BenchSummary } from '../../format/bench.js';
import type { Aggregate } from './aggregate.js';
import type { BenchConfig } from './config.js';
import type { RunTimes } from './coordinator.js';

export function toSummary(cfg: BenchConfig, agg: Aggregate, times: RunTimes): BenchSummary {
  const from = times.startAt + Math.ceil(cfg.warmupMs / 1000) * 1000;
  const measured = Math.max(0, times.endAt - from) / 1000;
  const receiving = Math.max(0, Math.max(times.endAt, times.lastReceiveAt) - from) / 1000;
  const requested = cfg.mode === 'pubsub' ? cfg.clients + cfg.subscribers : cfg.clients;
  const schedule: BenchSummary['schedule'] = cfg.mode === 'sub' || cfg.mode === 'conn' ? { kind: 'none' }
    : cfg.msgIntervalMs !== undefined ? { kind: 'open-loop', rate: (1000 * cfg.clients) / cfg.msgIntervalMs } : { kind: 'unthrottled' };
  const active = { pubS: Math.max(0, times.endAt - times.startAt) / 1000, subS: Math.max(0, Math.max(times.endAt, times.lastReceiveAt) - times.startAt) / 1000 };
  const summary = agg.summary({ mode: cfg.mode, schedule, warmupS: Math.ceil(cfg.warmupMs / 1000), interrupted: times.interrupted }, requested, measured, receiving, active);
  return { ...summary, cpu: { seconds: times.cpuS, cores: active.pubS > 0 ? times.cpuS / active.pubS : 0, workers: cfg.workers } };
}
