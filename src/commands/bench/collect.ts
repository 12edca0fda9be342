// mqtk bench collect URL (as --report's, with the same connection options): merges what any number of bench
// processes publish with --report into one live view and one summary. It ends when
// every process it heard from has finished (and none new came for a second), at -d, or
// on Ctrl-C. Histograms are merged exactly, as between worker threads.
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
import { toReportTarget } from './report.js';

/** After the last process finished, wait this long for late ones to say hello. */
const GRACE_MS = 1000;

interface Source {
  hello?: Hello;
  done?: Done;
}

function combine(sources: Source[], agg: Aggregate, interrupted: boolean): BenchSummary {
  const hellos = sources.flatMap((s) => (s.hello ? [s.hello] : []));
  const dones = sources.flatMap((s) => (s.done ? [s.done] : []));
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
  return agg.summary({ mode, schedule, warmupS: 0, interrupted: interrupted || dones.some((d) => d.interrupted) }, requested, measured, receiving);
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

  const onMessage = (msg: IncomingMessage): void => {
    const [source, kind] = msg.packet.topic.slice(target.topic.length + 1).split('/');
    if (source === undefined || kind === undefined) return;
    let body: unknown;
    try {
      body = JSON.parse(msg.packet.payload.toString('utf8'));
    } catch {
      bad++;
      return;
    }
    const s = sources.get(source) ?? {};
    sources.set(source, s);
    if (kind === 'hello') {
      s.hello = body as Hello;
      agg.sources += s.hello.engines;
      lastHello = Date.now();
    } else if (kind === 'interval') {
      const iv = body as ReportedInterval;
      // Processes started at different times: their seconds meet on the epoch's.
      agg.add({ ...iv, source: `${source}/${iv.source}`, t: Math.round((s.hello?.launchAt ?? 0) / 1000) + iv.t }, iv.measured);
    } else if (kind === 'done') {
      s.done = body as Done;
      agg.addSequence(s.done.sequence);
      agg.addClients(s.done.clients);
    }
  };
  client.on('message', onMessage);
  client.on('close', () => finish());
  await client.subscribe([{ topicFilter: `${target.topic}/+/+`, qos: 1 }]);

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

  const summary = combine([...sources.values()], agg, interrupted);
  if (bad > 0) summary.errors['collect: unreadable report'] = bad;
  const opts = { perClient: args.values.perClient === true };
  term.stdout.write(output === 'json' ? formatBenchJson(summary, opts) : formatBenchSummary(summary, opts));
  if (csv !== undefined) await writeFile(csv, CSV_HEADER + agg.samples().map(formatCsvRow).join(''));
  return sources.size === 0 ? 1 : 0;
}
