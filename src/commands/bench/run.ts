// mqtk bench: options → engines (this thread or worker threads) → live progress on
// stderr → summary on stdout (text or one JSON object) and per-second CSV.
import { availableParallelism } from 'node:os';
import { writeFile } from 'node:fs/promises';
import { ExitError } from '../../errors.js';
import { CSV_HEADER, formatBenchJson, formatBenchSummary, formatCsvRow, formatProgress } from '../../format/bench.js';
import type { ParsedArgs } from '../../options/spec.js';
import { createProgress } from '../../term/progress.js';
import type { Terminal } from '../../term/terminal.js';
import { Aggregate } from './aggregate.js';
import { createClock, measureEpochOffset } from './clock.js';
import { toBenchConfig, type BenchConfig } from './config.js';
import { coordinate, type RunTimes } from './coordinator.js';
import { Reporter, sourceName, toReportTarget } from './report.js';
import { toSummary } from './summary.js';
import { createLocalHost, createWorkerHost, type EngineHost } from './hosts.js';

function startHosts(cfg: BenchConfig, args: ParsedArgs, pid: number, launchAt: number, epochOffset: number): EngineHost[] {
  // A worker runs the same entry script (bin/mqtk), which sees its workerData and runs an engine.
  const entry = process.argv[1];
  if (cfg.workers === 1 || !entry) return [createLocalHost({ ...cfg, workers: 1 }, launchAt, epochOffset)];
  return Array.from({ length: cfg.workers }, (_, worker) =>
    createWorkerHost(entry, { mqtkBenchWorker: true, args, pid, worker, workers: cfg.workers, launchAt, epochOffset }));
}

async function openReporter(cfg: BenchConfig, args: ParsedArgs, pid: number, engines: number, launchAt: number): Promise<Reporter> {
  const source = sourceName(pid);
  const reporter = await Reporter.open(toReportTarget(args, cfg.report!, `mqtk-bench-report-${pid}`, pid), source);
  const summary = toSummary(cfg, new Aggregate(engines), { launchAt, startAt: launchAt, endAt: launchAt, lastReceiveAt: 0, interrupted: false, cpuS: 0 });
  reporter.hello({ mode: cfg.mode, requested: summary.clients.requested, engines, schedule: summary.schedule, launchAt });
  return reporter;
}

export async function run(args: ParsedArgs, term: Terminal): Promise<number> {
  if (args.positionals[0] === 'collect') {
    const { runCollect } = await import('./collect.js');
    return runCollect(args, term);
  }
  const cfg = toBenchConfig(args, { pid: term.pid, cores: availableParallelism() });
  const epochOffset = measureEpochOffset();
  const clock = createClock(epochOffset);
  const launchAt = clock();
  const hosts = startHosts(cfg, args, term.pid, launchAt, epochOffset);
  const agg = new Aggregate(hosts.length);
  const progress = cfg.quiet ? undefined : await createProgress(term.stderr);
  const ticker = setInterval(() => {
    const s = agg.latest();
    if (s && progress) progress.update(formatProgress((clock() - launchAt) / 1000, s));
  }, 1000);
  let reporter: Reporter | undefined;
  try {
    reporter = cfg.report !== undefined ? await openReporter(cfg, args, term.pid, hosts.length, launchAt) : undefined;
  } catch (err) {
    clearInterval(ticker);
    progress?.stop();
    await Promise.all(hosts.map((h) => h.close()));
    throw err;
  }
  const run = coordinate(cfg, hosts, agg, clock, launchAt, reporter ? (iv, measured) => reporter.interval(iv, measured) : undefined);
  const removeSignal = term.onSignal(() => run.interrupt());
  let times: RunTimes;
  try {
    times = await run.done;
  } catch (err) {
    throw new ExitError(1, `${err instanceof Error ? err.message : String(err)}`);
  } finally {
    clearInterval(ticker);
    progress?.stop();
    removeSignal();
    await Promise.all(hosts.map((h) => h.close()));
  }
  const summary = toSummary(cfg, agg, times);
  await reporter?.done({
    hello: { mode: cfg.mode, requested: summary.clients.requested, engines: hosts.length, schedule: summary.schedule, launchAt },
    sequence: { received: summary.messages.received, ...summary.sequence },
    clients: summary.perClient,
    measureFrom: times.startAt + summary.warmupS * 1000,
    endAt: times.endAt,
    lastReceiveAt: times.lastReceiveAt,
    interrupted: times.interrupted,
    ...agg.finalReport(),
  });
  const opts = { perClient: cfg.perClient };
  term.stdout.write(cfg.output === 'json' ? formatBenchJson(summary, opts) : formatBenchSummary(summary, opts));
  if (cfg.csv !== undefined) {
    try {
      await writeFile(cfg.csv, CSV_HEADER + agg.samples().map(formatCsvRow).join(''));
    } catch (err) {
      throw new ExitError(1, `cannot write ${cfg.csv}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
    }
  }
  // Nothing connected: the broker is not there (the summary says why); a script should notice.
  return summary.clients.connected === 0 ? 1 : 0;
}
