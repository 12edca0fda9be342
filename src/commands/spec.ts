// What a command declares: its option table (from src/options/*) and a lazy loader for
// the code that runs it, so start-up pays only for the command that runs.
import type { OptionSpec, ParsedArgs } from '../options/spec.js';
import type { ManualSection, PositionalWords } from '../options/usage.js';
import type { Terminal } from '../term/terminal.js';

export interface CommandSpec {
  name: string;
  /** One line for `mqtk --help`. */
  summary: string;
  /** The mosquitto tool it mirrors, if any. */
  mirrors?: string;
  /** Usage lines shown by `mqtk <cmd> --help`, without the leading "Usage: ". */
  usage: readonly string[];
  options: readonly OptionSpec[];
  /**
   * Accept positional arguments (e.g. passwd FILE USER); otherwise they are unknown
   * options. 'rest': options end at the first one (ctrl MODULE COMMAND ARGS...).
   */
  positionals?: boolean | 'rest';
  /** Man page sections after the options (command references, examples). */
  manual?: readonly ManualSection[];
  /** Completion words for positional arguments (ctrl's module and commands). */
  positionalWords?: readonly PositionalWords[];
  load(): Promise<CommandModule>;
}

export interface CommandModule {
  /** Does the work and returns the exit status; throws typed errors (UsageError, ExitError). */
  run(args: ParsedArgs, term: Terminal): Promise<number>;
}
