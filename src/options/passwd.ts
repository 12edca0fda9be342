// `mqtk passwd`: mosquitto_passwd's options plus mqtk's long ones, and the one pure
// mapping from parsed argv to a PasswdConfig. Every cross-option rule and message
// (copied from mosquitto_passwd 2.0.11 where it has one) lives in toPasswdConfig.
import { UsageError } from '../errors.js';
import type { OptionSpec, ParsedArgs } from './spec.js';
import { generalOptions } from './general.js';

const F = 'Password file';
const H = 'Hashing';

export const passwdOptions: readonly OptionSpec[] = [
  { key: 'create', flags: ['-c'], group: F, describe: "create a new password file, replacing an existing one; FILE '-' writes to standard output" },
  { key: 'batch', flags: ['-b'], group: F, describe: 'batch mode: the password is the last argument (visible to other users in ps; prefer --stdin)' },
  { key: 'delete', flags: ['-D'], group: F, describe: 'delete USER (warns and exits 1 when USER is not in FILE)' },
  { key: 'update', flags: ['-U'], group: F, describe: 'hash the plain-text passwords in FILE in place; lines already hashed are kept as they are (mosquitto_passwd hashes them again)' },
  { key: 'check', flags: ['--check'], group: F, mqtk: true, describe: 'check USER\'s password: exit 0 when it matches, 1 when not' },
  { key: 'list', flags: ['--list'], group: F, mqtk: true, describe: 'list the users in FILE with their hash kinds' },
  { key: 'stdin', flags: ['--stdin'], group: F, mqtk: true, describe: 'read the password from standard input (one line, or the password and its confirmation on two lines) instead of prompting; automatic when standard input is not a terminal' },
  { key: 'followSymlinks', flags: ['--follow-symlinks'], group: F, mqtk: true, describe: 'write through a FILE that is a symbolic link (refused by default)' },
  { key: 'hash', flags: ['-H'], arg: 'hash', group: H, describe: 'argon2id (default; mosquitto 2.1+), sha512-pbkdf2 (2.0+) or sha512 (1.6)', choices: ['argon2id', 'sha512-pbkdf2', 'sha512'], invalid: "Unknown hash type '{value}'", missing: '-H argument given but not enough other arguments.' },
  { key: 'iterations', flags: ['-I'], arg: 'iterations', group: H, describe: 'sha512-pbkdf2 iterations (default 101, or 1000 with --mosquitto 2.1); implies -H sha512-pbkdf2', missing: '-I argument given but not enough other arguments.' },
  { key: 'mosquitto', flags: ['--mosquitto'], arg: 'version', group: H, mqtk: true, describe: 'write for this broker version: 1.6 (sha512), 2.0 (sha512-pbkdf2, 101 iterations, 12-byte salt) or 2.1 (argon2id default; pbkdf2 with 1000 iterations and 64-byte salts)', hints: ['1.6', '2.0', '2.1'] },
  ...generalOptions,
];

export type HashName = 'argon2id' | 'sha512-pbkdf2' | 'sha512';
export type BrokerTarget = '1.6' | '2.0' | '2.1';

export interface HashChoice {
  kind: HashName;
  iterations?: number;
  saltLength?: number;
}

export type PasswdAction =
  | { action: 'set'; file: string; username: string; create: boolean; password?: string }
  | { action: 'delete'; file: string; username: string }
  | { action: 'update'; file: string }
  | { action: 'check'; file: string; username: string; password?: string }
  | { action: 'list'; file: string };

export type PasswdConfig = PasswdAction & {
  hash: HashChoice;
  /** Read the password from stdin even when it is a terminal (it is read anyway when it is not). */
  stdin: boolean;
  followSymlinks: boolean;
  /** None of -H, -I and --mosquitto was given: the local broker's version may pick the hash. */
  hashDefaulted: boolean;
};

/** True when the user gave nothing at all (mosquitto_passwd then prints its usage). */
export function isEmptyInvocation(args: ParsedArgs): boolean {
  return args.seen.length === 0 && args.positionals.length === 0;
}

