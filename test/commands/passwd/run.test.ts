// `passwd` run in-process against temp files: the flows, their output and exit codes.
// (test/integration/passwd-*.test.ts run the built bin/mqtk and a real mosquitto.)
import { chmodSync, existsSync, lstatSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../../src/auth/verify.js';
import { run } from '../../../src/commands/passwd/run.js';
import { InternalError } from '../../../src/errors.js';
import { reportError } from '../../../src/report.js';
import { formatUsage } from '../../../src/options/usage.js';
import { passwdCommand } from '../../../src/commands/passwd/command.js';
import { createTerminalStub, passwdArgs, type TerminalStub } from './terminal-stub.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mqtk-passwd-run-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const path = (name: string) => join(dir, name);
const read = (name: string) => readFileSync(path(name), 'utf8');

async function passwd(argv: string[], opts: { stdin?: string; stub?: TerminalStub } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const stub = opts.stub ?? createTerminalStub(opts.stdin === undefined ? {} : { stdin: opts.stdin });
  let code: number;
  try {
    code = await run(passwdArgs(argv), stub.term);
  } catch (err) {
    if (err instanceof InternalError || !(err instanceof Error)) throw err;
    // What main prints for it, without the usage hint's text.
    code = reportError(err, stub.term, { name: 'passwd', usage: () => formatUsage(passwdCommand, 'test') });
  }
  return { code, stdout: stub.stdout(), stderr: stub.stderr() };
}

describe('mqtk passwd (in-process)', () => {
  it('creates a 0600 file with an argon2id hash by default, whatever the umask', async () => {
    const r = await passwd(['-c', '-b', path('pw'), 'alice', 's3cret']);
    expect(r).toMatchObject({ code: 0, stdout: 'Adding password for user alice\n', stderr: '' });
    expect(read('pw')).toMatch(/^alice:\$argon2id\$v=19\$m=47104,t=1,p=1\$[^$]{86}\$[^$]{86}\n$/);
    expect(statSync(path('pw')).mode & 0o777).toBe(0o600);
    expect(await verifyPassword(read('pw'), 's3cret')).toBe(true);
  });

  it('adds and updates users and says which it did', async () => {
    writeFileSync(path('pw'), '# team\nalice:x\n', { mode: 0o640 });
    expect((await passwd(['-b', '-H', 'sha512', path('pw'), 'bob', 'b'])).stdout).toBe('Adding password for user bob\n');
    expect((await passwd(['-b', '-H', 'sha512', path('pw'), 'alice', 'a'])).stdout).toBe('Updating password for user alice\n');
    const lines = read('pw').split('\n');
    expect(lines[0]).toBe('# team');
    expect(await verifyPassword(lines[1]!, 'a')).toBe(true);
    expect(await verifyPassword(lines[2]!, 'b')).toBe(true);
    expect(statSync(path('pw')).mode & 0o777).toBe(0o640);
  });

  it('reads the password from piped standard input', async () => {
    const r = await passwd(['-c', '-H', 'sha512-pbkdf2', path('pw'), 'alice'], { stdin: 'from-pipe\nfrom-pipe\n' });
    expect(r.code).toBe(0);
    expect(read('pw')).toMatch(/^alice:\$7\$101\$/);
    expect(await verifyPassword(read('pw'), 'from-pipe')).toBe(true);
  });

  it('exits 2 when the piped confirmation differs, and writes nothing', async () => {
    const r = await passwd(['-c', path('pw'), 'alice'], { stdin: 'one\ntwo\n' });
    expect(r).toMatchObject({ code: 2, stderr: 'Error: Passwords do not match.\n' });
    expect(existsSync(path('pw'))).toBe(false);
  });

  it('-c - prints the file on standard output and writes no file', async () => {
    const r = await passwd(['-c', '-b', '-H', 'sha512', '-', 'solo', 'pw']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^solo:\$6\$[^$]{16}\$[^$]{88}\n$/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('-c warns when it replaces other users', async () => {
    writeFileSync(path('pw'), 'a:x\nb:y\n');
    const r = await passwd(['-c', '-b', '-H', 'sha512', path('pw'), 'a', 'pw']);
    expect(r.stderr).toContain(`Warning: -c replaced ${path('pw')}, which held 1 other user.`);
    expect(read('pw')).toMatch(/^a:\$6\$/);
  });

  it('refuses a missing file without -c, before asking for a password', async () => {
    const r = await passwd([path('nope'), 'alice'], { stdin: 'pw\n' });
    expect(r).toMatchObject({ code: 1, stderr: `Error: Unable to open password file ${path('nope')}. No such file or directory.\n` });
  });

  it('-D removes the user; an unknown user warns, exits 1 and leaves the file alone', async () => {
    writeFileSync(path('pw'), '# c\na:x\nb:y\n');
    expect(await passwd(['-D', path('pw'), 'nobody'])).toMatchObject({ code: 1, stderr: 'Warning: User nobody not found in password file.\n' });
    expect(read('pw')).toBe('# c\na:x\nb:y\n');
    expect((await passwd(['-D', path('pw'), 'a'])).code).toBe(0);
    expect(read('pw')).toBe('# c\nb:y\n');
  });

  it('-U hashes plain passwords, skips hashed ones and reports what it did', async () => {
    await passwd(['-c', '-b', '-H', 'sha512', path('pw'), 'hashed', 'h']);
    const hashedLine = read('pw');
    writeFileSync(path('pw'), `${hashedLine}plain:p\n`);
    const r = await passwd(['-U', '-H', 'sha512-pbkdf2', path('pw')]);
    expect(r).toMatchObject({ code: 0, stdout: 'Hashed 1 password; 1 already hashed was left as it was.\n' });
    const [first, second] = read('pw').split('\n');
    expect(`${first}\n`).toBe(hashedLine);
    expect(await verifyPassword(second!, 'p')).toBe(true);
    expect((await passwd(['-U', path('pw')])).stdout).toBe(`No plain-text passwords in ${path('pw')}; nothing to do.\n`);
  });

  it('keeps a corrupt line in the middle, warns with its line number, and exits 0', async () => {
    writeFileSync(path('pw'), 'good1:x\nbad\ngood2:y\n', { mode: 0o600 });
    const r = await passwd(['-b', '-H', 'sha512', path('pw'), 'new', 'pw']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("Warning: Corrupt password file at line 2 (no ':' between user and password); the line is kept as it is.\n");
    expect(read('pw')).toMatch(/^good1:x\nbad\ngood2:y\nnew:\$6\$.*\n$/);
  });

  it('--check exits 0 on a match and 1 otherwise, with messages', async () => {
    await passwd(['-c', '-b', '-H', 'sha512', path('pw'), 'alice', 'right']);
    writeFileSync(path('pw'), `${read('pw')}plain:text\n`);
    expect(await passwd(['--check', '-b', path('pw'), 'alice', 'right'])).toMatchObject({ code: 0, stdout: 'Password for user alice matches.\n' });
    expect(await passwd(['--check', '-b', path('pw'), 'alice', 'wrong'])).toMatchObject({ code: 1, stderr: 'Password for user alice does not match.\n' });
    expect(await passwd(['--check', path('pw'), 'alice'], { stdin: 'right\n' })).toMatchObject({ code: 0 });
    expect(await passwd(['--check', '-b', path('pw'), 'bob', 'x'])).toMatchObject({ code: 1, stderr: 'Warning: User bob not found in password file.\n' });
    expect((await passwd(['--check', '-b', path('pw'), 'plain', 'text'])).stderr).toMatch(/^Error: User plain has a plain-text password/);
  });

  it('--list prints the users', async () => {
    writeFileSync(path('pw'), 'a:plain\n', { mode: 0o600 });
    expect(await passwd(['--list', path('pw')])).toMatchObject({ code: 0, stdout: "a  plain  not hashed; mosquitto cannot use it (hash it with 'mqtk passwd -U FILE')\n", stderr: '' });
  });

  it('refuses to write through a symbolic link unless --follow-symlinks, which keeps the link', async () => {
    writeFileSync(path('real'), 'a:x\n', { mode: 0o600 });
    symlinkSync('real', path('link'));
    const refused = await passwd(['-b', '-H', 'sha512', path('link'), 'b', 'pw']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/is a symbolic link; mqtk does not write through symbolic links unless --follow-symlinks is given/);
    expect(read('real')).toBe('a:x\n');
    expect((await passwd(['--follow-symlinks', '-b', '-H', 'sha512', path('link'), 'b', 'pw'])).code).toBe(0);
    expect(lstatSync(path('link')).isSymbolicLink()).toBe(true);
    expect(read('real')).toMatch(/^a:x\nb:\$6\$/);
    // Reading through a link is harmless.
    expect((await passwd(['--list', path('link')])).code).toBe(0);
  });

  it('warns about a world-readable file and keeps its mode', async () => {
    writeFileSync(path('pw'), 'a:x\n');
    chmodSync(path('pw'), 0o644);
    const r = await passwd(['-b', '-H', 'sha512', path('pw'), 'b', 'pw']);
    expect(r.stderr).toContain(`Warning: File ${path('pw')} has world readable permissions.`);
    expect(statSync(path('pw')).mode & 0o777).toBe(0o644);
  });

  it('a signal while hashing stops before the file is written (exit 130, file unchanged)', async () => {
    // 40 argon2id hashes take seconds: the signal at 30 ms surely lands while hashing.
    const original = Array.from({ length: 40 }, (_, i) => `u${i}:p${i}\n`).join('');
    writeFileSync(path('pw'), original);
    const stub = createTerminalStub();
    const pending = passwd(['-U', path('pw')], { stub });
    setTimeout(() => stub.raise('SIGINT'), 30);
    const r = await pending;
    expect(r).toMatchObject({ code: 130, stderr: `Interrupted; ${path('pw')} was not changed.\n` });
    expect(read('pw')).toBe(original);
    expect(readdirSync(dir)).toEqual(['pw']);
  });

  it('updates a user in a file with CR-only line ends without dropping the others', async () => {
    writeFileSync(path('pw'), 'alice:old\rbob:keep\r');
    const r = await passwd(['-b', '-H', 'sha512', path('pw'), 'alice', 'new']);
    expect(r.code).toBe(0);
    expect(read('pw')).toMatch(/^alice:\$6\$[^\r]+\rbob:keep\r$/);
  });

  it('prints usage and exits 1 when given no arguments', async () => {
    const r = await passwd([]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^mqtk passwd: /);
  });
});
