// argv → command → exit status. The only place that exits, and the one top-level
// catch: typed errors become one "Error: ..." line on stderr and their exit status.
import { isMainThread, workerData } from 'node:worker_threads';
import { buildCli, commands, findCommand } from './cli.js';
import { MqttError } from './codec/errors.js';
import type { CommandSpec } from './commands/spec.js';
import { ExitError, InternalError, UsageError } from './errors.js';
import { parseArgv } from './options/parse.js';
import { readRcFile } from './options/rc-file.js';
import { formatUsage } from './options/usage.js';
import { createProcessTerminal, type Terminal } from './term/terminal.js';
import { VERSION } from './version.js';

async function runCommand(spec: CommandSpec, argv: string[], term: Terminal): Promise<number> {
  // The options file is read as argv before the command line, so the command line wins.
  const args = parseArgv([...readRcFile(spec.name, term.env), ...argv], spec.options, { positionals: spec.positionals });
  if (args.values.help) {
    // mosquitto's clients print usage on stdout and exit 1 for --help.
    term.stdout.write(formatUsage(spec, VERSION));
    return 1;
  }
  if (args.values.version) {
    term.stdout.write(`mqtk ${spec.name} version ${VERSION} running on Node.js ${process.versions.node}.\n`);
    return 1;
  }
  const mod = await spec.load();
  return mod.run(args, term);
}

async function runTopLevel(argv: string[], term: Terminal): Promise<number> {
  if (argv[0] === 'completion') {
    const { formatBashCompletion, formatZshCompletion } = await import('./options/completions.js');
    const shell = argv[1] ?? 'bash';
    if (shell !== 'bash' && shell !== 'zsh') throw new UsageError(`Unknown shell '${shell}': use bash or zsh.`);
    term.stdout.write(shell === 'bash' ? formatBashCompletion(commands) : formatZshCompletion(commands));
    return 0;
  }
  const name = argv[0];
  if (name !== undefined && !name.startsWith('-')) {
    term.stderr.write(`Error: Unknown command '${name}'. Commands: ${commands.map((c) => c.name).join(', ')}.\n`);
    return 1;
  }
  // yargs only for the top level: `mqtk`, `mqtk --help`, `mqtk --version`.
  const cli = await buildCli(argv);
  if (name === undefined) {
    term.stderr.write(`${await cli.getHelp()}\n`);
    return 1;
  }
  let code = 0;
  await cli.exitProcess(false).fail((msg) => {
    term.stderr.write(`Error: ${msg}\n`);
    code = 1;
  }).parseAsync();
  return code;
}

function report(err: unknown, term: Terminal, spec: CommandSpec | undefined): number {
  if (err instanceof UsageError) {
    term.stderr.write(`Error: ${err.message}\n`);
    if (err.showUsage && spec) term.stdout.write(formatUsage(spec, VERSION));
    else if (spec) term.stderr.write(`Use 'mqtk ${spec.name} --help' to see usage.\n`);
    return err.code;
  }
  if (err instanceof ExitError) {
    if (err.message) term.stderr.write(`${err.message}\n`);
    return err.code;
  }
  if (err instanceof MqttError) {
    term.stderr.write(`Error: ${err.message}\n`);
    return 1;
  }
  const e = err instanceof Error ? err : new Error(String(err));
  const what = err instanceof InternalError ? e.message : `${e.name}: ${e.message}`;
  term.stderr.write(`Error: internal error (a bug in mqtk, please report it): ${what}\n`);
  if (term.env.MQTK_DEBUG) term.stderr.write(`${e.stack ?? ''}\n`);
  return 70;
}

async function main(argv: string[]): Promise<never> {
  const term = createProcessTerminal({ onOutputClosed: () => process.exit(0) });
  const spec = findCommand(argv[0]);
  let code: number;
  try {
    code = spec ? await runCommand(spec, argv.slice(1), term) : await runTopLevel(argv, term);
  } catch (err) {
    code = report(err, term, spec);
  }
  // On Linux, writes to pipes, files and terminals are synchronous, so nothing is lost.
  process.exit(code);
}

// `mqtk bench --workers N` runs its engines in worker threads started on this same script.
if (isMainThread) {
  void main(process.argv.slice(2));
} else {
  void import('./commands/bench/worker.js').then(({ isBenchWorker, runWorker }) => {
    if (isBenchWorker(workerData)) runWorker(workerData);
  });
}