const flag = (args: ParsedArgs, key: string): boolean => args.values[key] === true;
const str = (args: ParsedArgs, key: string): string | undefined => {
  const v = args.values[key];
  return typeof v === 'string' ? v : undefined;
};

/** `--mosquitto 2.0.11` means 2.0; anything from 2.1 on reads like 2.1, anything before 2.0 like 1.6. */
export function parseBrokerTarget(text: string): BrokerTarget {
  const m = /^(\d+)\.(\d+)(?:\.\d+)?$/.exec(text);
  if (!m) throw new UsageError(`Invalid mosquitto version '${text}': use 1.6, 2.0 or 2.1.`);
  const v = Number(m[1]) * 1000 + Number(m[2]);
  return v < 2000 ? '1.6' : v < 2001 ? '2.0' : '2.1';
}

function parseIterations(text: string): number {
  // mosquitto uses atoi() and rejects < 1; mqtk also rejects trailing junk ("10abc").
  const n = /^\d{1,10}$/.test(text) ? Number(text) : 0;
  if (n < 1) throw new UsageError('Number of iterations must be > 0.');
  if (n > 2 ** 31 - 1) throw new UsageError('Number of iterations must be < 2147483648.');
  return n;
}

/** Which hash, with which parameters, from -H, -I and --mosquitto. */
export function toHashChoice(args: ParsedArgs): HashChoice {
  // The parser admits only the choices of -H.
  const name = str(args, 'hash') as HashName | undefined;
  const itText = str(args, 'iterations');
  const iterations = itText === undefined ? undefined : parseIterations(itText);
  const targetText = str(args, 'mosquitto');
  const target = targetText === undefined ? undefined : parseBrokerTarget(targetText);
  return chooseHash(name, iterations, target);
}

/** The hash to write for a broker of this version when -H, -I and --mosquitto are not given. */
export function hashForBroker(target: BrokerTarget): HashChoice {
  return chooseHash(undefined, undefined, target);
}

function chooseHash(name: HashName | undefined, iterations: number | undefined, target: BrokerTarget | undefined): HashChoice {
  if (iterations !== undefined && name !== undefined && name !== 'sha512-pbkdf2') {
    throw new UsageError(`-I applies to sha512-pbkdf2 hashes only, not ${name}.`);
  }
  const defaultKind: HashName = target === '1.6' ? 'sha512' : target === '2.0' ? 'sha512-pbkdf2' : 'argon2id';
  const kind: HashName = name ?? (iterations !== undefined ? 'sha512-pbkdf2' : defaultKind);
  if (target === '1.6' && kind !== 'sha512') throw new UsageError(`mosquitto 1.6 reads sha512 hashes only, not ${kind}.`);
  if (target === '2.0' && kind === 'argon2id') throw new UsageError('mosquitto 2.0 cannot read argon2id hashes: use -H sha512-pbkdf2 (the default with --mosquitto 2.0).');
  // 2.0 brokers decode 12-byte salts only; 2.1 writes (and reads) 64-byte ones.
  const saltLength = target === '2.1' ? 64 : 12;
  if (kind === 'argon2id') return { kind };
  if (kind === 'sha512') return { kind, saltLength };
  return { kind, iterations: iterations ?? (target === '2.1' ? 1000 : 101), saltLength };
}

/** Throws the first "X and Y cannot be used together." that applies, in mosquitto's order. */
function checkConflicts(args: ParsedArgs): void {
  const pairs: [string, string, string, string][] = [
    ['create', 'delete', '-c', '-D'],
    ['create', 'update', '-c', '-U'],
    ['delete', 'update', '-D', '-U'],
    ['batch', 'delete', '-b', '-D'],
    ['check', 'create', '--check', '-c'],
    ['check', 'delete', '--check', '-D'],
    ['check', 'update', '--check', '-U'],
    ['list', 'create', '--list', '-c'],
    ['list', 'delete', '--list', '-D'],
    ['list', 'update', '--list', '-U'],
    ['list', 'check', '--list', '--check'],
    ['list', 'batch', '--list', '-b'],
    ['stdin', 'batch', '--stdin', '-b'],
    ['stdin', 'delete', '--stdin', '-D'],
    ['stdin', 'update', '--stdin', '-U'],
    ['stdin', 'list', '--stdin', '--list'],
  ];
  for (const [a, b, fa, fb] of pairs) {
    if (flag(args, a) && flag(args, b)) throw new UsageError(`${fa} and ${fb} cannot be used together.`);
  }
}

