import { describe, expect, it } from 'vitest';
import { compileTemplate } from '../../src/format/template.js';
import { makeMessage } from './message-fixture.js';

// 2026-11-22T02:12:40.123456789Z
const render = (format: string, timeZone = 'UTC'): string => compileTemplate(format, { timeZone })(makeMessage()).toString();

describe('-F time fields', () => {
  it('%I is ISO 8601 local time with a numeric offset, with width and precision', () => {
    expect(render('%I')).toBe('2026-11-22T02:12:40+0000');
    expect(render('%I', 'America/Sao_Paulo')).toBe('2026-11-21T23:12:40-0300');
    expect(render('[%30I][%-26I][%.10I]')).toBe('[      2026-11-22T02:12:40+0000][2026-11-22T02:12:40+0000  ][2026-11-22]');
  });

  it('%U is Unix time with nanoseconds and ignores the width', () => {
    expect(render('%U|%20U')).toBe('1795313560.123456789|1795313560.123456789');
  });

  it('@N is the nanoseconds within the second, zero padded', () => {
    const msg = makeMessage({}, { epochMs: 1795313560001, nanos: 1_234_567 });
    expect(compileTemplate('@N %U')(msg).toString()).toBe('001234567 1795313560.001234567');
  });

  it('@X is strftime %X of the local receive time', () => {
    expect(render('@Y-@m-@d @H:@M:@S @z @Z @j @a @b @e', 'Europe/Berlin')).toBe('2026-11-22 03:12:40 +0100 CET 326 Sun Nov 22');
    expect(render('@s @c @D @T @r @@ @%')).toBe('1795313560 Sun Nov 22 02:12:40 2026 11/22/26 02:12:40 02:12:40 AM @ %');
  });

  it('@ with an unknown letter prints what glibc strftime prints (measured on 2.0.11)', () => {
    expect(render('@q|@E|@O|@+|@_|@5|@J|@i|@K|@L|@f|@o|@v|@Q|@1|@:')).toBe('%q|%E|%O|%+|%_|   %5|%J|%i|%K|%L|%f|%o|%v|%Q|%1|%:');
  });

  it('works out the local time only for formats that print it', () => {
    // A zone Intl refuses makes computing the local time throw: only @H gets that far.
    const msg = makeMessage();
    expect(compileTemplate('%t', { timeZone: 'No/Such_Zone' })(msg).toString()).toBe('ft/a');
    expect(() => compileTemplate('@H', { timeZone: 'No/Such_Zone' })(msg)).toThrow(RangeError);
  });
});
