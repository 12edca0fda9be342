import { describe, expect, it } from 'vitest';
import { passwordFromInput, readPassword } from '../../../src/commands/passwd/password-input.js';
import { ExitError } from '../../../src/errors.js';
import { createTerminalStub } from './terminal-stub.js';

function exitOf(fn: () => unknown): { code: number; message: string } {
  try {
    fn();
  } catch (err) {
    if (err instanceof ExitError) return { code: err.code, message: err.message };
    throw err;
  }
  throw new Error('no ExitError');
}

describe('passwordFromInput (piped standard input)', () => {
  it('takes one line, with or without its newline (LF or CRLF)', () => {
    expect(passwordFromInput(Buffer.from('pw'), true).toString()).toBe('pw');
    expect(passwordFromInput(Buffer.from('pw\n'), true).toString()).toBe('pw');
    expect(passwordFromInput(Buffer.from('pw\r\n'), true).toString()).toBe('pw');
    expect(passwordFromInput(Buffer.from(' spaces kept \n'), true).toString()).toBe(' spaces kept ');
  });

  it("takes a second line as the confirmation, as mosquitto_passwd's prompt does", () => {
    expect(passwordFromInput(Buffer.from('pw\npw\n'), true).toString()).toBe('pw');
    expect(exitOf(() => passwordFromInput(Buffer.from('pw\nxx\n'), true))).toEqual({ code: 2, message: 'Passwords do not match.' });
    expect(exitOf(() => passwordFromInput(Buffer.from('pw\n\n'), true))).toEqual({ code: 2, message: 'Passwords do not match.' });
  });

  it('refuses an empty password (exit 1) and more lines than it can make sense of', () => {
    expect(exitOf(() => passwordFromInput(Buffer.alloc(0), true))).toEqual({ code: 1, message: 'Empty password.' });
    expect(exitOf(() => passwordFromInput(Buffer.from('\n'), true))).toEqual({ code: 1, message: 'Empty password.' });
    expect(exitOf(() => passwordFromInput(Buffer.from('a\na\na\n'), true)).message).toMatch(/got 3 lines/);
    expect(exitOf(() => passwordFromInput(Buffer.from('a\na\n'), false)).message).toBe('Expected the password on one line of standard input, got 2 lines.');
  });

  it('refuses passwords over 65535 bytes', () => {
    expect(exitOf(() => passwordFromInput(Buffer.alloc(65536, 0x61), true)).message).toBe('Password must be less than 65536 characters long.');
    expect(passwordFromInput(Buffer.alloc(65535, 0x61), true)).toHaveLength(65535);
  });
});

describe('readPassword', () => {
  it('uses -b as given, refusing an empty one', async () => {
    const { term } = createTerminalStub();
    expect((await readPassword(term, { given: 'pw', stdin: false, confirm: true })).toString()).toBe('pw');
    await expect(readPassword(term, { given: '', stdin: false, confirm: true })).rejects.toMatchObject({ code: 1, message: 'Empty password.' });
  });

  it('reads standard input when it is not a terminal', async () => {
    const { term } = createTerminalStub({ stdin: 'piped\n' });
    expect((await readPassword(term, { stdin: false, confirm: true })).toString()).toBe('piped');
  });

  it('reads standard input with --stdin even when it is a terminal', async () => {
    const { term } = createTerminalStub({ stdin: 'forced\n', stdinIsTTY: true });
    expect((await readPassword(term, { stdin: true, confirm: true })).toString()).toBe('forced');
  });

  it('stops reading at the limit rather than buffering endless input', async () => {
    const { term } = createTerminalStub({ stdin: Buffer.alloc(300_000, 0x61) });
    await expect(readPassword(term, { stdin: true, confirm: true })).rejects.toMatchObject({ code: 1, message: 'Password must be less than 65536 characters long.' });
  });
});
