import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Properties } from '../../src/codec/types.js';
import { UsageError } from '../../src/errors.js';
import { compileTemplate } from '../../src/format/template.js';
import { makeMessage, SAMPLE_PROPERTIES } from './message-fixture.js';

const render = (format: string, msg = makeMessage()): string => compileTemplate(format, { timeZone: 'UTC' })(msg).toString('latin1');
const bytes = (format: string, msg = makeMessage()): number[] => [...compileTemplate(format)(msg)];

describe('-F message fields', () => {
  it('reproduces the line measured on mosquitto_sub 2.0.11', () => {
    const msg = makeMessage({ payload: Buffer.from('hi') });
    expect(render('[%10t][%-10t][%.3t][%5.3t][%010l][%-5l|]', msg)).toBe('[      ft/a][ft/a      ][ft/][  ft/][0000000002][2    |]');
  });

  it('prints %%, topic, payload, hex, length, mid, QoS and retain', () => {
    const msg = makeMessage({ topic: 'a/b', payload: Buffer.from('Hi!'), qos: 2, packetId: 42, retain: true });
    expect(render('%% %t %p %x %X %l %m %q %r', msg)).toBe('% a/b Hi! 486921 486921 3 42 2 1');
    expect(render('%m %q %r', makeMessage())).toBe('0 0 0');
  });

  it('%p pads and truncates to the width in bytes, and "-" appends spaces', () => {
    // 2.0.11 and 2.1 alike: with "-" the trailing pad is |width - len| spaces, so %-p (width 0)
    // appends a space per payload byte.
    expect(render('[%-p][%3p][%-3p][%8p][%-8p][%08p]')).toBe('[hello     ][hel][hel][   hello][hello   ][000hello]');
  });

  it('%x/%X use the width as 2.1 does (2.0.11 halves the bytes printed: §11 item 7)', () => {
    const msg = makeMessage({ payload: Buffer.from('ABC') });
    expect(render('[%10x][%-10x][%010X][%2x][%x]', msg)).toBe('[    414243][414243    ][0000414243][4142][414243]');
  });

  it('%x groups hex digits with .N and an optional separator (2.1)', () => {
    const msg = makeMessage({ payload: Buffer.from([0x18, 0x83, 0xab, 0x01]) });
    expect(render('[%.2x][%.2:x][%.4-X][%.3x][%.0x][%.2,x]', msg)).toBe('[18 83 ab 01][18:83:ab:01][1883-AB01][188 3ab 01][1883ab01][18,83,ab,01]');
    // Separators also count positions in the leading pad.
    expect(render('[%10.2:x]', makeMessage({ payload: Buffer.from([0xab]) }))).toBe('[  :  :  :  :ab]');
  });

  it('%l and %m take width, "-" and "0"; %q and %r ignore them', () => {
    const msg = makeMessage({ qos: 1, packetId: 7 });
    expect(render('[%5l][%-5l][%05l][%05m][%-5m|][%5q][%5r]', msg)).toBe('[    5][5    ][00005][00007][7    |][1][0]');
  });

  it('prints the v5 properties %A %C %D %E %F %P %R %S', () => {
    const props: Properties = { ...SAMPLE_PROPERTIES, topicAlias: 3, subscriptionIdentifier: [7, 9] };
    const msg = makeMessage({ properties: props });
    expect(render('%A|%C|%D|%E|%F|%P|%R|%S', msg)).toBe('3|text/plain|cd|30|1|k1:v1 k2:v2|rt|7');
    expect(render('[%5A][%-5C][%.4C][%05E][%-3F][%6R][%04S]', msg)).toBe('[    3][text/plain][text][00030][1  ][    rt][0007]');
  });

  it('keeps duplicate user properties in %P, in order', () => {
    const msg = makeMessage({ properties: { userProperties: [['k', '1'], ['k', '2'], ['x', '']] } });
    expect(render('%P', msg)).toBe('k:1 k:2 x:');
  });

  it('blanks absent properties: pad characters for %A %E %F %S, spaces for %C, nothing for %R %D %P', () => {
    expect(render('[%05A][%5A][%-5A][%5C][%05C][%5R][%5E][%05F][%5S][%D][%P]')).toBe('[00000][     ][     ][     ][     ][][     ][00000][     ][][]');
  });

  it('prints a message expiry above 2^31-1 as a negative int, as libmosquitto does', () => {
    expect(render('%E', makeMessage({ properties: { messageExpiryInterval: 0xffffffff } }))).toBe('-1');
  });

  it('prints %D (correlation data) as raw bytes', () => {
    const msg = makeMessage({ properties: { correlationData: Buffer.from([0x00, 0xff, 0x41]) } });
    expect(bytes('[%D]', msg)).toEqual([0x5b, 0x00, 0xff, 0x41, 0x5d]);
  });

  it('prints binary payloads byte for byte with %p', () => {
    const payload = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const out = compileTemplate('%p')(makeMessage({ payload }));
    expect(out.equals(payload)).toBe(true);
    expect(compileTemplate('%x')(makeMessage({ payload })).toString()).toBe(payload.toString('hex'));
  });

  it('prints empty payloads as nothing, length 0', () => {
    expect(render('[%p][%x][%l][%5p]', makeMessage({ payload: Buffer.alloc(0) }))).toBe('[][][0][     ]');
  });

  it('counts topic width in bytes (UTF-8)', () => {
    expect(render('[%6t]', makeMessage({ topic: 'é/ü' }))).toBe(`[ ${Buffer.from('é/ü').toString('latin1')}]`);
  });

  it('prints %f (4-byte float) and %d (8-byte double) from little-endian payloads (2.1)', () => {
    const f = Buffer.alloc(4);
    f.writeFloatLE(1.5);
    const d = Buffer.alloc(8);
    d.writeDoubleLE(-2.25);
    expect(render('[%f][%.2f][%8.1f][%-8.1f|][%08.3f]', makeMessage({ payload: f }))).toBe('[1.500000][1.50][     1.5][1.5     |][0001.500]');
    expect(render('[%d][%.0d]', makeMessage({ payload: d }))).toBe('[-2.250000][-2]');
  });

  it('reports a wrong-size %f/%d payload as mosquitto does and prints the rest', () => {
    const warnings: string[] = [];
    const out = compileTemplate('[%f][%d]', { onWarning: (w) => warnings.push(w) })(makeMessage());
    expect(out.toString()).toBe('[][]');
    expect(warnings).toEqual(['requested float printing, but non-float data received', 'requested double printing, but non-double data received']);
  });
});

