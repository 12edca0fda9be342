// `mqtk bench` output: the final summary (text and JSON), the per-second CSV, and the
// live progress line. Pure: values in, strings out. The JSON keys are the documented,
// stable interface (README, "mqtk bench"): add keys, never rename them.

import { clientJson, clientSpreadJson, formatClientSpread, formatClientTable, type ClientResult } from './bench-clients.js';

export interface LatencySummary {
  count: number;
  /** Milliseconds. */
  p50: number;
  p90: number;
  p99: number;
  p999: number;
  max: number;
  mean: number;
}

export interface BenchSummary {
  mode: 'pub' | 'sub' | 'pubsub' | 'conn';
  /** 'open-loop' at `rate` msg/s, or 'unthrottled' (as fast as the broker takes them). */
  schedule: { kind: 'open-loop'; rate: number } | { kind: 'unthrottled' } | { kind: 'none' };
  /** Seconds measured for rates and latencies (after the warm-up). */
  durationS: number;
  warmupS: number;
  interrupted: boolean;
  /** `connected`: first connects; `disconnects`: connections lost; `reconnects`: lost ones connected again. */
  clients: { requested: number; connected: number; failed: number; disconnects: number; reconnects: number };
  messages: { sent: number; acked: number; received: number; sentPerS: number; ackedPerS: number; receivedPerS: number };
  /** End to end (subscribers), publish to acknowledgement (QoS 1/2), connect (CONNACK). */
  latency: { e2e: LatencySummary; ack: LatencySummary; connect: LatencySummary };
  /** The furthest behind the open-loop schedule a publisher was (ms). */
  maxLagMs: number;
  sequence: { duplicates: number; reordered: number; lost: number };
  errors: Record<string, number>;
  /**
   * This bench process's CPU (all threads) from the start to the end of publishing, and in
   * cores over that time; near `workers` cores, bench itself was the limit. Absent in collect.
   */
  cpu?: { seconds: number; cores: number; workers: number };
  /** Every connected client's own results (mqtt-benchmark's per-client summary). */
  perClient: ClientResult[];
  /**
   * collect only: processes it heard of after they had started, and the seconds of their
   * run before its first live sample of them (missing from the live line and --csv; the
   * totals and histograms come from their final report, complete).
   */
  joinedLate?: Array<{ source: string; missedS: number }>;
}

export interface Sample {
  /** Seconds since publishing started (negative while connecting). */
  t: number;
  connected: number;
  connects: number;
  disconnects: number;
  reconnects: number;
  sent: number;
  acked: number;
  received: number;
  inflight: number;
  lagMs: number;
  errors: number;
  e2eP50: number;
  e2eP99: number;
  ackP99: number;
}

const ms = (v: number): string => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(3));
const rate = (v: number): string => (v >= 100 ? Math.round(v).toString() : v.toFixed(1));

function latencyLine(label: string, l: LatencySummary): string {
  return `${label.padEnd(13)} p50 ${ms(l.p50)}  p90 ${ms(l.p90)}  p99 ${ms(l.p99)}  p99.9 ${ms(l.p999)}  max ${ms(l.max)} ms  (${l.count} samples)`;
}

/** `perClient`: add the table of every client (--per-client). */
export function formatBenchSummary(s: BenchSummary, opts: { perClient?: boolean } = {}): string {
  const lines: string[] = [];
  const how = s.schedule.kind === 'open-loop' ? `open loop at ${rate(s.schedule.rate)} msg/s` : s.schedule.kind === 'unthrottled' ? 'unthrottled' : '';
  const head = [`mqtk bench ${s.mode}`, how, `${s.durationS.toFixed(1)} s measured`, s.warmupS > 0 ? `after ${s.warmupS} s warm-up` : '', s.interrupted ? 'interrupted' : ''];
  lines.push(head.filter(Boolean).join(', '));
  const c = s.clients;
  const churn = [c.failed ? `${c.failed} failed` : '', c.disconnects ? `${c.disconnects} lost` : '', c.reconnects ? `${c.reconnects} reconnected` : ''];
  lines.push(`connections   ${[`${c.connected}/${c.requested} connected`, ...churn].filter(Boolean).join(', ')}`);
  const m = s.messages;
  if (s.mode !== 'conn') {
    if (s.mode !== 'sub') lines.push(`sent          ${m.sent} (${rate(m.sentPerS)} msg/s)${m.acked ? `, acknowledged ${m.acked} (${rate(m.ackedPerS)}/s)` : ''}`);
    if (s.mode !== 'pub') lines.push(`received      ${m.received} (${rate(m.receivedPerS)} msg/s)`);
  }
  if (s.latency.e2e.count > 0) lines.push(latencyLine('latency', s.latency.e2e));
  if (s.latency.ack.count > 0) lines.push(latencyLine('ack latency', s.latency.ack));
  if (s.latency.connect.count > 0) lines.push(latencyLine('connect time', s.latency.connect));
  if (s.schedule.kind === 'open-loop') lines.push(`schedule lag  max ${ms(s.maxLagMs)} ms`);
  lines.push(...formatClientSpread(s.perClient));
  if (s.mode === 'sub' || s.mode === 'pubsub') lines.push(`sequence      lost ${s.sequence.lost}, duplicates ${s.sequence.duplicates}, reordered ${s.sequence.reordered}`);
  if (s.cpu && s.cpu.seconds > 0) lines.push(`bench cpu     ${s.cpu.seconds.toFixed(2)} s, ${s.cpu.cores.toFixed(2)} cores of ${s.cpu.workers} worker${s.cpu.workers === 1 ? '' : 's'}${s.cpu.cores >= 0.9 * s.cpu.workers ? ' (bench itself may have been the limit: more --workers or machines)' : ''}`);
  if (s.joinedLate) lines.push(`joined late   ${s.joinedLate.map((j) => `${j.source} (first ${j.missedS} s of live samples missed)`).join(', ')}; totals and histograms are complete`);
  const errors = Object.entries(s.errors);
  if (errors.length > 0) lines.push(`errors        ${errors.map(([k, n]) => `${k} ×${n}`).join(', ')}`);
  const table = opts.perClient && s.perClient.length > 0 ? `\n${formatClientTable(s.perClient)}` : '';
  return `${lines.join('\n')}\n${table}`;
}

