import { ExitError } from '../../errors.js';
import type { ParsedArgs } from '../../options/spec.js';
import type { Terminal } from '../../term/terminal.js';

export async function run(_args: ParsedArgs, _term: Terminal): Promise<number> {
  throw new ExitError(1, 'Error: not implemented yet');
}
