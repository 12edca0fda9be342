// Typed errors for the CLI layers. Only main.ts turns them into output and an exit
// status. Messages carry no "Error:" prefix: main adds it.
import { ExitCode } from './exit-codes.js';

/** Bad command-line input: printed with the "Use 'mqtk <cmd> --help'" hint; exit 1. */
export class UsageError extends Error {
  readonly code: number;
  /** Print the command's usage text to stdout after the error (mosquitto does for some cases). */
  readonly showUsage: boolean;
  /** An empty message with showUsage prints the usage alone (mosquitto_passwd without arguments). */
  constructor(message: string, opts: { code?: number; showUsage?: boolean } = {}) {
    super(message);
    this.name = 'UsageError';
    this.code = opts.code ?? ExitCode.Usage;
    this.showUsage = opts.showUsage ?? false;
  }
}

/**
 * A runtime failure with a specific exit status. main prints "Error: " + message, or
 * the message exactly as given when `verbatim` (a line that must match mosquitto's, such
 * as "Connection error: Not authorized", or a notice that is not an error). An empty
 * message prints nothing (--quiet).
 */
export class ExitError extends Error {
  readonly code: number;
  readonly verbatim: boolean;
  constructor(code: number, message = '', opts: { verbatim?: boolean } = {}) {
    super(message);
    this.name = 'ExitError';
    this.code = code;
    this.verbatim = opts.verbatim ?? false;
  }
}

/** A bug: printed with a request to report it. */
export class InternalError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InternalError';
  }
}