describe('-F escapes and literals', () => {
  it('translates \\\\ \\0 \\a \\e \\n \\r \\t \\v', () => {
    expect(bytes('\\\\\\0\\a\\e\\n\\r\\t\\v')).toEqual([0x5c, 0x00, 0x07, 0x1b, 0x0a, 0x0d, 0x09, 0x0b]);
  });

  it('prints @@ as @ and copies other text unchanged, including UTF-8', () => {
    expect(render('a@@b ✓ %t')).toBe(`a@b ${Buffer.from('✓').toString('latin1')} ft/a`);
  });

  it('ignores the 0 after "-" (%-040p is accepted, as in mosquitto)', () => {
    expect(render('[%-08p]')).toBe('[hello   ]');
  });
});

describe('-F validation (compiling is the validation)', () => {
  const error = (format: string): string => {
    try {
      compileTemplate(format);
    } catch (err) {
      expect(err).toBeInstanceOf(UsageError);
      return (err as Error).message;
    }
    return 'accepted';
  };

  it.each([
    ['%', 'Incomplete format specifier.'],
    ['%0', 'Incomplete format specifier.'],
    ['%-', 'Incomplete format specifier.'],
    ['%1', 'Incomplete format specifier.'],
    ['%.', 'Incomplete format specifier.'],
    ['%.1', 'Incomplete format specifier.'],
    ['abc%10', 'Incomplete format specifier.'],
    ['@', 'Incomplete format specifier.'],
    ['%z', "Invalid format specifier 'z'."],
    ['%Z', "Invalid format specifier 'Z'."],
    ['%e', "Invalid format specifier 'e'."],
    ['%5é', "Invalid format specifier 'é'."],
    ['%0-0x', "Invalid format specifier '0'."],
    ['\\q', "Invalid escape specifier 'q'."],
    ['\\', 'Incomplete escape specifier.'],
    ['%.2:', 'Incomplete format specifier.'],
  ])('%j → %s', (format, message) => {
    expect(error(format)).toBe(message);
  });

  it('accepts every specifier, flag and separator combination mosquitto 2.1 accepts', () => {
    expect(error('%% %t %p %x %X %l %m %q %r %f %d %I %U %j %J %A %C %D %E %F %P %R %S @a @N @@ @q \\n')).toBe('accepted');
    expect(error('%-05.3:x % t %5.t %--x %0-x')).toBe('accepted');
  });

  it('never fails with anything but a UsageError, and renders whatever it accepts', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[%@\\\-0-9.:tpxXlmqrfdIUjJACDEFPRSzabN ]{0,12}$/), (format) => {
        let template;
        try {
          template = compileTemplate(format, { timeZone: 'UTC' });
        } catch (err) {
          expect(err).toBeInstanceOf(UsageError);
          return;
        }
        expect(Buffer.isBuffer(template(makeMessage({ properties: SAMPLE_PROPERTIES })))).toBe(true);
      }),
    );
  });
});
