import { describe, expect, it } from 'vitest';
import { clientJson, clientSpreadJson, formatClientSpread, formatClientTable, spreadOf, type ClientResult } from '../../src/format/bench-clients.js';

const stats = (mean: number) => ({ count: 10, mean, min: mean / 2, max: mean * 3, stddev: mean / 4 });
const pub = (i: number, perS: number, mean: number): ClientResult => ({
  index: i, clientId: `p${i}`, role: 'pub', connectMs: 2.5, sent: perS * 10, acked: perS * 10, received: 0, perS, latency: stats(mean), disconnects: 0, reconnects: 0,
});
const sub = (i: number, perS: number, lost: number): ClientResult => ({
  index: 10 + i, clientId: `s${i}`, role: 'sub', connectMs: 3, sent: 0, acked: 0, received: perS * 10, perS, latency: stats(1), sequence: { lost, duplicates: 0, reordered: 0 }, disconnects: 1, reconnects: 1,
});

describe('per-client results', () => {
  it('spreads values as min, median (lower middle) and max', () => {
    expect(spreadOf([])).toBeUndefined();
    expect(spreadOf([5])).toEqual({ min: 5, median: 5, max: 5 });
    expect(spreadOf([9, 1, 4])).toEqual({ min: 1, median: 4, max: 9 });
    expect(spreadOf([4, 1, 9, 2])).toEqual({ min: 1, median: 2, max: 9 });
  });

  it('summarises each role with two or more clients in one line', () => {
    const lines = formatClientSpread([pub(0, 90, 2), pub(1, 100, 4), pub(2, 110, 8), sub(0, 300, 0), sub(1, 290, 3)]);
    expect(lines).toEqual([
      'per publisher  msg/s min 90.0 median 100 max 110; ack latency mean min 2 median 4 max 8 ms  (3 clients)',
      'per subscriber msg/s min 290 median 290 max 300; latency mean min 1 median 1 max 1 ms; lost min 0 median 0 max 3  (2 clients)',
    ]);
    // One client of a role is the summary itself.
    expect(formatClientSpread([pub(0, 90, 2), sub(0, 300, 0)])).toEqual([]);
  });

  it('prints one aligned row per client, dashes where a value does not apply', () => {
    const noAcks: ClientResult = { ...pub(1, 5, 0), latency: { count: 0, mean: 0, min: 0, max: 0, stddev: 0 } };
    const rows = formatClientTable([pub(0, 100, 2), noAcks, sub(0, 300, 3)]).trimEnd().split('\n');
    expect(rows).toHaveLength(4);
    expect(rows[0]).toMatch(/^client\s+role\s+connect_ms\s+sent\s+acked\s+received\s+msg\/s\s+lat_mean\s+lat_min\s+lat_max\s+lat_std\s+lost\s+dup\s+reord\s+lost_conn\s+reconn$/);
    expect(rows[1]!.split(/\s+/)).toEqual(['p0', 'pub', '2.5', '1000', '1000', '0', '100', '2', '1', '6', '0.5', '-', '-', '-', '0', '0']);
    expect(rows[2]!.split(/\s+/).slice(7, 11)).toEqual(['-', '-', '-', '-']);
    expect(rows[3]!.split(/\s+/)).toEqual(['s0', 'sub', '3', '0', '0', '3000', '300', '1', '0.5', '3', '0.25', '3', '0', '0', '1', '1']);
    // Columns line up: every row is as wide as the header or ends at the same column.
    expect(new Set(rows.map((r) => r.length)).size).toBe(1);
  });

  it('gives JSON per client and the spread per role (null for a role the run had not)', () => {
    expect(clientJson(sub(0, 300, 3))).toEqual({
      index: 10, client_id: 's0', role: 'sub', connect_ms: 3, sent: 0, acked: 0, received: 3000, per_s: 300,
      latency: { count: 10, mean_ms: 1, min_ms: 0.5, max_ms: 3, stddev_ms: 0.25 },
      sequence: { lost: 3, duplicates: 0, reordered: 0 }, disconnects: 1, reconnects: 1,
    });
    expect(clientSpreadJson([pub(0, 90, 2), pub(1, 110, 4)])).toEqual({
      publishers: { clients: 2, per_s: { min: 90, median: 90, max: 110 }, latency_mean_ms: { min: 2, median: 2, max: 4 }, latency_max_ms: { min: 6, median: 6, max: 12 }, lost: null },
      subscribers: null,
    });
  });
});
