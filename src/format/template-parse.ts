// The -F grammar, parsed once. Acceptance follows mosquitto's check_format (2.1, which
// adds the hex separator character and %f/%d); the meaning of each field follows its
// printer, formatted_print. The two read flags slightly differently ("-" then "0" for the
// printer, either one for the checker), but both stop at the same letter, and the checker
// only asks that a known letter is there: so one pass with the printer's reading does both.
// The format is handled as UTF-8 bytes, as the C code walks a char array.
import { UsageError } from '../errors.js';
import type { FieldSpec } from './printf.js';

export type Token =
  | { kind: 'literal'; bytes: Buffer }
  /** A `%` field; `separator` is the hex group separator byte (space unless given). */
  | { kind: 'field'; letter: string; spec: FieldSpec; separator: number }
  /** `@X`: a strftime conversion of the receive time, or `N` for nanoseconds. */
  | { kind: 'time'; letter: string };

const FIELD_LETTERS = new Set('%ACDEFIlmPpqRSrtjJUxXfd');
/** mosquitto's hexseplist: the characters allowed between precision and letter. */
const HEX_SEPARATORS = new Set(Buffer.from('!"#$&\'()*+,-./:;<=>?@[\\]^_`{|}~ ', 'latin1'));
const ESCAPES: Record<string, number> = { '\\': 0x5c, '0': 0x00, a: 0x07, e: 0x1b, n: 0x0a, r: 0x0d, t: 0x09, v: 0x0b };

const PERCENT = 0x25;
const AT = 0x40;
const BACKSLASH = 0x5c;
const isDigit = (b: number | undefined): boolean => b !== undefined && b >= 0x30 && b <= 0x39;

/** The character starting at byte `at`, for error messages (C prints one byte; we print the character). */
function charAt(bytes: Buffer, at: number): string {
  const lead = bytes[at] ?? 0;
  const length = lead < 0x80 ? 1 : lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return bytes.toString('utf8', at, at + length);
}

const incomplete = (): UsageError => new UsageError('Incomplete format specifier.');

/** Reads flags, width, precision and separator between `%` and the letter (printer semantics). */
function readField(bytes: Buffer, start: number): { spec: FieldSpec; separator: number; letterAt: number } {
  const spec: FieldSpec = { leftAlign: false, zeroPad: false, width: 0, precision: -1 };
  let p = start;
  if (bytes[p] === 0x2d) (spec.leftAlign = true), p++;
  if (bytes[p] === 0x30) (spec.zeroPad = true), p++;
  while (isDigit(bytes[p])) spec.width = spec.width * 10 + bytes[p++]! - 0x30;
  if (bytes[p] === 0x2e) {
    p++;
    spec.precision = 0;
    while (isDigit(bytes[p])) spec.precision = spec.precision * 10 + bytes[p++]! - 0x30;
  }
  let separator = 0x20;
  if (HEX_SEPARATORS.has(bytes[p]!)) separator = bytes[p++]!;
  return { spec, separator, letterAt: p };
}

/** Parses a -F format into tokens; throws UsageError with mosquitto's messages. */
export function parseTemplate(format: string): Token[] {
  const bytes = Buffer.from(format, 'utf8');
  const tokens: Token[] = [];
  let literalStart = 0;
  const literal = (end: number): void => {
    if (end > literalStart) tokens.push({ kind: 'literal', bytes: bytes.subarray(literalStart, end) });
  };
  const extra = (b: number): void => {
    tokens.push({ kind: 'literal', bytes: Buffer.from([b]) });
  };
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b !== PERCENT && b !== AT && b !== BACKSLASH) {
      i++;
      continue;
    }
    literal(i);
    if (b === PERCENT) {
      const field = readField(bytes, i + 1);
      const letterAt = field.letterAt;
      // Ends before its letter (a separator as the very last character included: 2.1 reports the NUL after it).
      if (letterAt >= bytes.length) throw incomplete();
      if (!FIELD_LETTERS.has(charAt(bytes, letterAt))) throw new UsageError(`Invalid format specifier '${charAt(bytes, letterAt)}'.`);
      const letter = String.fromCharCode(bytes[letterAt]!);
      if (letter === '%') extra(PERCENT);
      else tokens.push({ kind: 'field', letter, spec: field.spec, separator: field.separator });
      i = letterAt + 1;
    } else if (b === AT) {
      if (i === bytes.length - 1) throw incomplete();
      const next = bytes[i + 1]!;
      if (next === AT) extra(AT);
      else if (next < 0x80) tokens.push({ kind: 'time', letter: String.fromCharCode(next) });
      // strftime echoes an unknown conversion byte for byte: "%" plus that byte.
      else tokens.push({ kind: 'literal', bytes: Buffer.from([PERCENT, next]) });
      i += 2;
    } else {
      if (i === bytes.length - 1) throw new UsageError('Incomplete escape specifier.');
      const escaped = ESCAPES[String.fromCharCode(bytes[i + 1]!)];
      if (escaped === undefined) throw new UsageError(`Invalid escape specifier '${charAt(bytes, i + 1)}'.`);
      extra(escaped);
      i += 2;
    }
    literalStart = i;
  }
  literal(bytes.length);
  return mergeLiterals(tokens);
}

/** Joins adjacent literal tokens so rendering copies each run once. */
function mergeLiterals(tokens: Token[]): Token[] {
  const merged: Token[] = [];
  for (const token of tokens) {
    const prev = merged[merged.length - 1];
    if (token.kind === 'literal' && prev?.kind === 'literal') {
      merged[merged.length - 1] = { kind: 'literal', bytes: Buffer.concat([prev.bytes, token.bytes]) };
    } else {
      merged.push(token);
    }
  }
  return merged;
}
