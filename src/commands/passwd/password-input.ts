// Where the password comes from: -b, standard input (piped, or --stdin), or a masked
// prompt asked twice. The rules and messages are mosquitto_passwd's: an empty password
// exits 1, a confirmation that differs exits 2.
import { Buffer } from 'node:buffer';
import { ExitError } from '../../errors.js';
import { ExitCode } from '../../exit-codes.js';
import { PromptCancelledError, promptPassword, readInput } from '../../term/prompt.js';
import type { Terminal } from '../../term/terminal.js';

export const MAX_PASSWORD_BYTES = 65535;

const EMPTY = 'Empty password.';
const MISMATCH = 'Passwords do not match.';

/** Exit 1 for an empty or over-long password (mosquitto's limits). */
export function checkPassword(password: Buffer): Buffer {
  if (password.length === 0) throw new ExitError(ExitCode.Failure, EMPTY);
  if (password.length > MAX_PASSWORD_BYTES) throw new ExitError(ExitCode.Failure, 'Password must be less than 65536 characters long.');
  return password;
}

/**
 * Standard input → password. One line is the password; a second line, when `confirm`
 * allows one, must repeat it (so `printf 'pw\npw\n' | mosquitto_passwd ...` scripts keep
 * working, and a mismatch still exits 2). Anything more is refused rather than guessed at.
 */
export function passwordFromInput(data: Buffer, confirm: boolean): Buffer {
  let end = data.length;
  if (data[end - 1] === 0x0a) end--;
  const lines: Buffer[] = [];
  for (let start = 0; start <= end; ) {
    let lf = data.indexOf(0x0a, start);
    if (lf < 0 || lf > end) lf = end;
    lines.push(data.subarray(start, lf > start && data[lf - 1] === 0x0d ? lf - 1 : lf));
    start = lf + 1;
  }
  const [first, second] = lines;
  if (!first || first.length === 0) throw new ExitError(ExitCode.Failure, EMPTY);
  if (lines.length > (confirm ? 2 : 1)) {
    throw new ExitError(ExitCode.Failure, `Expected the password on one line of standard input${confirm ? ' (or on two lines, the second repeating it)' : ''}, got ${lines.length} lines.`);
  }
  if (second && !second.equals(first)) throw new ExitError(ExitCode.PasswordMismatch, MISMATCH);
  return checkPassword(Buffer.from(first));
}

export interface PasswordSource {
  /** -b's argument. */
  given?: string;
  /** --stdin: read standard input even when it is a terminal. */
  stdin: boolean;
  /** Ask twice (setting a password) or once (--check). */
  confirm: boolean;
}

/** The password bytes, from wherever this invocation takes them. */
export async function readPassword(term: Terminal, src: PasswordSource): Promise<Buffer> {
  if (src.given !== undefined) return checkPassword(Buffer.from(src.given, 'utf8'));
  if (src.stdin || !term.stdinIsTTY) {
    // Two lines at most, each up to the limit, plus their line endings.
    const { data, overflow } = await readInput(term.stdin, 2 * (MAX_PASSWORD_BYTES + 2));
    if (overflow) throw new ExitError(ExitCode.Failure, 'Password must be less than 65536 characters long.');
    return passwordFromInput(data, src.confirm);
  }
  try {
    const first = checkPassword(Buffer.from(await promptPassword('Password:', { input: term.stdin }), 'utf8'));
    if (!src.confirm) return first;
    const again = Buffer.from(await promptPassword('Reenter password:', { input: term.stdin }), 'utf8');
    if (!again.equals(first)) throw new ExitError(ExitCode.PasswordMismatch, MISMATCH);
    return first;
  } catch (err) {
    if (err instanceof PromptCancelledError) throw new ExitError(ExitCode.Interrupted, 'Cancelled; nothing was changed.', { verbatim: true });
    throw err;
  }
}