/** Exactly `count` positionals, or mosquitto's message for the mode. */
function takePositionals(args: ParsedArgs, count: number, missing: string): string[] {
  const p = args.positionals;
  if (p.length < count) throw new UsageError(missing);
  if (p.length > count) throw new UsageError(`Too many arguments: '${p.slice(count).join("' '")}'.`, { showUsage: true });
  return p;
}

function toAction(args: ParsedArgs): PasswdAction {
  const batch = flag(args, 'batch');
  if (flag(args, 'list')) {
    const [file] = takePositionals(args, 1, '--list argument given but password file missing.');
    return { action: 'list', file: file! };
  }
  if (flag(args, 'check')) {
    const n = batch ? 3 : 2;
    const [file, username, password] = takePositionals(args, n, `--check argument given but password file${batch ? ', username, or password' : ' or username'} missing.`);
    return { action: 'check', file: file!, username: username!, ...(batch ? { password: password! } : {}) };
  }
  if (flag(args, 'update')) {
    if (args.positionals.length !== 1) throw new UsageError('-U argument given but password file missing.');
    return { action: 'update', file: args.positionals[0]! };
  }
  if (flag(args, 'delete')) {
    const [file, username] = takePositionals(args, 2, '-D argument given but password file or username missing.');
    return { action: 'delete', file: file!, username: username! };
  }
  const create = flag(args, 'create');
  const n = batch ? 3 : 2;
  const missing = !create
    ? `Expected ${batch ? 'FILE USER PASSWORD (with -b)' : 'FILE USER'}.`
    : batch
      ? '-c argument given but password file, username, or password missing.'
      : '-c argument given but password file or username missing.';
  if (!create && args.positionals.length < n) throw new UsageError(missing, { showUsage: true });
  const [file, username, password] = takePositionals(args, n, missing);
  return { action: 'set', file: file!, username: username!, create, ...(batch ? { password: password! } : {}) };
}

/**
 * mosquitto_passwd's username rules (length, control characters, ':'), plus three of
 * mqtk's for names that would not survive a round trip through the file: mosquitto trims
 * blanks around the name when it reads it back, skips lines starting with '#', and reads
 * an empty name as a corrupt line.
 */
export function checkUsername(username: string): void {
  if (Buffer.byteLength(username, 'utf8') > 65535) throw new UsageError('Username must be less than 65536 characters long.');
  // iscntrl() in the C locale: 0-31 and 127.
  if (/[\u0000-\u001f\u007f]/.test(username)) throw new UsageError('Username must not contain control characters.');
  if (username.includes(':')) throw new UsageError("Username must not contain the ':' character.");
  if (username === '') throw new UsageError('Username must not be empty.');
  if (username.startsWith(' ') || username.endsWith(' ')) throw new UsageError('Username must not start or end with a space (mosquitto trims it when reading the file).');
  if (username.startsWith('#')) throw new UsageError("Username must not start with '#' (mosquitto reads such a line as a comment).");
}

export function toPasswdConfig(args: ParsedArgs): PasswdConfig {
  checkConflicts(args);
  const action = toAction(args);
  if ('username' in action) checkUsername(action.username);
  if (action.file === '-' && !(action.action === 'set' && action.create)) {
    throw new UsageError("FILE '-' (standard output) can only be used with -c.");
  }
  const hashDefaulted = ['hash', 'iterations', 'mosquitto'].every((k) => args.values[k] === undefined);
  return { ...action, hash: toHashChoice(args), stdin: flag(args, 'stdin'), followSymlinks: flag(args, 'followSymlinks'), hashDefaulted };
}
