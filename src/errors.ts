// Typed errors for the CLI layers. Only main.ts turns them into output and an exit
// status. Messages carry no "Error:" prefix: main adds it.

/** Bad command-line input: printed with the "Use 'mqtk <cmd> --help'" hint; exit 1. */
export class UsageError extends Error {
  readonly code: number;
  /** Print the command's usage text to stdout after the error (mosquitto does for some cases). */
  readonly showUsage: boolean;
  constructor(message: string, opts: { code?: number; showUsage?: boolean } = {}) {
    super(message);
    this.name = 'UsageError';
    this.code = opts.code ?? 1;
    this.showUsage = opts.showUsage ?? false;
  }
}

/** A runtime failure with a specific exit status; the message is printed as is (no prefix) unless empty. */
export class ExitError extends Error {
  readonly code: number;
  constructor(code: number, message = '') {
    super(message);
    this.name = 'ExitError';
    this.code = code;
  }
}

/** A bug: printed with a request to report it. */
export class InternalError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InternalError';
  }
}
