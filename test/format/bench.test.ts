import { describe, expect, it } from 'vitest';
import { CSV_HEADER, formatBenchJson, formatBenchSummary, formatCsvRow, formatProgress, type BenchSummary, type Sample } from '../../src/format/bench.js';

const lat = (p50: number) => ({ count: 100, p50, p90: p50 * 2, p99: p50 * 3, p999: p50 * 4, max: p50 * 5, mean: p50 * 1.1 });
const zero = { count: 0, p50: 0, p90: 0, p99: 0, p999: 0, max: 0, mean: 0 };

const summary: BenchSummary = {
  mode: 'pubsub',
  schedule: { kind: 'open-loop', rate: 1000 },
  durationS: 10,
  warmupS: 2,
  interrupted: true,
  clients: { requested: 3, connected: 3, failed: 0, disconnects: 0, reconnects: 0 },
  messages: { sent: 10_000, acked: 10_000, received: 9_998, sentPerS: 1000, ackedPerS: 1000, receivedPerS: 999.8 },
  latency: { e2e: lat(0.5), ack: lat(0.25), connect: lat(3) },
  maxLagMs: 12.5,
  sequence: { duplicates: 1, reordered: 2, lost: 3 },
  errors: { 'connect: refused': 2 },
  perClient: [],
};

describe('bench summary', () => {
  it('prints totals, rates, percentiles, sequence counts and errors', () => {
    const text = formatBenchSummary(summary);
    expect(text).toContain('mqtk bench pubsub, open loop at 1000 msg/s, 10.0 s measured, after 2 s warm-up, interrupted');
    expect(text).toContain('sent          10000 (1000 msg/s), acknowledged 10000 (1000/s)');
    expect(text).toContain('received      9998 (1000 msg/s)');
    expect(text).toContain('latency       p50 0.500  p90 1.000  p99 1.500  p99.9 2.000  max 2.500 ms  (100 samples)');
    expect(text).toContain('sequence      lost 3, duplicates 1, reordered 2');
    expect(text).toContain('errors        connect: refused ×2');
  });

  it('says how many connections were lost and reconnected, and why in the errors', () => {
    const text = formatBenchSummary({ ...summary, clients: { requested: 3, connected: 3, failed: 0, disconnects: 4, reconnects: 3 }, errors: { 'connection lost: lost': 4, 'reconnect: gave up': 1 } });
    expect(text).toContain('connections   3/3 connected, 4 lost, 3 reconnected');
    expect(text).toContain('errors        connection lost: lost ×4, reconnect: gave up ×1');
    expect(formatBenchSummary(summary)).toContain('connections   3/3 connected\n');
  });

  it('says how much CPU bench used, and when it was near its workers\' cores', () => {
    expect(formatBenchSummary({ ...summary, cpu: { seconds: 5, cores: 0.5, workers: 2 } })).toContain('bench cpu     5.00 s, 0.50 cores of 2 workers\n');
    expect(formatBenchSummary({ ...summary, cpu: { seconds: 9.5, cores: 0.95, workers: 1 } })).toContain('0.95 cores of 1 worker (bench itself may have been the limit: more --workers or machines)');
    expect(JSON.parse(formatBenchJson({ ...summary, cpu: { seconds: 5, cores: 0.5, workers: 2 } })).cpu).toEqual({ seconds: 5, cores: 0.5, workers: 2 });
    expect(JSON.parse(formatBenchJson(summary)).cpu).toBeNull();
  });

  it('collect: says whose live seconds it missed, in text and as joined_late in JSON', () => {
    const late = { ...summary, joinedLate: [{ source: 'load1-42', missedS: 3 }] };
    expect(formatBenchSummary(late)).toContain('joined late   load1-42 (first 3 s of live samples missed); totals and histograms are complete\n');
    expect(JSON.parse(formatBenchJson(late)).joined_late).toEqual([{ source: 'load1-42', missed_s: 3 }]);
    expect(formatBenchSummary(summary)).not.toContain('joined late');
  });

  it('leaves out what a mode does not measure', () => {
    const text = formatBenchSummary({ ...summary, mode: 'conn', schedule: { kind: 'none' }, latency: { e2e: zero, ack: zero, connect: lat(3) }, errors: {} });
    expect(text).not.toContain('sent');
    expect(text).not.toContain('sequence');
    expect(text).toContain('connect time');
  });

  it('prints JSON with the documented keys', () => {
    const json = JSON.parse(formatBenchJson(summary)) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(['mode', 'schedule', 'rate', 'duration_s', 'warmup_s', 'interrupted', 'clients', 'messages', 'latency', 'ack_latency', 'connect_time', 'max_lag_ms', 'sequence', 'errors', 'client_spread', 'cpu']);
    expect(Object.keys(JSON.parse(formatBenchJson(summary, { perClient: true })) as object).at(-1)).toBe('per_client');
    expect(json.messages).toEqual({ sent: 10_000, acked: 10_000, received: 9_998, sent_per_s: 1000, acked_per_s: 1000, received_per_s: 999.8 });
    expect(json.latency).toEqual({ count: 100, p50_ms: 0.5, p90_ms: 1, p99_ms: 1.5, p999_ms: 2, max_ms: 2.5, mean_ms: 0.55 });
    expect(json.sequence).toEqual({ duplicates: 1, reordered: 2, lost: 3 });
  });
});

describe('per-second samples', () => {
  const sample: Sample = { t: 3, connected: 10, connects: 0, disconnects: 0, reconnects: 0, sent: 1000, acked: 990, received: 2000, inflight: 20, lagMs: 1.23456, errors: 0, e2eP50: 0.4, e2eP99: 2, ackP99: 3 };

  it('writes one CSV row per second under a fixed header', () => {
    expect(CSV_HEADER.trim().split(',')).toHaveLength(formatCsvRow(sample).trim().split(',').length);
    expect(formatCsvRow(sample)).toBe('3,10,0,1000,990,2000,20,1.235,0,0.4,2,3,0,0\n');
  });

  it('shows losses and reconnects on the live line when there are any', () => {
    expect(formatProgress(4.2, { ...sample, disconnects: 2, reconnects: 1 })).toContain('lost 2  reconnected 1');
  });

  it('formats the live line', () => {
    expect(formatProgress(4.2, sample)).toBe('4s  conn 10  sent 1000/s  recv 2000/s  inflight 20  lag 1.235 ms  p99 2.000 ms');
  });
});
