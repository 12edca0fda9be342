import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatFixed, formatG, printfFloat, printfInt, printfStr, type FieldSpec } from '../../src/format/printf.js';

const spec = (s: Partial<FieldSpec>): FieldSpec => ({ leftAlign: false, zeroPad: false, width: 0, precision: -1, ...s });

describe('printfInt', () => {
  it.each([
    [5, {}, '5'],
    [5, { width: 4 }, '   5'],
    [5, { width: 4, leftAlign: true }, '5   '],
    [5, { width: 4, zeroPad: true }, '0005'],
    // "-" wins over "0", as in printf("%-05d").
    [5, { width: 4, zeroPad: true, leftAlign: true }, '5   '],
    [-1, { width: 5, zeroPad: true }, '-0001'],
    [12345, { width: 3 }, '12345'],
    // Without a width mosquitto calls plain "%d": flags do nothing.
    [7, { zeroPad: true, leftAlign: true }, '7'],
  ] as const)('%d with %o is %j', (value, s, expected) => {
    expect(printfInt(value, spec(s))).toBe(expected);
  });
});

describe('printfStr', () => {
  const str = (text: string, s: Partial<FieldSpec>): string => printfStr(Buffer.from(text), spec(s)).toString();
  it('pads, aligns and truncates like %*.*s', () => {
    expect(str('ft/a', { width: 10 })).toBe('      ft/a');
    expect(str('ft/a', { width: 10, leftAlign: true })).toBe('ft/a      ');
    expect(str('ft/a', { precision: 3 })).toBe('ft/');
    expect(str('ft/a', { width: 5, precision: 3 })).toBe('  ft/');
    expect(str('ft/a', { width: 5, precision: 0 })).toBe('     ');
    expect(str('ft/a', { width: 8, zeroPad: true })).toBe('    ft/a');
  });

  it('counts bytes, so a precision can cut a UTF-8 sequence as C does', () => {
    expect([...printfStr(Buffer.from('é'), spec({ precision: 1 }))]).toEqual([0xc3]);
    expect(printfStr(Buffer.from('éé'), spec({ width: 5 })).toString()).toBe(' éé');
  });
});

describe('formatFixed and formatG match glibc', () => {
  // Expected values printed by glibc's printf on the same doubles.
  it.each([
    [0.5, 0, '0'],
    [1.5, 0, '2'],
    [2.5, 0, '2'],
    [0.125, 2, '0.12'],
    [0.375, 2, '0.38'],
    [1e21, 0, '1000000000000000000000'],
    [1e23, 0, '99999999999999991611392'],
    [5e-324, 6, '0.000000'],
    [-0, 6, '-0.000000'],
    [2.675, 2, '2.67'],
    [1e-7, 10, '0.0000001000'],
    [123.456, 1, '123.5'],
    [Number.NaN, 2, 'nan'],
    [-Infinity, 2, '-inf'],
  ])('%%.%if of %d', (value, precision, expected) => {
    expect(formatFixed(value, precision)).toBe(expected);
  });

  it.each([
    // A tie at the 16th digit rounds to even, not up as toPrecision does.
    [100000000000000.5, 15, '100000000000000'],
    [1125899906842624.2, 17, '1125899906842624.2'],
    [0.1, 17, '0.10000000000000001'],
    [0.00001, 15, '1e-05'],
    [123456789012345680, 15, '1.23456789012346e+17'],
    [1e15, 15, '1e+15'],
    [1e16, 17, '10000000000000000'],
    [0.0001, 15, '0.0001'],
    [0.00001234, 15, '1.234e-05'],
    [-2.5e-300, 17, '-2.5e-300'],
    [1.7976931348623157e308, 15, '1.79769313486232e+308'],
    [5e-324, 17, '4.9406564584124654e-324'],
    [-0, 15, '-0'],
  ])('%%1.%ig of %d', (value, precision, expected) => {
    expect(formatG(value, precision)).toBe(expected);
  });

  it('prints -nan for a NaN with the sign bit set', () => {
    const negativeNan = Buffer.from('000000000000f8ff', 'hex').readDoubleLE(0);
    expect(formatFixed(negativeNan, 1)).toBe('-nan');
  });

  it('%.17g always reads back as the same double', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        expect(Object.is(Number.parseFloat(formatG(x, 17)), x)).toBe(true);
      }),
    );
  });

  it('%.Nf agrees with toFixed away from exact ties', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e15, max: 1e15, noNaN: true }), fc.integer({ min: 0, max: 20 }), (x, p) => {
        const mine = formatFixed(x, p);
        const js = x.toFixed(p);
        // toFixed rounds exact ties away from zero; glibc to even. Ties end in 5 exactly.
        if (mine !== js) expect(Math.abs(Number(mine) - Number(js))).toBeLessThanOrEqual(10 ** -p * 1.0000001);
        else expect(mine).toBe(js);
      }),
    );
  });
});

describe('printfFloat (mosquitto 2.1 %f / %d)', () => {
  it('defaults to six decimals and honours width, "-" and "0"', () => {
    expect(printfFloat(3.14159, spec({}))).toBe('3.141590');
    expect(printfFloat(-2, spec({ width: 10, zeroPad: true }))).toBe('-02.000000');
    expect(printfFloat(1.5, spec({ width: 8, precision: 2, leftAlign: true }))).toBe('1.50    ');
    expect(printfFloat(1.5, spec({ width: 8, precision: 2 }))).toBe('    1.50');
  });

  it('pads inf and nan with spaces even under the 0 flag', () => {
    expect(printfFloat(Infinity, spec({ width: 6, zeroPad: true }))).toBe('   inf');
  });
});
