// The command registry (option tables only: cheap to import) and the top-level router:
// argv → which command runs with which argv. Pure; throws UsageError. Options before
// the command either apply (the global ones) or are an error naming them: they are
// never silently dropped, since `mqtk -d pub ...` that publishes nothing and exits 0
// would lose data in a script.
import { benchCommand } from './commands/bench/command.js';
import { ctrlCommand } from './commands/ctrl/command.js';
import { passwdCommand } from './commands/passwd/command.js';
import { pubCommand } from './commands/pub/command.js';
import { rrCommand } from './commands/rr/command.js';
import { serveCommand } from './commands/serve/command.js';
import type { CommandSpec } from './commands/spec.js';
import { subCommand } from './commands/sub/command.js';
import { UsageError } from './errors.js';
import { builtinCommands, completionShells, globalOptions, type CompletionShell } from './options/general.js';
import { suggest } from './options/suggest.js';

export const commands: readonly CommandSpec[] = [pubCommand, subCommand, rrCommand, ctrlCommand, passwdCommand, serveCommand, benchCommand];

export function findCommand(name: string | undefined): CommandSpec | undefined {
  return commands.find((c) => c.name === name);
}

export type Route =
  /** Run a command; its argv may start with global colour options it declares. */
  | { kind: 'run'; command: CommandSpec; argv: string[] }
  /** `mqtk help CMD`: the same text as `mqtk CMD --help`, on stdout, exit 0. */
  | { kind: 'command-help'; command: CommandSpec }
  /** `mqtk --help` (stdout, exit 0), or `mqtk` alone (stderr, exit 1). */
  | { kind: 'help'; asked: boolean }
  | { kind: 'version' }
  | { kind: 'completion'; shell: CompletionShell };

const allNames = (): string[] => [...commands.map((c) => c.name), ...builtinCommands.map((b) => b.name)];

function unknownCommand(name: string): UsageError {
  const near = suggest(name, allNames());
  return new UsageError(`Unknown command '${name}'.${near ? ` Did you mean '${near}'?` : ` Commands: ${allNames().join(', ')}.`}`);
}

/** An option before the command that is not a global one. */
function misplacedOption(flag: string, rest: readonly string[]): UsageError {
  const cmd = findCommand(rest.find((a) => findCommand(a) !== undefined));
  if (cmd && cmd.options.some((o) => o.flags.includes(flag))) {
    return new UsageError(`Option '${flag}' must come after the command: mqtk ${cmd.name} ${flag} ...`);
  }
  const near = suggest(flag, globalOptions.flatMap((o) => o.flags));
  return new UsageError(`Unknown option '${flag}'.${near ? ` Did you mean '${near}'?` : ''}`);
}

function extraArgument(after: string, arg: string): UsageError {
  return new UsageError(`Unexpected argument '${arg}' after '${after}'.`);
}

export function routeArgv(argv: readonly string[]): Route {
  if (argv.length === 1 && argv[0] === '-h') return { kind: 'help', asked: true };
  const colour: string[] = [];
  let help = false;
  let i = 0;
  for (; i < argv.length && argv[i]!.startsWith('-'); i++) {
    const flag = argv[i]!;
    const spec = globalOptions.find((o) => o.flags.includes(flag));
    if (!spec) throw misplacedOption(flag, argv.slice(i + 1));
    if (spec.key === 'version') {
      if (i + 1 < argv.length) throw extraArgument(flag, argv[i + 1]!);
      return { kind: 'version' };
    }
    if (spec.key === 'help') help = true;
    else colour.push(flag);
  }
  const name = argv[i];
  const rest = argv.slice(i + 1);
  if (name === undefined) return { kind: 'help', asked: help };
  const command = findCommand(name);
  if (command) {
    const passed = colour.filter((f) => command.options.some((o) => o.flags.includes(f)));
    return { kind: 'run', command, argv: [...passed, ...(help ? ['--help'] : []), ...rest] };
  }
  if (name === 'help') {
    if (rest.length === 0) return { kind: 'help', asked: true };
    const target = findCommand(rest[0]);
    if (!target && (rest[0] === 'help' || rest[0] === 'completion') && rest.length === 1) return { kind: 'help', asked: true };
    if (!target) throw unknownCommand(rest[0]!);
    if (rest.length > 1) throw extraArgument(rest[0]!, rest[1]!);
    return { kind: 'command-help', command: target };
  }
  if (name === 'completion') {
    if (help) return { kind: 'help', asked: true };
    const shell = rest[0] ?? 'bash';
    if (!(completionShells as readonly string[]).includes(shell)) throw new UsageError(`Unknown shell '${shell}': use ${completionShells.join(', ')}.`);
    if (rest.length > 1) throw extraArgument(shell, rest[1]!);
    return { kind: 'completion', shell: shell as CompletionShell };
  }
  throw unknownCommand(name);
}
