// A Terminal for running `passwd` in-process: captured output, canned stdin, signals on demand.
import { Readable } from 'node:stream';
import { parseArgv } from '../../../src/options/parse.js';
import { passwdOptions } from '../../../src/options/passwd.js';
import type { ParsedArgs } from '../../../src/options/spec.js';
import type { OutputStream, Terminal } from '../../../src/term/terminal.js';

export interface TerminalStub {
  term: Terminal;
  stdout(): string;
  stderr(): string;
  /** Delivers SIGINT/SIGTERM to whoever registered through term.onSignal. */
  raise(signal: 'SIGINT' | 'SIGTERM'): void;
}

function capture(chunks: Buffer[]): OutputStream {
  return {
    write: (data) => {
      chunks.push(Buffer.from(data));
      return true;
    },
    drain: async () => {},
    isTTY: false,
  };
}

export function createTerminalStub(opts: { stdin?: string | Buffer; stdinIsTTY?: boolean } = {}): TerminalStub {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const handlers = new Set<(s: 'SIGINT' | 'SIGTERM') => void>();
  const term: Terminal = {
    stdout: capture(out),
    stderr: capture(err),
    stdin: Readable.from(opts.stdin === undefined ? [] : [Buffer.from(opts.stdin)]),
    stdinIsTTY: opts.stdinIsTTY ?? false,
    env: { MQTK_MOSQUITTO: '', MQTK_BROKER_USER: '' },
    pid: 4242,
    onSignal(handler) {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
  };
  return {
    term,
    stdout: () => Buffer.concat(out).toString('utf8'),
    stderr: () => Buffer.concat(err).toString('utf8'),
    raise: (signal) => {
      for (const h of handlers) h(signal);
    },
  };
}

export function passwdArgs(argv: string[]): ParsedArgs {
  return parseArgv(argv, passwdOptions, { positionals: true });
}
