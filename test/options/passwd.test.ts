import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { isEmptyInvocation, parseBrokerTarget, toPasswdConfig } from '../../src/options/passwd.js';
import { passwdArgs } from '../commands/passwd/terminal-stub.js';

const config = (argv: string[]) => toPasswdConfig(passwdArgs(argv));

function usageError(argv: string[]): UsageError {
  try {
    config(argv);
  } catch (err) {
    if (err instanceof UsageError) return err;
    throw err;
  }
  throw new Error(`no UsageError for ${argv.join(' ')}`);
}

describe('toPasswdConfig: modes', () => {
  it('maps the mosquitto_passwd forms', () => {
    expect(config(['f', 'alice'])).toMatchObject({ action: 'set', file: 'f', username: 'alice', create: false });
    expect(config(['-c', 'f', 'alice'])).toMatchObject({ action: 'set', create: true });
    expect(config(['-b', 'f', 'alice', 'pw'])).toMatchObject({ action: 'set', password: 'pw' });
    expect(config(['-c', '-b', 'f', 'alice', 'pw'])).toMatchObject({ action: 'set', create: true, password: 'pw' });
    expect(config(['-D', 'f', 'alice'])).toMatchObject({ action: 'delete', file: 'f', username: 'alice' });
    expect(config(['-U', 'f'])).toMatchObject({ action: 'update', file: 'f' });
    expect(config(['--check', 'f', 'alice'])).toMatchObject({ action: 'check', username: 'alice' });
    expect(config(['--check', '-b', 'f', 'alice', 'pw'])).toMatchObject({ action: 'check', password: 'pw' });
    expect(config(['--list', 'f'])).toMatchObject({ action: 'list', file: 'f' });
    expect(config(['-c', '-b', '-', 'alice', 'pw'])).toMatchObject({ action: 'set', file: '-' });
    expect(config(['--stdin', '--follow-symlinks', 'f', 'a'])).toMatchObject({ stdin: true, followSymlinks: true });
  });

  it('takes a password or user name starting with - after --', () => {
    expect(config(['-b', '--', 'f', '-user', '-pw'])).toMatchObject({ username: '-user', password: '-pw' });
  });

  it('detects an invocation with no arguments (usage, like mosquitto_passwd)', () => {
    expect(isEmptyInvocation(passwdArgs([]))).toBe(true);
    expect(isEmptyInvocation(passwdArgs(['f']))).toBe(false);
  });
});

describe('toPasswdConfig: mosquitto_passwd 2.0.11 rules and messages', () => {
  it.each([
    [['-c', '-D', 'f', 'u'], '-c and -D cannot be used together.'],
    [['-c', '-U', 'f'], '-c and -U cannot be used together.'],
    [['-D', '-U', 'f'], '-D and -U cannot be used together.'],
    [['-b', '-D', 'f', 'u', 'p'], '-b and -D cannot be used together.'],
    [['-c', '-b', 'f', 'a:b', 'pw'], "Username must not contain the ':' character."],
    [['-c', '-b', 'f', 'a\tb', 'pw'], 'Username must not contain control characters.'],
    [['-c', '-b', 'f', 'a\u007fb', 'pw'], 'Username must not contain control characters.'],
    [['-D', 'f', 'a:b'], "Username must not contain the ':' character."],
    [['-c', '-b', 'f', 'x'.repeat(65536), 'pw'], 'Username must be less than 65536 characters long.'],
    [['-I', '0', '-b', 'f', 'u', 'p'], 'Number of iterations must be > 0.'],
    [['-I', 'abc', '-b', 'f', 'u', 'p'], 'Number of iterations must be > 0.'],
    [['-H', 'md5', '-b', 'f', 'u', 'p'], "Unknown hash type 'md5'"],
    [['-c', 'f'], '-c argument given but password file or username missing.'],
    [['-c', '-b', 'f', 'u'], '-c argument given but password file, username, or password missing.'],
    [['-D', 'f'], '-D argument given but password file or username missing.'],
    [['-U'], '-U argument given but password file missing.'],
    [['-U', 'f', 'extra'], '-U argument given but password file missing.'],
  ])('%j → %s', (argv, message) => {
    expect(usageError(argv).message).toBe(message);
  });

  it('reports a missing -H/-I value with mosquitto\'s message', () => {
    expect(() => passwdArgs(['-H'])).toThrow('-H argument given but not enough other arguments.');
    expect(() => passwdArgs(['-I'])).toThrow('-I argument given but not enough other arguments.');
  });

  it('prints usage for a wrong number of arguments', () => {
    const err = usageError(['-b', 'f']);
    expect(err.showUsage).toBe(true);
    expect(err.message).toBe('Expected FILE USER PASSWORD (with -b).');
  });
});

