// mqtk bench collect URL (as --report's, with the same connection options): merges what any number of bench
// processes publish with --report into one live view and one summary. It ends when
// every process it heard from has finished (and none new came for a second), at -d, or
// on Ctrl-C. Histograms are merged exactly, as between worker threads. Started after
// the processes, it asks them to say hello again (TOPIC/join): it misses their earlier
// live seconds, and says so, but their done carries the whole run's totals and histograms.
import { MqttClient } from '../../client/client.js';
import type { IncomingMessage } from '../../client/events.js';
import { ExitError, UsageError } from '../../errors.js';
import { CSV_HEADER, formatBenchJson, formatBenchSummary, formatCsvRow, formatProgress, type BenchSummary } from '../../format/bench.js';
import { str } from '../../options/numbers.js';
import type { ParsedArgs } from '../../options/spec.js';
import { createProgress } from '../../term/progress.js';
import type { Terminal } from '../../term/terminal.js';
import { writeFile } from 'node:fs/promises';
import { Aggregate } from './aggregate.js';
import { parseDuration, toBenchOutput } from './config.js';
import type { Done, Hello, ReportedInterval } from './report.js';
import { joinTopic, toReportTarget } from './report.js';

/** After the last process finished, wait this long for late ones to say hello. */
const GRACE_MS = 1000;

interface Source {
  hello?: Hello;
  done?: Done;
  /** Its seconds alone: the summary's fallback when its done never came. */
  agg: Aggregate;
  /** Seconds that came before its hello (a collector that joined late): placed once it says when it launched. */
  pending: ReportedInterval[];
  /** Its first second we had live (launch-relative); undefined: none. */
  firstT?: number;
  /** We heard of it only after it had started: some of its live seconds are missing. */
  late: boolean;
}

export function combine(sources: ReadonlyMap<string, Source>, interrupted: boolean): BenchSummary {
  const all = [...sources.values()];
  const hellos = all.flatMap((s) => (s.hello ? [s.hello] : []));
  const dones = all.flatMap((s) => (s.done ? [s.done] : []));
  const modes = new Set(hellos.map((h) => h.mode));
  const mode = modes.size === 1 ? [...modes][0]! : 'pubsub';
  const loops = hellos.map((h) => h.schedule);
  const schedule: BenchSummary['schedule'] = loops.length > 0 && loops.every((l) => l.kind === 'open-loop')
    ? { kind: 'open-loop', rate: loops.reduce((n, l) => n + (l.kind === 'open-loop' ? l.rate : 0), 0) }
    : loops.some((l) => l.kind === 'unthrottled') ? { kind: 'unthrottled' } : { kind: 'none' };
  const from = Math.min(...dones.map((d) => d.measureFrom));
  const end = Math.max(...dones.map((d) => d.endAt));
  const lastReceive = Math.max(end, ...dones.map((d) => d.lastReceiveAt));
  const measured = dones.length > 0 ? Math.max(0, end - from) / 1000 : 0;
  const receiving = dones.length > 0 ? Math.max(0, lastReceive - from) / 1000 : 0;
  const requested = hellos.reduce((n, h) => n + h.requested, 0);
  // Each process's own final totals and histograms when it sent them (complete even if
  // we joined late), else the seconds we had of it.
  const total = new Aggregate(0);
  for (const s of all) {
    if (s.done?.totals) total.addFinal(s.done);
    else total.addFinal(s.agg.finalReport());
    if (s.done) {
      total.addSequence(s.done.sequence);
      total.addClients(s.done.clients);
    }
  }
  const summary = total.summary({ mode, schedule, warmupS: 0, interrupted: interrupted || dones.some((d) => d.interrupted) }, requested, measured, receiving);
  const late = [...sources].filter(([, s]) => s.late).map(([source, s]) => ({
    source,
    // Launch-relative seconds before the first one we had live (all of its run if none).
    missedS: s.firstT !== undefined ? Math.max(0, s.firstT) : s.done && s.hello ? Math.max(0, Math.round((s.done.endAt - s.hello.launchAt) / 1000)) : 0,
  }));
  return late.length > 0 ? { ...summary, joinedLate: late } : summary;
}

