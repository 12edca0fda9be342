// A byte-exact model of cJSON 1.7.15 (the library Debian's mosquitto_sub links), used
// by %j and %J. %J does not embed the payload verbatim: mosquitto parses it with
// cJSON_ParseWithOpts and prints the tree again, so whitespace, number spelling
// (`1.0` → `1`, `-0` stays `-0`, `1e400` → `null`), `\u` escapes (decoded to raw UTF-8)
// and duplicate keys (kept) all follow cJSON. JSON.parse would lose those details.
import { formatG } from './printf.js';

export type CJson =
  | { kind: 'null' }
  | { kind: 'bool'; value: boolean }
  | { kind: 'number'; value: number }
  /** Strings are bytes: cJSON neither validates nor transcodes UTF-8. */
  | { kind: 'string'; bytes: Buffer }
  | { kind: 'array'; items: CJson[] }
  | { kind: 'object'; members: Array<[key: Buffer, value: CJson]> };

const NESTING_LIMIT = 1000;
const STRTOD_PREFIX = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/;
const NUMBER_CHARS = new Set(Buffer.from('0123456789+-eE.'));

class Fail extends Error {}

/**
 * cJSON_ParseWithOpts(payload, &end, true) plus mosquitto's check that parsing ended
 * at payloadlen. Returns undefined when mosquitto would report invalid JSON.
 */
export function parseCJson(payload: Buffer): CJson | undefined {
  // cJSON sees a C string: an embedded NUL ends it before payloadlen, which mosquitto rejects.
  if (payload.includes(0)) return undefined;
  const end = payload.length;
  let pos = 0;
  let depth = 0;
  const byte = (i: number): number => (i < end ? payload[i]! : 0);
  const skipWhitespace = (): void => {
    while (pos < end && payload[pos]! <= 32) pos++;
  };
  const literal = (word: string): boolean => payload.toString('latin1', pos, pos + word.length) === word;

  function parseValue(): CJson {
    if (literal('null')) return (pos += 4), { kind: 'null' };
    if (literal('false')) return (pos += 5), { kind: 'bool', value: false };
    if (literal('true')) return (pos += 4), { kind: 'bool', value: true };
    const c = byte(pos);
    if (c === 0x22) return { kind: 'string', bytes: parseString() };
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return parseNumber();
    if (c === 0x5b) return parseArray();
    if (c === 0x7b) return parseObject();
    throw new Fail();
  }

  function parseNumber(): CJson {
    // cJSON copies the run of number characters, then lets strtod take the longest prefix it can.
    let stop = pos;
    while (stop < end && NUMBER_CHARS.has(payload[stop]!)) stop++;
    const chars = payload.toString('latin1', pos, stop);
    const match = STRTOD_PREFIX.exec(chars);
    if (!match) throw new Fail();
    pos += match[0].length;
    return { kind: 'number', value: Number.parseFloat(match[0]) };
  }

  function parseString(): Buffer {
    // First pass: find the closing quote; a backslash always skips the next byte.
    let close = pos + 1;
    while (close < end && payload[close] !== 0x22) {
      if (payload[close] === 0x5c) {
        if (close + 1 >= end + 1) throw new Fail();
        close++;
      }
      close++;
    }
    if (close >= end) throw new Fail();
    // No escapes: the bytes are the string (the payload has no NUL, checked above).
    const backslash = payload.indexOf(0x5c, pos + 1);
    if (backslash === -1 || backslash > close) {
      const raw = payload.subarray(pos + 1, close);
      pos = close + 1;
      return raw;
    }
    const out: number[] = [];
    let i = pos + 1;
    while (i < close) {
      const c = payload[i]!;
      if (c !== 0x5c) {
        out.push(c);
        i++;
        continue;
      }
      const e = payload[i + 1]!;
      const simple = SIMPLE_UNESCAPES[e];
      if (simple !== undefined) {
        out.push(simple);
        i += 2;
      } else if (e === 0x75) {
        i += utf16LiteralToUtf8(payload, i, close, out);
      } else {
        throw new Fail();
      }
    }
    pos = close + 1;
    // The result is a C string: a decoded \u0000 ends it.
    const nul = out.indexOf(0);
    return Buffer.from(nul === -1 ? out : out.slice(0, nul));
  }

  function parseArray(): CJson {
    if (depth >= NESTING_LIMIT) throw new Fail();
    depth++;
    const items: CJson[] = [];
    pos++;
    skipWhitespace();
    if (byte(pos) !== 0x5d) {
      pos--;
      do {
        pos++;
        skipWhitespace();
        items.push(parseValue());
        skipWhitespace();
      } while (byte(pos) === 0x2c);
      if (byte(pos) !== 0x5d) throw new Fail();
    }
    pos++;
    depth--;
    return { kind: 'array', items };
  }

  function parseObject(): CJson {
    if (depth >= NESTING_LIMIT) throw new Fail();
    depth++;
    const members: Array<[Buffer, CJson]> = [];
    pos++;
    skipWhitespace();
    if (byte(pos) !== 0x7d) {
      pos--;
      do {
        pos++;
        skipWhitespace();
        if (byte(pos) !== 0x22) throw new Fail();
        const key = parseString();
        skipWhitespace();
        if (byte(pos) !== 0x3a) throw new Fail();
        pos++;
        skipWhitespace();
        members.push([key, parseValue()]);
        skipWhitespace();
      } while (byte(pos) === 0x2c);
      if (byte(pos) !== 0x7d) throw new Fail();
    }
    pos++;
    depth--;
    return { kind: 'object', members };
  }

  try {
    if (payload[0] === 0xef && payload[1] === 0xbb && payload[2] === 0xbf) pos = 3;
    skipWhitespace();
    const value = parseValue();
    skipWhitespace();
    return pos === end ? value : undefined;
  } catch (err) {
    if (err instanceof Fail) return undefined;
    throw err;
  }
}

