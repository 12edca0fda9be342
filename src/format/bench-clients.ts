// Per-client results of `mqtk bench` (mqtt-benchmark prints one block per client): the
// spread across clients (min / median / max) for the summary, a table for --per-client,
// and their JSON. Pure: values in, strings out.

/** Milliseconds. Population standard deviation. */
export interface LatencyStats {
  count: number;
  mean: number;
  min: number;
  max: number;
  stddev: number;
}

export interface ClientResult {
  /** The client's index in the run (%i: from --start-number). */
  index: number;
  clientId: string;
  role: 'pub' | 'sub' | 'conn';
  /** CONNECT to CONNACK of the first connection (ms). */
  connectMs: number;
  sent: number;
  acked: number;
  received: number;
  /** Messages per second over the client's active time: sent (pub) or received (sub). */
  perS: number;
  /** pub: publish to ack (QoS 1/2); sub: end to end. */
  latency: LatencyStats;
  /** A subscriber's own sequence counts (absent for shared-subscription members, counted together). */
  sequence?: { lost: number; duplicates: number; reordered: number };
  disconnects: number;
  reconnects: number;
}

export interface Spread {
  min: number;
  median: number;
  max: number;
}

/** Min, median (the lower middle of an even count) and max; undefined for no values. */
export function spreadOf(values: readonly number[]): Spread | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return { min: sorted[0]!, median: sorted[(sorted.length - 1) >> 1]!, max: sorted.at(-1)! };
}

export interface RoleSpread {
  clients: number;
  perS: Spread;
  /** Of each client's mean latency; undefined when none measured any. */
  latencyMean?: Spread;
  latencyMax?: Spread;
  lost?: Spread;
}

export function roleSpread(results: readonly ClientResult[], role: 'pub' | 'sub'): RoleSpread | undefined {
  const of = results.filter((r) => r.role === role);
  const perS = spreadOf(of.map((r) => r.perS));
  if (!perS) return undefined;
  const measured = of.filter((r) => r.latency.count > 0);
  const latencyMean = spreadOf(measured.map((r) => r.latency.mean));
  const latencyMax = spreadOf(measured.map((r) => r.latency.max));
  const lost = spreadOf(of.flatMap((r) => (r.sequence ? [r.sequence.lost] : [])));
  return { clients: of.length, perS, ...(latencyMean ? { latencyMean } : {}), ...(latencyMax ? { latencyMax } : {}), ...(lost ? { lost } : {}) };
}

const num = (v: number): string => (v >= 100 ? Math.round(v).toString() : v >= 10 ? v.toFixed(1) : v.toFixed(3).replace(/\.?0+$/, '') || '0');
const spread = (s: Spread): string => `min ${num(s.min)} median ${num(s.median)} max ${num(s.max)}`;

/** The summary's lines on how evenly the clients fared; only for roles with 2 or more clients. */
export function formatClientSpread(results: readonly ClientResult[]): string[] {
  const lines: string[] = [];
  for (const [role, label] of [['pub', 'per publisher'], ['sub', 'per subscriber']] as const) {
    const s = roleSpread(results, role);
    if (!s || s.clients < 2) continue;
    const parts = [`msg/s ${spread(s.perS)}`];
    if (s.latencyMean) parts.push(`${role === 'pub' ? 'ack latency' : 'latency'} mean ${spread(s.latencyMean)} ms`);
    if (s.lost && s.lost.max > 0) parts.push(`lost ${spread(s.lost)}`);
    lines.push(`${label.padEnd(15)}${parts.join('; ')}  (${s.clients} clients)`);
  }
  return lines;
}

const COLUMNS = ['client', 'role', 'connect_ms', 'sent', 'acked', 'received', 'msg/s', 'lat_mean', 'lat_min', 'lat_max', 'lat_std', 'lost', 'dup', 'reord', 'lost_conn', 'reconn'];

/** --per-client: one row per client, aligned columns, in the order the run numbered them. */
export function formatClientTable(results: readonly ClientResult[]): string {
  const rows = results.map((r) => {
    const l = r.latency;
    const lat = l.count > 0 ? [l.mean, l.min, l.max, l.stddev].map(num) : ['-', '-', '-', '-'];
    const seq = r.sequence ? [r.sequence.lost, r.sequence.duplicates, r.sequence.reordered].map(String) : ['-', '-', '-'];
    return [r.clientId, r.role, num(r.connectMs), String(r.sent), String(r.acked), String(r.received), num(r.perS), ...lat, ...seq, String(r.disconnects), String(r.reconnects)];
  });
  const widths = COLUMNS.map((c, i) => Math.max(c.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  return `${[line(COLUMNS), ...rows.map(line)].join('\n')}\n`;
}

const round3 = (v: number): number => Math.round(v * 1000) / 1000;
const spreadJson = (s: Spread | undefined) => (s ? { min: round3(s.min), median: round3(s.median), max: round3(s.max) } : null);

/** `client_spread` in the JSON summary: per role, null when the run had no such clients. */
export function clientSpreadJson(results: readonly ClientResult[]) {
  const role = (r: 'pub' | 'sub') => {
    const s = roleSpread(results, r);
    return s ? { clients: s.clients, per_s: spreadJson(s.perS), latency_mean_ms: spreadJson(s.latencyMean), latency_max_ms: spreadJson(s.latencyMax), lost: spreadJson(s.lost) } : null;
  };
  return { publishers: role('pub'), subscribers: role('sub') };
}

/** One element of `per_client` (--per-client). */
export function clientJson(r: ClientResult) {
  const l = r.latency;
  return {
    index: r.index, client_id: r.clientId, role: r.role, connect_ms: round3(r.connectMs), sent: r.sent, acked: r.acked, received: r.received, per_s: round3(r.perS),
    latency: { count: l.count, mean_ms: round3(l.mean), min_ms: round3(l.min), max_ms: round3(l.max), stddev_ms: round3(l.stddev) },
    sequence: r.sequence ?? null, disconnects: r.disconnects, reconnects: r.reconnects,
  };
}
