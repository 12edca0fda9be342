import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCJsonNumber, parseCJson, printCJson } from '../../src/format/cjson.js';

/** parse then print, as mosquitto's %J does; undefined when cJSON rejects the payload. */
const reprint = (payload: string | Buffer, pretty = false): string | undefined => {
  const value = parseCJson(typeof payload === 'string' ? Buffer.from(payload, 'latin1') : payload);
  return value === undefined ? undefined : printCJson(value, pretty).toString('latin1');
};

describe('parseCJson + printCJson reproduce cJSON 1.7.15', () => {
  // Each expected value was printed by Debian's libcjson 1.7.15 (and by mosquitto_sub %J).
  it.each([
    ['{"a":1}', '{"a":1}'],
    [' [1, 2.50, 1e3, -0, 1E+2, 0.1, 1e-7]  ', '[1,2.5,1000,-0,100,0.1,1e-07]'],
    ['[123456789012345678, 3000000000, 1.7976931348623157e308, 5e-324, 1e400, 0.30000000000000004]', '[1.2345678901234568e+17,3000000000,1.79769313486232e+308,4.94065645841247e-324,null,0.3]'],
    ['{"a":{},"b":[],"c":[{"d":null,"e":true,"f":false}],"a":2}', '{"a":{},"b":[],"c":[{"d":null,"e":true,"f":false}],"a":2}'],
    // strtod accepts what JSON does not.
    ['01', '1'],
    ['-.5', '-0.5'],
    ['1.', '1'],
    // Any byte up to 0x20 is whitespace, and a UTF-8 BOM is skipped.
    ['\x01\x1f{}\x01', '{}'],
    ['\xef\xbb\xbf{}', '{}'],
    ['"raw\ttab"', '"raw\\ttab"'],
  ])('%j → %j', (input, expected) => {
    expect(reprint(input)).toBe(expected);
  });

  it('decodes \\u escapes and surrogate pairs to raw UTF-8 and re-escapes only control characters', () => {
    const out = reprint(Buffer.from('"\\u00e9\\ud83d\\ude00\\/\\b\\f\\n\\r\\t\\"\\\\x\\u0001"'));
    expect(out && Buffer.from(out, 'latin1').toString('utf8')).toBe('"é😀/\\b\\f\\n\\r\\t\\"\\\\x\\u0001"');
  });

  it('ends a string at a decoded NUL, and reads an invalid \\u digit as 0 (not an error)', () => {
    expect(reprint('"\\u0000abc"')).toBe('""');
    expect(reprint('"\\uZZZZabc"')).toBe('""');
  });

  it.each(['nul', '{"a":1,}', '[1 2]', '1e5x', '"\\ud800"', '"\\ud83d\\uZZZZ"', '"\\q"', '+1', '.5', '-', '', '   ', '{"a"}', '"abc', '[1]x'])(
    'rejects %j',
    (input) => {
      expect(reprint(input)).toBeUndefined();
    },
  );

  it('rejects a payload with an embedded NUL (cJSON stops there, before payloadlen)', () => {
    expect(reprint(Buffer.from('{}\x00', 'latin1'))).toBeUndefined();
  });

  it('allows 1000 levels of nesting and no more', () => {
    expect(reprint('['.repeat(1000) + ']'.repeat(1000))).toBe('['.repeat(1000) + ']'.repeat(1000));
    expect(reprint('['.repeat(1001) + ']'.repeat(1001))).toBeUndefined();
  });

  it('pretty-prints with cJSON_Print layout: tabs, ":\\t", arrays on one line', () => {
    expect(reprint('{"a":{},"b":[],"c":[{"d":null}],"e":[1,2]}', true)).toBe(
      '{\n\t"a":\t{\n\t},\n\t"b":\t[],\n\t"c":\t[{\n\t\t\t"d":\tnull\n\t\t}],\n\t"e":\t[1, 2]\n}',
    );
  });

  it('copies invalid UTF-8 bytes through unchanged', () => {
    const value = parseCJson(Buffer.from([0x22, 0xff, 0xfe, 0x22]));
    expect(value && [...printCJson(value, false)]).toEqual([0x22, 0xff, 0xfe, 0x22]);
  });

  it('prints numbers with %1.15g, or %1.17g when 15 digits do not read back', () => {
    expect(formatCJsonNumber(0.1)).toBe('0.1');
    expect(formatCJsonNumber(1 / 3)).toBe('0.33333333333333331');
    expect(formatCJsonNumber(2 ** 60)).toBe('1.152921504606847e+18');
    expect(formatCJsonNumber(Number.NaN)).toBe('null');
  });

  it('printing is stable: print(parse(print(parse(x)))) = print(parse(x))', () => {
    fc.assert(
      fc.property(fc.json(), fc.boolean(), (text, pretty) => {
        const once = reprint(Buffer.from(text), pretty);
        expect(once).toBeDefined();
        // cJSON's own exception: near ±DBL_MAX, 15 digits round past the maximum and read back as inf.
        fc.pre(!/e\+308/.test(once!));
        expect(reprint(Buffer.from(once!, 'latin1'), pretty)).toBe(once);
      }),
    );
  });

  it('reads every JSON.stringify output back to an equal value (numbers within 1e-15)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const printed = reprint(Buffer.from(JSON.stringify(value)));
        expect(printed).toBeDefined();
        const back: unknown = JSON.parse(Buffer.from(printed!, 'latin1').toString('utf8'));
        expect(approxEqual(back, JSON.parse(JSON.stringify(value)))).toBe(true);
      }),
    );
  });
});

function approxEqual(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a === b || Math.abs(a - b) <= Math.max(Math.abs(a), Math.abs(b)) * 1e-15;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => approxEqual(x, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => approxEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return Object.is(a, b) || a === b;
}
