import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { plainPalette } from '../../src/format/style.js';
import { createTextFormatter } from '../../src/format/text.js';
import { makeMessage } from './message-fixture.js';

const empty = makeMessage({ payload: Buffer.alloc(0) });
const text = (opts: Parameters<typeof createTextFormatter>[0], msg = makeMessage()): string => createTextFormatter(opts)(msg).bytes.toString('latin1');

describe('default mosquitto_sub output (print_message)', () => {
  it('prints the payload and a newline', () => {
    expect(text({ verbose: false, eol: true })).toBe('hello\n');
  });

  it('prints nothing at all for an empty payload without -v, not even the newline', () => {
    expect(text({ verbose: false, eol: true }, empty)).toBe('');
    expect(text({ verbose: false, eol: false }, empty)).toBe('');
  });

  it('-v prints "topic payload"', () => {
    expect(text({ verbose: true, eol: true })).toBe('ft/a hello\n');
  });

  it('-v prints "topic (null)" for an empty payload, but nothing under -N', () => {
    expect(text({ verbose: true, eol: true }, empty)).toBe('ft/a (null)\n');
    expect(text({ verbose: true, eol: false }, empty)).toBe('');
  });

  it('-N drops the newline', () => {
    expect(text({ verbose: false, eol: false })).toBe('hello');
    expect(text({ verbose: true, eol: false })).toBe('ft/a hello');
  });

  it('copies binary payloads unchanged', () => {
    const payload = Buffer.from([0x00, 0xff, 0x0a, 0x80]);
    const out = createTextFormatter({ verbose: true, eol: true })(makeMessage({ payload })).bytes;
    expect(out.equals(Buffer.concat([Buffer.from('ft/a '), payload, Buffer.from('\n')]))).toBe(true);
  });

  it('colours only the -v topic, through the palette', () => {
    const palette = { ...plainPalette, topic: (t: string) => `<${t}>` };
    expect(text({ verbose: true, eol: true, palette })).toBe('<ft/a> hello\n');
  });
});

describe('-F through createTextFormatter', () => {
  it('uses the template, overriding -v, and appends the newline unless -N', () => {
    expect(text({ verbose: true, eol: true, format: '%t=%p' })).toBe('ft/a=hello\n');
    expect(text({ verbose: false, eol: false, format: '%t=%p' })).toBe('ft/a=hello');
  });

  it('prints the -F line even for an empty payload', () => {
    expect(text({ verbose: false, eol: true, format: '[%p]' }, empty)).toBe('[]\n');
  });

  it('passes --pretty to %j', () => {
    expect(text({ verbose: false, eol: true, format: '%j', pretty: true, timeZone: 'UTC' })).toMatch(/^\{\n\t"tst":\t"2026-11-22T02:12:40\.123456\+0000",\n/);
  });

  it('returns the stderr warning with an empty line for %J on a non-JSON payload', () => {
    const out = createTextFormatter({ verbose: false, eol: true, format: '%J' })(makeMessage({ topic: 't/x' }));
    expect(out.bytes.toString()).toBe('\n');
    expect(out.warning).toBe('Error: Message payload is not valid JSON on topic t/x.\n');
    expect(createTextFormatter({ verbose: false, eol: true, format: '%J' })(makeMessage({ payload: Buffer.from('1') })).warning).toBeUndefined();
  });

  it("returns mosquitto 2.1's stderr bytes as they are: no newline after the %f/%d message, one after %J's", () => {
    const float = Buffer.alloc(4);
    float.writeFloatLE(1.5);
    const out = createTextFormatter({ verbose: false, eol: true, format: '%f|%d|%J' })(makeMessage({ topic: 't/x', payload: float }));
    // 4 bytes: a float for %f, the wrong size for %d, and not JSON for %J.
    expect(out.bytes.toString()).toBe('1.500000||\n');
    expect(out.warning).toBe('requested double printing, but non-double data received' + 'Error: Message payload is not valid JSON on topic t/x.\n');
  });

  it('validates the template when the formatter is created', () => {
    expect(() => createTextFormatter({ verbose: false, eol: true, format: '%z' })).toThrow(new UsageError("Invalid format specifier 'z'."));
  });
});
