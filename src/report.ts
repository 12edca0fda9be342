// The one place that turns an error into what the user sees: "Error: " + message on
// stderr (or the message as is, for lines that must match mosquitto's), and the exit
// status. main.ts calls it for whatever a command throws.
import { MqttError } from './codec/errors.js';
import { ExitError, InternalError, UsageError } from './errors.js';
import { ExitCode } from './exit-codes.js';
import type { Terminal } from './term/terminal.js';

/** The command that failed, for the usage hint (absent for errors before one was chosen). */
export interface FailedCommand {
  name: string;
  usage(): string;
}

export function reportError(err: unknown, term: Terminal, command?: FailedCommand): number {
  if (err instanceof UsageError) {
    if (err.message) term.stderr.write(`Error: ${err.message}\n`);
    if (err.showUsage && command) term.stdout.write(command.usage());
    else term.stderr.write(`Use 'mqtk${command ? ` ${command.name}` : ''} --help' to see usage.\n`);
    return err.code;
  }
  if (err instanceof ExitError) {
    if (err.message) term.stderr.write(err.verbatim ? `${err.message}\n` : `Error: ${err.message}\n`);
    return err.code;
  }
  if (err instanceof MqttError) {
    term.stderr.write(`Error: ${err.message}\n`);
    return ExitCode.Failure;
  }
  const e = err instanceof Error ? err : new Error(String(err));
  const what = err instanceof InternalError ? e.message : `${e.name}: ${e.message}`;
  term.stderr.write(`Error: internal error (a bug in mqtk, please report it): ${what}\n`);
  if (term.env.MQTK_DEBUG) term.stderr.write(`${e.stack ?? ''}\n`);
  return ExitCode.Software;
}
