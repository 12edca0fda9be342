// New passwords for createClient, setClientPassword and init when none was given: a
// masked prompt, asked twice, on a terminal only. A script (stdin not a terminal) gets
// an error instead of a prompt that would hang or read its input.
import { ExitError } from '../../errors.js';
import { PromptCancelledError, promptPassword } from '../../term/prompt.js';
import type { Terminal } from '../../term/terminal.js';
import { badArguments } from './dynsec.js';

/** undefined: 'optional' and the user pressed return (the client gets no password). */
export async function askNewPassword(username: string, mode: 'optional' | 'required', term: Terminal, verb: string): Promise<string | undefined> {
  if (!term.stdinIsTTY) {
    const how = verb === 'createClient' ? 'give -p <password> (or --no-password)' : 'give it as an argument';
    throw badArguments(verb, `no password given for '${username}' and standard input is not a terminal: ${how}`);
  }
  try {
    if (mode === 'optional') term.stderr.write(`Enter new password for ${username}. Press return for no password (user will be unable to login).\n`);
    const first = await promptPassword(`New password for ${username}:`, { input: term.stdin });
    if (first === '') {
      if (mode === 'optional') return undefined;
      throw new ExitError(1, 'Empty password.');
    }
    const again = await promptPassword(`Reenter password for ${username}:`, { input: term.stdin });
    if (again !== first) throw new ExitError(2, 'Passwords do not match.');
    return first;
  } catch (err) {
    if (err instanceof PromptCancelledError) throw new ExitError(130, '');
    throw err;
  }
}
