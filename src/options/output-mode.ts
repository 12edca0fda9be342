// --output text|json|trace (and the --json / --trace shorthands).
import { UsageError } from '../errors.js';
import { str } from './numbers.js';
import type { ParsedArgs } from './spec.js';

export type OutputMode = 'text' | 'json' | 'trace';

export function toOutputMode(values: ParsedArgs['values']): OutputMode {
  const modes = new Set<OutputMode>();
  const given = str(values.output);
  // The parser admits only the choices of --output.
  if (given !== undefined) modes.add(given as OutputMode);
  if (values.json) modes.add('json');
  if (values.trace) modes.add('trace');
  if (modes.size > 1) throw new UsageError('Choose one of --output text, --json and --trace.');
  return [...modes][0] ?? 'text';
}

/** Colour: never with --no-color or NO_COLOR, always with --color, else only on a terminal. */
export function wantColour(values: ParsedArgs['values'], env: NodeJS.ProcessEnv, isTTY: boolean): boolean {
  if (values.noColor || (env.NO_COLOR !== undefined && env.NO_COLOR !== '')) return false;
  if (values.color) return true;
  return isTTY;
}
