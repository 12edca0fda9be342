// mqtk bench collect: not built yet.
import { UsageError } from '../../errors.js';
import type { ParsedArgs } from '../../options/spec.js';
import type { Terminal } from '../../term/terminal.js';

export async function runCollect(_args: ParsedArgs, _term: Terminal): Promise<number> {
  throw new UsageError('mqtk bench collect is not built yet.');
}
