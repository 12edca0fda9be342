// argv → -D property sets (through the codec's table) and → output mode and colour.
import { describe, expect, it } from 'vitest';
import { PropertyByName } from '../../src/codec/constants.js';
import { propertyNamesByTarget, toPropertySets } from '../../src/options/properties.js';
import { toOutputMode, wantColour } from '../../src/options/output-mode.js';
import type { PropertyArg } from '../../src/options/spec.js';
import { pubArgs, subArgs, usageMessage } from './mapper-helpers.js';

const props = (argv: string[]) => toPropertySets((pubArgs(argv).values.property as PropertyArg[] | undefined) ?? []);

describe('toPropertySets', () => {
  it('groups -D values by packet, typed by the property table', () => {
    expect(props([
      '-D', 'publish', 'message-expiry-interval', '60',
      '-D', 'PUBLISH', 'content-type', 'text/plain',
      '-D', 'publish', 'user-property', 'k', 'v',
      '-D', 'publish', 'user-property', 'k', 'w',
      '-D', 'publish', 'correlation-data', 'abc',
      '-D', 'connect', 'receive-maximum', '10',
      '-D', 'subscribe', 'subscription-identifier', '7',
      '-D', 'will', 'will-delay-interval', '5',
    ])).toEqual({
      publish: { messageExpiryInterval: 60, contentType: 'text/plain', userProperties: [['k', 'v'], ['k', 'w']], correlationData: Buffer.from('abc') },
      connect: { receiveMaximum: 10 },
      subscribe: { subscriptionIdentifier: [7] },
      will: { willDelayInterval: 5 },
    });
  });

  it.each([
    [['-D', 'pubrec', 'reason-string', 'x'], 'reason-string property not supported for pubrec in --property argument.'],
    [['-D', 'frob', 'content-type', 'x'], 'Invalid command given in --property argument.'],
    [['-D', 'publish', 'colour', 'x'], "Invalid property name 'colour' given in --property argument."],
    [['-D', 'connect', 'content-type', 'x'], 'content-type property not allowed for connect in --property argument.'],
    [['-D', 'publish', 'message-expiry-interval', '-5'], 'Property value (-5) out of range for property message-expiry-interval.'],
    [['-D', 'publish', 'message-expiry-interval', 'soon'], 'Property value (soon) is not a number for property message-expiry-interval.'],
    [['-D', 'publish', 'subscription-identifier', '1'], 'subscription-identifier property not supported for publish in --property argument.'],
    [['-D', 'connect', 'receive-maximum', '0'], 'Error in CONNECT properties: receive-maximum may not be 0.'],
    [['-D', 'publish', 'topic-alias', '1', '-D', 'publish', 'topic-alias', '2'], 'Error in PUBLISH properties: Duplicate property in property list'],
  ])('%j: %s', (argv, message) => {
    expect(usageMessage(() => props(argv))).toBe(message);
  });

  it('offers completion exactly the names toPropertySets accepts for each packet', () => {
    for (const { target, names } of propertyNamesByTarget()) {
      for (const name of names) {
        const type = PropertyByName.get(name)!.type;
        const value = type === 'string-pair' ? ['k', 'v'] : [type === 'string' || type === 'binary' ? 'x' : '1'];
        expect(() => props(['-D', target, name, ...value]), `${target} ${name}`).not.toThrow();
      }
    }
  });
});

describe('toOutputMode and wantColour', () => {
  it.each([
    [[], 'text'],
    [['--output', 'json'], 'json'],
    [['--json'], 'json'],
    [['--trace'], 'trace'],
    [['--output', 'trace', '--trace'], 'trace'],
  ])('%j → %s', (argv, mode) => {
    expect(toOutputMode(subArgs(['-t', 'a', ...argv]).values)).toBe(mode);
  });

  it('refuses two different modes, and the parser refuses an unknown one', () => {
    expect(usageMessage(() => toOutputMode(subArgs(['--json', '--trace']).values))).toBe('Choose one of --output text, --json and --trace.');
    expect(usageMessage(() => subArgs(['--output', 'yaml']))).toBe("Invalid output format 'yaml': use text, json or trace.");
  });

  it.each([
    [[], {}, true, true],
    [[], {}, false, false],
    [['--color'], {}, false, true],
    [['--no-color'], {}, true, false],
    [[], { NO_COLOR: '1' }, true, false],
    [[], { NO_COLOR: '' }, true, true],
    [['--color', '--no-color'], {}, true, false],
  ])('%j with env %j on a terminal=%s → colour %s', (argv, env, tty, colour) => {
    expect(wantColour(subArgs(argv).values, env, tty)).toBe(colour);
  });
});