const round3 = (v: number): number => Math.round(v * 1000) / 1000;

function latencyJson(l: LatencySummary) {
  return { count: l.count, p50_ms: round3(l.p50), p90_ms: round3(l.p90), p99_ms: round3(l.p99), p999_ms: round3(l.p999), max_ms: round3(l.max), mean_ms: round3(l.mean) };
}

/** One JSON object on one line; snake_case keys, times in milliseconds unless named _s. */
export function formatBenchJson(s: BenchSummary, opts: { perClient?: boolean } = {}): string {
  const m = s.messages;
  return `${JSON.stringify({
    mode: s.mode,
    schedule: s.schedule.kind,
    rate: s.schedule.kind === 'open-loop' ? s.schedule.rate : null,
    duration_s: round3(s.durationS),
    warmup_s: s.warmupS,
    interrupted: s.interrupted,
    clients: s.clients,
    messages: { sent: m.sent, acked: m.acked, received: m.received, sent_per_s: round3(m.sentPerS), acked_per_s: round3(m.ackedPerS), received_per_s: round3(m.receivedPerS) },
    latency: latencyJson(s.latency.e2e),
    ack_latency: latencyJson(s.latency.ack),
    connect_time: latencyJson(s.latency.connect),
    max_lag_ms: round3(s.maxLagMs),
    sequence: s.sequence,
    errors: s.errors,
    client_spread: clientSpreadJson(s.perClient),
    cpu: s.cpu ? { seconds: round3(s.cpu.seconds), cores: round3(s.cpu.cores), workers: s.cpu.workers } : null,
    ...(s.joinedLate ? { joined_late: s.joinedLate.map((j) => ({ source: j.source, missed_s: j.missedS })) } : {}),
    ...(opts.perClient ? { per_client: s.perClient.map(clientJson) } : {}),
  })}\n`;
}

export const CSV_HEADER = 't_s,connected,connects,sent,acked,received,inflight,lag_ms,errors,latency_p50_ms,latency_p99_ms,ack_latency_p99_ms,disconnects,reconnects\n';

export function formatCsvRow(r: Sample): string {
  return `${[r.t, r.connected, r.connects, r.sent, r.acked, r.received, r.inflight, round3(r.lagMs), r.errors, round3(r.e2eP50), round3(r.e2eP99), round3(r.ackP99), r.disconnects, r.reconnects].join(',')}\n`;
}

/** The live line: elapsed, connected, sent/s, received/s, in flight, lag, errors. */
export function formatProgress(elapsedS: number, r: Sample): string {
  const parts = [`${elapsedS.toFixed(0)}s`, `conn ${r.connected}`, `sent ${r.sent}/s`, `recv ${r.received}/s`];
  if (r.inflight > 0) parts.push(`inflight ${r.inflight}`);
  if (r.lagMs >= 1) parts.push(`lag ${ms(r.lagMs)} ms`);
  if (r.e2eP99 > 0) parts.push(`p99 ${ms(r.e2eP99)} ms`);
  if (r.disconnects > 0) parts.push(`lost ${r.disconnects}`);
  if (r.reconnects > 0) parts.push(`reconnected ${r.reconnects}`);
  if (r.errors > 0) parts.push(`errors ${r.errors}`);
  return parts.join('  ');
}