describe("toPasswdConfig: mqtk's additional rules", () => {
  it.each([
    [['-b', 'f', '', 'pw'], 'Username must not be empty.'],
    [['-b', 'f', ' bob', 'pw'], 'Username must not start or end with a space (mosquitto trims it when reading the file).'],
    [['-b', 'f', '#bob', 'pw'], "Username must not start with '#' (mosquitto reads such a line as a comment)."],
    [['-c', '-b', 'f', 'u', 'p', 'extra'], "Too many arguments: 'extra'."],
    [['-D', 'f', 'u', 'extra'], "Too many arguments: 'extra'."],
    [['--check', '-c', 'f', 'u'], '--check and -c cannot be used together.'],
    [['--list', '-D', 'f', 'u'], '--list and -D cannot be used together.'],
    [['--stdin', '-b', 'f', 'u', 'p'], '--stdin and -b cannot be used together.'],
    [['-D', '-', 'u'], "FILE '-' (standard output) can only be used with -c."],
    [['-b', '-', 'u', 'p'], "FILE '-' (standard output) can only be used with -c."],
    [['--list'], '--list argument given but password file missing.'],
    [['--check', 'f'], '--check argument given but password file or username missing.'],
    [['-H', 'sha512', '-I', '5', '-b', 'f', 'u', 'p'], '-I applies to sha512-pbkdf2 hashes only, not sha512.'],
    [['--mosquitto', '2.0', '-H', 'argon2id', '-b', 'f', 'u', 'p'], 'mosquitto 2.0 cannot read argon2id hashes: use -H sha512-pbkdf2 (the default with --mosquitto 2.0).'],
    [['--mosquitto', '1.6', '-H', 'sha512-pbkdf2', '-b', 'f', 'u', 'p'], 'mosquitto 1.6 reads sha512 hashes only, not sha512-pbkdf2.'],
    [['--mosquitto', 'latest', '-b', 'f', 'u', 'p'], "Invalid mosquitto version 'latest': use 1.6, 2.0 or 2.1."],
  ])('%j → %s', (argv, message) => {
    expect(usageError(argv).message).toBe(message);
  });
});

describe('toPasswdConfig: hash choice', () => {
  const hash = (argv: string[]) => config([...argv, '-b', 'f', 'u', 'p']).hash;

  it('defaults to argon2id; sha512-pbkdf2 and sha512 default to 2.0-compatible parameters', () => {
    expect(hash([])).toEqual({ kind: 'argon2id' });
    expect(hash(['-H', 'sha512-pbkdf2'])).toEqual({ kind: 'sha512-pbkdf2', iterations: 101, saltLength: 12 });
    expect(hash(['-H', 'sha512'])).toEqual({ kind: 'sha512', saltLength: 12 });
  });

  it('-I sets the iterations and implies sha512-pbkdf2', () => {
    expect(hash(['-I', '5000'])).toEqual({ kind: 'sha512-pbkdf2', iterations: 5000, saltLength: 12 });
  });

  it('--mosquitto picks defaults a broker of that version reads', () => {
    expect(hash(['--mosquitto', '1.6'])).toEqual({ kind: 'sha512', saltLength: 12 });
    expect(hash(['--mosquitto', '2.0'])).toEqual({ kind: 'sha512-pbkdf2', iterations: 101, saltLength: 12 });
    expect(hash(['--mosquitto', '2.0.11'])).toEqual({ kind: 'sha512-pbkdf2', iterations: 101, saltLength: 12 });
    expect(hash(['--mosquitto', '2.1'])).toEqual({ kind: 'argon2id' });
    expect(hash(['--mosquitto', '2.1', '-H', 'sha512-pbkdf2'])).toEqual({ kind: 'sha512-pbkdf2', iterations: 1000, saltLength: 64 });
    expect(hash(['--mosquitto', '2.1', '-H', 'sha512'])).toEqual({ kind: 'sha512', saltLength: 64 });
  });

  it('reads broker versions by major.minor', () => {
    expect(parseBrokerTarget('1.5')).toBe('1.6');
    expect(parseBrokerTarget('2.0')).toBe('2.0');
    expect(parseBrokerTarget('2.1.2')).toBe('2.1');
    expect(parseBrokerTarget('3.0')).toBe('2.1');
  });
});