const SIMPLE_UNESCAPES: Record<number, number> = { 0x62: 0x08, 0x66: 0x0c, 0x6e: 0x0a, 0x72: 0x0d, 0x74: 0x09, 0x22: 0x22, 0x5c: 0x5c, 0x2f: 0x2f };

/** cJSON's parse_hex4: an invalid digit makes the whole value 0 (not an error). */
function parseHex4(bytes: Buffer, at: number): number {
  const text = bytes.toString('latin1', at, at + 4);
  return /^[0-9a-fA-F]{4}$/.test(text) ? Number.parseInt(text, 16) : 0;
}

/** Decodes `\uXXXX` (or a surrogate pair) at `at`; returns the bytes consumed. */
function utf16LiteralToUtf8(bytes: Buffer, at: number, close: number, out: number[]): number {
  if (close - at < 6) throw new Fail();
  const first = parseHex4(bytes, at + 2);
  if (first >= 0xdc00 && first <= 0xdfff) throw new Fail();
  let codepoint = first;
  let length = 6;
  if (first >= 0xd800 && first <= 0xdbff) {
    const second = at + 6;
    if (close - second < 6 || bytes[second] !== 0x5c || bytes[second + 1] !== 0x75) throw new Fail();
    const low = parseHex4(bytes, second + 2);
    if (low < 0xdc00 || low > 0xdfff) throw new Fail();
    codepoint = 0x10000 + (((first & 0x3ff) << 10) | (low & 0x3ff));
    length = 12;
  }
  out.push(...Buffer.from(String.fromCodePoint(codepoint), 'utf8'));
  return length;
}

/** cJSON's print_number: %1.15g unless that does not read back, then %1.17g. */
export function formatCJsonNumber(value: number): string {
  if (!Number.isFinite(value)) return 'null';
  // Fast path: %1.15g prints an integer of up to 15 digits as plain digits.
  if (Number.isInteger(value) && Math.abs(value) < 1e15 && !Object.is(value, -0)) return String(value);
  const short = formatG(value, 15);
  const back = Number.parseFloat(short);
  // compare_double(): equal within one DBL_EPSILON relative to the larger magnitude.
  const tolerance = Math.max(Math.abs(back), Math.abs(value)) * Number.EPSILON;
  return Math.abs(back - value) <= tolerance ? short : formatG(value, 17);
}

const ESCAPES: Record<number, string> = { 0x22: '\\"', 0x5c: '\\\\', 0x08: '\\b', 0x0c: '\\f', 0x0a: '\\n', 0x0d: '\\r', 0x09: '\\t' };
const NEEDS_ESCAPE = /[\x00-\x1f"\\]/g;

/**
 * cJSON's print_string_ptr: escapes `"`, `\` and bytes below 0x20; all else is copied raw.
 * Works on latin1 strings, where one character is one byte, so any bytes survive.
 */
function printString(bytes: Buffer): string {
  const text = bytes.toString('latin1');
  const escaped = text.replace(NEEDS_ESCAPE, (c) => ESCAPES[c.charCodeAt(0)] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `"${escaped}"`;
}

/** cJSON_PrintUnformatted (pretty = false) or cJSON_Print (pretty = true: tabs, cJSON's layout). */
export function printCJson(value: CJson, pretty: boolean): Buffer {
  let depth = 0;
  const print = (v: CJson): string => {
    switch (v.kind) {
      case 'null':
        return 'null';
      case 'bool':
        return v.value ? 'true' : 'false';
      case 'number':
        return formatCJsonNumber(v.value);
      case 'string':
        return printString(v.bytes);
      case 'array': {
        depth++;
        const items = v.items.map(print);
        depth--;
        return `[${items.join(pretty ? ', ' : ',')}]`;
      }
      case 'object': {
        depth++;
        const indent = pretty ? '\t'.repeat(depth) : '';
        const members = v.members.map(([key, member]) => `${indent}${printString(key)}${pretty ? ':\t' : ':'}${print(member)}`);
        depth--;
        return pretty ? `{\n${members.map((m) => `${m}`).join(',\n')}${members.length > 0 ? '\n' : ''}${'\t'.repeat(depth)}}` : `{${members.join(',')}}`;
      }
    }
  };
  return Buffer.from(print(value), 'latin1');
}

/** A JSON value (as JSON.parse returns it) as a cJSON tree, members in insertion order. */
export function toCJson(value: unknown): CJson {
  if (value === null || value === undefined) return { kind: 'null' };
  if (typeof value === 'boolean') return { kind: 'bool', value };
  if (typeof value === 'number') return { kind: 'number', value };
  if (typeof value === 'string') return { kind: 'string', bytes: Buffer.from(value, 'utf8') };
  if (Array.isArray(value)) return { kind: 'array', items: value.map(toCJson) };
  return { kind: 'object', members: Object.entries(value as Record<string, unknown>).map(([k, v]) => [Buffer.from(k, 'utf8'), toCJson(v)]) };
}
