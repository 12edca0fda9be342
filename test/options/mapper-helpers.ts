// argv → ParsedArgs through the real parser and a command's real option table, so a
// mapper test exercises what `mqtk pub ...` would hand the mapper.
import { pubCommand } from '../../src/commands/pub/command.js';
import { subCommand } from '../../src/commands/sub/command.js';
import { UsageError } from '../../src/errors.js';
import { parseArgv } from '../../src/options/parse.js';
import type { ParsedArgs } from '../../src/options/spec.js';

export const pubArgs = (argv: string[]): ParsedArgs => parseArgv(argv, pubCommand.options);
export const subArgs = (argv: string[]): ParsedArgs => parseArgv(argv, subCommand.options);

/** No argv value came from malformed bytes. */
export const wellFormed = { isMalformedUtf8: () => false };

/** The message of the UsageError `fn` throws. */
export function usageMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof UsageError) return err.message;
    throw err;
  }
  throw new Error('expected a UsageError');
}
