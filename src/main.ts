// argv → command → exit status. The only place that exits, and the one top-level
// catch: typed errors become one "Error: ..." line on stderr and their exit status.
import { commands, routeArgv, type Route } from './cli.js';
import { BENCH_WORKER_ARG } from './commands/bench/worker-arg.js';
import type { CommandSpec } from './commands/spec.js';
import { ExitCode } from './exit-codes.js';
import { parseArgv } from './options/parse.js';
import { readRcFile } from './options/rc-file.js';
import { reportError } from './report.js';
import { formatTopLevelHelp, formatUsage } from './options/usage.js';
import { manCommand } from './term/install-paths.js';
import { createProcessTerminal, type Terminal } from './term/terminal.js';
import { VERSION } from './version.js';

const commandUsage = (spec: CommandSpec): string => formatUsage(spec, VERSION, manCommand(`mqtk-${spec.name}`, process.argv[1]));

async function runCommand(spec: CommandSpec, argv: string[], term: Terminal): Promise<number> {
  // The options file is read as argv before the command line, so the command line wins.
  const args = parseArgv([...readRcFile(spec.name, term.env), ...argv], spec.options, { positionals: spec.positionals });
  if (args.values.help) {
    // mosquitto's clients print usage on stdout and exit 1 for --help.
    term.stdout.write(commandUsage(spec));
    return ExitCode.Usage;
  }
  if (args.values.version) {
    term.stdout.write(`mqtk ${spec.name} version ${VERSION} running on Node.js ${process.versions.node}.\n`);
    return ExitCode.Usage;
  }
  const mod = await spec.load();
  return mod.run(args, term);
}

async function runRoute(route: Route, term: Terminal): Promise<number> {
  switch (route.kind) {
    case 'run':
      return runCommand(route.command, route.argv, term);
    case 'command-help':
      term.stdout.write(commandUsage(route.command));
      return ExitCode.Ok;
    case 'help': {
      const text = formatTopLevelHelp(commands, VERSION, manCommand('mqtk', process.argv[1]));
      // `mqtk` alone is a mistake worth a non-zero status; `mqtk --help` is not.
      (route.asked ? term.stdout : term.stderr).write(text);
      return route.asked ? ExitCode.Ok : ExitCode.Usage;
    }
    case 'version':
      term.stdout.write(`mqtk version ${VERSION} running on Node.js ${process.versions.node}.\n`);
      return ExitCode.Ok;
    case 'completion': {
      const { formatCompletion } = await import('./options/completions.js');
      term.stdout.write(formatCompletion(route.shell, commands));
      return ExitCode.Ok;
    }
  }
}

async function main(argv: string[]): Promise<never> {
  const term = createProcessTerminal({ onOutputClosed: () => process.exit(ExitCode.Ok) });
  let spec: CommandSpec | undefined;
  let code: number;
  try {
    const route = routeArgv(argv);
    if (route.kind === 'run') spec = route.command;
    code = await runRoute(route, term);
  } catch (err) {
    const failed = spec;
    code = reportError(err, term, failed && { name: failed.name, usage: () => commandUsage(failed) });
  }
  // On Linux, writes to pipes, files and terminals are synchronous, so nothing is lost.
  process.exit(code);
}

/** A bench worker thread runs one engine; anything else with the marker is an ordinary run. */
async function benchWorker(): Promise<void> {
  const { isMainThread, workerData } = await import('node:worker_threads');
  if (isMainThread) return void main(process.argv.slice(2));
  const { isBenchWorker, runWorker } = await import('./commands/bench/worker.js');
  if (isBenchWorker(workerData)) runWorker(workerData);
}

// `mqtk bench --workers N` runs its engines in worker threads started on this same script,
// marked by BENCH_WORKER_ARG; only then is node:worker_threads loaded to make sure.
if (process.argv[2] === BENCH_WORKER_ARG) void benchWorker();
else void main(process.argv.slice(2));
