// What a command declares: its option table (from src/options/*) and a lazy loader for
// the code that runs it, so start-up pays only for the command that runs.
import type { Manual } from '../options/man-page.js';
import type { OptionSpec, ParsedArgs, SubcommandSpec } from '../options/spec.js';
import type { Example } from '../options/usage.js';
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
  /** 2-4 examples, shown by --help and in the man page's EXAMPLES. */
  examples?: readonly Example[];
  /**
   * Accept positional arguments (e.g. passwd FILE USER); otherwise they are unknown
   * options. 'rest': options end at the first one (ctrl MODULE COMMAND ARGS...).
   */
  positionals?: boolean | 'rest';
  /** The words after the options, when they are subcommands (ctrl: dynsec, then its commands). */
  subcommands?: readonly SubcommandSpec[];
  load(): Promise<CommandModule>;
  /** The man page's prose (loaded only by `npm run docs`). */
  manual?: () => Promise<{ manual: Manual }>;
}

export interface CommandModule {
  /** Does the work and returns the exit status; throws typed errors (UsageError, ExitError). */
  run(args: ParsedArgs, term: Terminal): Promise<number>;
}
