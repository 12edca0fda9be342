// `mqtk passwd`: argv → PasswdConfig → read the file → edit its lines → atomic rewrite.
// Unlike mosquitto_passwd 2.0 it never drops a line it cannot parse, never hashes a hash,
// and never leaves a half-written or backup file behind.
import { parsePasswdFile, serializePasswdFile, type PasswdFileLine } from '../../auth/passwd-file.js';
import { ExitError, UsageError } from '../../errors.js';
import { ExitCode, signalExitCode } from '../../exit-codes.js';
import { isEmptyInvocation, toPasswdConfig, type HashChoice, type PasswdConfig } from '../../options/passwd.js';
import type { ParsedArgs } from '../../options/spec.js';
import type { FileState } from '../../term/atomic-file.js';
import type { Terminal } from '../../term/terminal.js';
import { createFile, deleteUser, fileWarnings, findUser, hashPlainPasswords, setUser } from './edit.js';
import { openPasswordFile, savePasswordFile, warnPermissions, withPasswordFileLock } from './file-access.js';
import { formatList } from './list.js';
import { warnBrokerAccess } from '../broker-access.js';
import { hashFor } from './local-broker.js';
import { readPassword } from './password-input.js';

type Of<A extends PasswdConfig['action']> = Extract<PasswdConfig, { action: A }>;

// The hashing modules (node:crypto, and argon2 for argon2id) load only when a password is
// hashed or checked, so -D, --list and argument errors do not pay for them.
async function hash(password: Buffer, choice: HashChoice): Promise<string> {
  const { hashPassword } = await import('../../auth/hash.js');
  return hashPassword(password, choice);
}

/**
 * From the moment the password is known until the file is written, SIGINT/SIGTERM only
 * set a flag, checked before each slow step: an interrupt then leaves the file as it was,
 * and never lands between writing the temp file and renaming it.
 */
function guardSignals(term: Terminal, file: string): { check(): void; release(): void } {
  let signal: 'SIGINT' | 'SIGTERM' | undefined;
  const release = term.onSignal((s) => {
    signal = s;
  });
  return {
    check() {
      if (signal) throw new ExitError(signalExitCode(signal), `Interrupted; ${file} was not changed.`, { verbatim: true });
    },
    release,
  };
}

/** Reads and parses FILE, printing warnings about corrupt lines and duplicate users. */
function load(term: Terminal, cfg: PasswdConfig, opts: { readOnly?: boolean } = {}): { state: FileState; lines: PasswdFileLine[] } {
  // Reading through a link is harmless; only writes refuse links without --follow-symlinks.
  const state = openPasswordFile(cfg.file, { followSymlinks: cfg.followSymlinks || opts.readOnly === true, mayBeMissing: false });
  const lines = state.exists ? parsePasswdFile(state.data) : [];
  for (const w of fileWarnings(lines)) term.stderr.write(`${w}\n`);
  if (opts.readOnly && state.exists) warnPermissions(term, cfg.file, state.mode);
  return { state, lines };
}

/** -c overwrites, as documented; say so when that removed other users. */
function warnReplaced(term: Terminal, file: string, old: Buffer, username: string): void {
  const others = parsePasswdFile(old).filter((l) => l.line.type === 'entry' && l.line.username !== username).length;
  if (others > 0) term.stderr.write(`Warning: -c replaced ${file}, which held ${others} other user${others === 1 ? '' : 's'}.\n`);
}

async function runSet(cfg: Of<'set'>, term: Terminal): Promise<number> {
  const toStdout = cfg.file === '-';
  // Open FILE before asking for the password, so a bad path fails first.
  if (!toStdout) openPasswordFile(cfg.file, { followSymlinks: cfg.followSymlinks, mayBeMissing: cfg.create });
  const password = await readPassword(term, { given: cfg.password, stdin: cfg.stdin, confirm: true });
  const guard = guardSignals(term, cfg.file);
  try {
    const hashed = await hash(password, hashFor(cfg, term));
    guard.check();
    if (toStdout) {
      term.stdout.write(serializePasswdFile(createFile(cfg.username, hashed)));
      await term.stdout.drain();
      return 0;
    }
    const result = await withPasswordFileLock(cfg.file, guard, () => {
      // Read under the lock: another writer may have added users since the check above.
      const { state, lines } = cfg.create
        ? { state: openPasswordFile(cfg.file, { followSymlinks: cfg.followSymlinks, mayBeMissing: true }), lines: [] }
        : load(term, cfg);
      const edit = cfg.create ? { lines: createFile(cfg.username, hashed), replaced: 0 } : setUser(lines, cfg.username, hashed);
      savePasswordFile(term, cfg.file, state, serializePasswdFile(edit.lines));
      if (cfg.create && state.exists) warnReplaced(term, cfg.file, state.data, cfg.username);
      return edit;
    });
    term.stdout.write(`${result.replaced > 0 ? 'Updating' : 'Adding'} password for user ${cfg.username}\n`);
    warnBrokerAccess(term, cfg.file);
    return 0;
  } finally {
    guard.release();
  }
}

