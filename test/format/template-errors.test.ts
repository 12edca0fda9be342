// Which character a -F error names. Oracle: mosquitto 2.1.2's check_format
// (client/client_shared.c), compiled and run on these formats; its answers are written out
// here literally. 2.0.11 names a different character wherever one of 2.1's hex separators
// comes first (its '%0-5t' names '-'): mqtk accepts the separators, so it follows 2.1 (README).
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { compileTemplate } from '../../src/format/template.js';

const CHECK_FORMAT_2_1: Array<[format: string, error: string | undefined]> = [
  ['%0-5t', "Invalid format specifier '5'."],
  ['%0-0t', "Invalid format specifier '0'."],
  ['%05,5x', "Invalid format specifier '5'."],
  ['%-0-t', undefined],
  ['%--t', undefined],
  ['%-5-t', undefined],
  ['%.2:x', undefined],
  ['%5.5.x', undefined],
  ['%.-x', undefined],
  ['%00t', undefined],
  ['%-.3@x', undefined],
  ['%-', 'Incomplete format specifier.'],
  ['%5', 'Incomplete format specifier.'],
];

describe('-F errors name the character mosquitto 2.1 names', () => {
  it.each(CHECK_FORMAT_2_1)('%j', (format, error) => {
    if (error === undefined) expect(() => compileTemplate(format)).not.toThrow();
    else expect(() => compileTemplate(format)).toThrow(new UsageError(error));
  });

  it('a format ending in a separator is incomplete (2.1 names the NUL byte after it)', () => {
    expect(() => compileTemplate('%.:')).toThrow(new UsageError('Incomplete format specifier.'));
  });
});
