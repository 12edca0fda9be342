// "Error: " is added in one place (report.ts, called by main); exit statuses come from
// exit-codes.ts. These tests hold the line against call sites that prefix by hand.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExitError, UsageError } from '../src/errors.js';
import { reportError } from '../src/report.js';
import { createTerminalStub } from './commands/passwd/terminal-stub.js';

const SRC = resolve(import.meta.dirname, '..', 'src');
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : n.endsWith('.ts') ? [join(dir, n)] : []));

const report = (err: unknown, command = true) => {
  const stub = createTerminalStub();
  const code = reportError(err, stub.term, command ? { name: 'pub', usage: () => 'USAGE\n' } : undefined);
  return { code, stdout: stub.stdout(), stderr: stub.stderr() };
};

describe('reportError', () => {
  it('prefixes "Error: " once, and adds the usage hint for command-line errors', () => {
    expect(report(new UsageError('Invalid QoS given: 3'))).toEqual({ code: 1, stdout: '', stderr: "Error: Invalid QoS given: 3\nUse 'mqtk pub --help' to see usage.\n" });
    expect(report(new UsageError('Unknown command.'), false).stderr).toBe("Error: Unknown command.\nUse 'mqtk --help' to see usage.\n");
    expect(report(new UsageError('', { showUsage: true }))).toEqual({ code: 1, stdout: 'USAGE\n', stderr: '' });
    expect(report(new ExitError(8, 'A TLS error occurred: x'))).toEqual({ code: 8, stdout: '', stderr: 'Error: A TLS error occurred: x\n' });
  });

  it('prints verbatim lines (mosquitto\'s own, without a prefix) as they are, and nothing for an empty message', () => {
    expect(report(new ExitError(135, 'Connection error: Not authorized', { verbatim: true })).stderr).toBe('Connection error: Not authorized\n');
    expect(report(new ExitError(27, ''))).toEqual({ code: 27, stdout: '', stderr: '' });
  });

  it('reports anything else as an internal error, exit 70, without a stack trace', () => {
    expect(report(new TypeError('x is undefined'))).toEqual({ code: 70, stdout: '', stderr: 'Error: internal error (a bug in mqtk, please report it): TypeError: x is undefined\n' });
  });
});

describe('one place for the "Error: " prefix', () => {
  it('no ExitError or UsageError in src/ carries a hand-written "Error: " (it would print twice)', () => {
    const offenders = files(SRC).flatMap((f) => {
      const text = readFileSync(f, 'utf8');
      return [...text.matchAll(/new (?:ExitError|UsageError)\([^)]*?[`'"]Error: /g)].map(() => relative(SRC, f));
    });
    expect(offenders).toEqual([]);
  });

  it('only report.ts writes an "Error: " line to stderr, apart from lines marked as mosquitto\'s', () => {
    const offenders = files(SRC).filter((f) => !f.endsWith('report.ts')).flatMap((f) =>
      readFileSync(f, 'utf8').split('\n').map((line, i) => ({ line, at: `${relative(SRC, f)}:${i + 1}` }))
        .filter(({ line }) => /stderr\.write\(`Error: /.test(line) && !/mosquitto verbatim/.test(line)).map((o) => o.at));
    expect(offenders).toEqual([]);
  });
});