async function runDelete(cfg: Of<'delete'>, term: Terminal): Promise<number> {
  return withPasswordFileLock(cfg.file, undefined, () => {
    const { state, lines } = load(term, cfg);
    const { lines: kept, removed } = deleteUser(lines, cfg.username);
    if (removed === 0) {
      // mosquitto_passwd rewrites the file anyway; there is nothing to write.
      term.stderr.write(`Warning: User ${cfg.username} not found in password file.\n`);
      return 1;
    }
    savePasswordFile(term, cfg.file, state, serializePasswdFile(kept));
    return 0;
  });
}

async function runUpdate(cfg: Of<'update'>, term: Terminal): Promise<number> {
  openPasswordFile(cfg.file, { followSymlinks: cfg.followSymlinks, mayBeMissing: false });
  const choice = hashFor(cfg, term);
  const guard = guardSignals(term, cfg.file);
  try {
    // Hashing happens under the lock: the lines hashed are the lines written.
    return await withPasswordFileLock(cfg.file, guard, async () => {
      const { state, lines } = load(term, cfg);
      const result = await hashPlainPasswords(lines, (pw) => hash(pw, choice), () => guard.check());
      guard.check();
      for (const n of result.unreadable) {
        term.stderr.write(`Warning: Line ${n} holds a hash mosquitto cannot read; it is kept as it is, not hashed again.\n`);
      }
      if (result.hashed === 0) {
        term.stdout.write(`No plain-text passwords in ${cfg.file}; nothing to do.\n`);
        return 0;
      }
      savePasswordFile(term, cfg.file, state, serializePasswdFile(result.lines));
      const kept = result.alreadyHashed > 0 ? `; ${result.alreadyHashed} already hashed ${result.alreadyHashed === 1 ? 'was' : 'were'} left as ${result.alreadyHashed === 1 ? 'it was' : 'they were'}` : '';
      term.stdout.write(`Hashed ${result.hashed} password${result.hashed === 1 ? '' : 's'}${kept}.\n`);
      return 0;
    });
  } finally {
    guard.release();
  }
}

async function runCheck(cfg: Of<'check'>, term: Terminal): Promise<number> {
  const { lines } = load(term, cfg, { readOnly: true });
  const entry = findUser(lines, cfg.username);
  if (!entry || entry.line.type !== 'entry') {
    term.stderr.write(`Warning: User ${cfg.username} not found in password file.\n`);
    return 1;
  }
  const kind = entry.line.valueKind;
  if (kind.type === 'plain') {
    throw new ExitError(ExitCode.Failure, `User ${cfg.username} has a plain-text password, which mosquitto does not accept; hash it with 'mqtk passwd -U ${cfg.file}'.`);
  }
  if (kind.type !== 'hash') {
    throw new ExitError(ExitCode.Failure, `The password of user ${cfg.username} (line ${entry.lineNo}) is not a hash mosquitto can read.`);
  }
  const password = await readPassword(term, { given: cfg.password, stdin: cfg.stdin, confirm: false });
  const { verifyParsedHash } = await import('../../auth/verify.js');
  if (await verifyParsedHash(kind.hash, password)) {
    term.stdout.write(`Password for user ${cfg.username} matches.\n`);
    return 0;
  }
  term.stderr.write(`Password for user ${cfg.username} does not match.\n`);
  return 1;
}

function runList(cfg: Of<'list'>, term: Terminal): number {
  const { lines } = load(term, cfg, { readOnly: true });
  term.stdout.write(formatList(lines));
  return 0;
}

export async function run(args: ParsedArgs, term: Terminal): Promise<number> {
  if (isEmptyInvocation(args)) {
    // Like mosquitto_passwd without arguments: usage on stdout, exit 1.
    throw new UsageError('', { showUsage: true });
  }
  const cfg = toPasswdConfig(args);
  switch (cfg.action) {
    case 'set':
      return runSet(cfg, term);
    case 'delete':
      return runDelete(cfg, term);
    case 'update':
      return runUpdate(cfg, term);
    case 'check':
      return runCheck(cfg, term);
    case 'list':
      return runList(cfg, term);
  }
}
