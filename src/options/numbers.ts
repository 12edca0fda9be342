// Strict number parsing for option values: mosquitto's atoi() turns "abc" into 0,
// mqtk refuses it instead.
import type { QoS } from '../codec/types.js';
import { UsageError } from '../errors.js';
import type { OptionValue } from './spec.js';

/** A whole decimal number, or undefined when the text is not one. */
export function parseIntStrict(text: string): number | undefined {
  return /^-?\d+$/.test(text.trim()) ? Number(text) : undefined;
}

/** A TCP port, 0-65535 (0: any free port, for listeners). */
export function parsePort(text: string): number {
  const n = parseIntStrict(text);
  if (n === undefined || n < 0 || n > 65535) throw new UsageError(`Invalid port given: ${text}`);
  return n;
}

export function parseQos(text: string): QoS {
  const n = parseIntStrict(text);
  if (n === undefined || n < 0 || n > 2) throw new UsageError(`Invalid QoS given: ${text}`);
  return n as QoS;
}

/**
 * The entry for an option value in a table of named choices. Own keys only: a plain
 * object would also answer "constructor" or "toString" with a function.
 */
export function lookup<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

/** The last value of an option (options given twice: the last one wins). */
export function str(v: OptionValue | undefined): string | undefined {
  if (v === undefined || typeof v === 'boolean') return undefined;
  if (typeof v === 'string') return v;
  const last = v[v.length - 1];
  return typeof last === 'string' ? last : undefined;
}

/** Every value of a repeatable option. */
export function list(v: OptionValue | undefined): string[] {
  if (v === undefined || typeof v === 'boolean') return [];
  if (typeof v === 'string') return [v];
  return v.filter((x): x is string => typeof x === 'string');
}