export async function runCollect(args: ParsedArgs, term: Terminal): Promise<number> {
  const [, url, extra] = args.positionals;
  if (url === undefined) throw new UsageError('bench collect needs the --report URL: mqtt(s)://host[:port]/topic or ws(s)://.');
  if (extra !== undefined) throw new UsageError(`Unexpected argument '${extra}'.`);
  const target = toReportTarget(args, url, `mqtk-bench-collect-${term.pid}`, term.pid);
  const output = toBenchOutput(args.values);
  const maxMs = args.values.duration !== undefined ? parseDuration(str(args.values.duration)!, 'duration (-d)') : Infinity;
  const csv = str(args.values.csv);

  let client: MqttClient;
  try {
    client = await MqttClient.connect(target.client);
  } catch (err) {
    throw new ExitError(1, `cannot connect to ${url}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const agg = new Aggregate(0);
  agg.measureFrom = -Infinity;
  const sources = new Map<string, Source>();
  let lastHello = Date.now();
  let bad = 0;
  let finish: () => void = () => {};
  const finished = new Promise<void>((resolve) => (finish = resolve));
  let interrupted = false;

  const place = (name: string, s: Source, launchAt: number, iv: ReportedInterval): void => {
    s.firstT = Math.min(s.firstT ?? Infinity, iv.t);
    // Processes started at different times: their seconds meet on the epoch's.
    agg.add({ ...iv, source: `${name}/${iv.source}`, t: Math.round(launchAt / 1000) + iv.t }, iv.measured);
    s.agg.add(iv, iv.measured);
  };
  const hello = (name: string, s: Source, h: Hello): void => {
    // Said again for another collector that joined late: we have it already.
    if (s.hello) return;
    s.hello = h;
    s.late ||= h.republished === true;
    agg.sources += h.engines;
    lastHello = Date.now();
    for (const iv of s.pending.splice(0)) place(name, s, h.launchAt, iv);
  };
  const onMessage = (msg: IncomingMessage): void => {
    const [source, kind] = msg.packet.topic.slice(target.topic.length + 1).split('/');
    if (source === undefined || (kind !== 'hello' && kind !== 'interval' && kind !== 'done')) return;
    let body: unknown;
    try {
      body = JSON.parse(msg.packet.payload.toString('utf8'));
    } catch {
      bad++;
      return;
    }
    let s = sources.get(source);
    if (!s) {
      // First heard of by anything but its first hello: it was already running.
      s = { agg: new Aggregate(0), pending: [], late: kind !== 'hello' || (body as Hello).republished === true };
      sources.set(source, s);
    }
    if (kind === 'hello') hello(source, s, body as Hello);
    else if (kind === 'interval') {
      const iv = body as ReportedInterval;
      if (s.hello) place(source, s, s.hello.launchAt, iv);
      else s.pending.push(iv);
    } else {
      s.done = body as Done;
      // A bench from before done carried its hello has none: its seconds stay unplaced.
      if (s.done.hello) hello(source, s, s.done.hello);
    }
  };
  client.on('message', onMessage);
  client.on('close', () => finish());
  await client.subscribe([{ topicFilter: `${target.topic}/+/+`, qos: 1 }]);
  // Processes already running say hello again: we get the rest of their seconds and all of their totals.
  // Refused (an ACL): then only processes started after us are heard from in full.
  await client.publish({ topic: joinTopic(target.topic), payload: Buffer.alloc(0), qos: 1, retain: false }).catch(() => undefined);

  const progress = args.values.quiet ? undefined : await createProgress(term.stderr);
  const started = Date.now();
  const ticker = setInterval(() => {
    const all = [...sources.values()];
    const s = agg.latest();
    if (s && progress) progress.update(`${all.filter((x) => !x.done).length}/${all.length} running  ${formatProgress((Date.now() - started) / 1000, s)}`);
    const over = all.length > 0 && all.every((x) => x.done) && Date.now() - lastHello > GRACE_MS;
    if (over || Date.now() - started > maxMs) finish();
  }, 250);
  const removeSignal = term.onSignal(() => {
    interrupted = true;
    finish();
  });
  await finished;
  clearInterval(ticker);
  removeSignal();
  progress?.stop();
  await Promise.race([client.disconnect(), new Promise((r) => setTimeout(r, 2000).unref())]);
  client.destroy();

  const summary = combine(sources, interrupted);
  if (bad > 0) summary.errors['collect: unreadable report'] = bad;
  const opts = { perClient: args.values.perClient === true };
  term.stdout.write(output === 'json' ? formatBenchJson(summary, opts) : formatBenchSummary(summary, opts));
  if (csv !== undefined) await writeFile(csv, CSV_HEADER + agg.samples().map(formatCsvRow).join(''));
  return sources.size === 0 ? 1 : 0;
}
