import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { connectionOptions } from '../../src/options/connection.js';
import { publishOptions } from '../../src/options/message.js';
import { parseArgv, parseOptionsFile } from '../../src/options/parse.js';

const pub = [...publishOptions, ...connectionOptions];

describe('parseArgv (mosquitto semantics)', () => {
  it('takes the next argument as the value, whatever it looks like', () => {
    const a = parseArgv(['-m', '-x', '-x', '-1', '-t', 'a'], pub);
    expect(a.values).toMatchObject({ message: '-x', sessionExpiry: '-1', topic: ['a'] });
  });

  it('collects repeatable options and records the order keys were given in', () => {
    const a = parseArgv(['-t', 'a', '-n', '-t', 'b'], pub);
    expect(a.values.topic).toEqual(['a', 'b']);
    expect(a.seen).toEqual(['topic', 'nullMessage', 'topic']);
  });

  it('reads -D as command, name and value, or four words for user-property', () => {
    const a = parseArgv(['-D', 'publish', 'content-type', 'x', '-D', 'connect', 'user-property', 'k', 'v'], pub);
    expect(a.values.property).toEqual([
      { command: 'publish', name: 'content-type', value: 'x' },
      { command: 'connect', name: 'user-property', value: 'k', value2: 'v' },
    ]);
  });

  it("gives mosquitto's message for a missing value", () => {
    expect(() => parseArgv(['-h'], pub)).toThrow(new UsageError('-h argument given but no host specified.'));
    expect(() => parseArgv(['-D', 'publish', 'user-property', 'k'], pub)).toThrow('--property argument given but not enough arguments specified.');
  });

  it('refuses unknown options and stray words, accepts --long=value (mqtk)', () => {
    expect(() => parseArgv(['--foo'], pub)).toThrow("Unknown option '--foo'.");
    expect(() => parseArgv(['word'], pub)).toThrow("Unknown option 'word'.");
    expect(() => parseArgv(['-p1883'], pub)).toThrow("Unknown option '-p1883'.");
    expect(parseArgv(['--host=example'], pub).values.host).toBe('example');
  });
});

describe('options files', () => {
  it('reads one option per line, split at the first space; # starts a comment', () => {
    expect(parseOptionsFile('# defaults\n-h broker.example\n\n-t a topic with spaces\n-r\n')).toEqual(['-h', 'broker.example', '-t', 'a topic with spaces', '-r']);
  });
});
