// `mqtk passwd` against the real tools: files written by Debian's mosquitto_passwd 2.0.11
// verify with `mqtk passwd --check`; argon2id lines match Debian's reference argon2 CLI;
// errors and exit codes match mosquitto_passwd's.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/auth/hash.js';
import { runCommand } from '../helpers/mosquitto.js';
import { mqtk } from '../helpers/mqtk.js';

const has = (cmd: string): boolean => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;

/** Skip locally when a tool is missing; in CI that is a failure. */
function skipWithout(cmd: string): boolean {
  if (has(cmd)) return false;
  if (process.env.CI === 'true') throw new Error(`${cmd} is not installed, and CI=true: these tests must not be skipped`);
  return true;
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mqtk-passwd-compat-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(skipWithout('mosquitto_passwd'))('files written by mosquitto_passwd 2.0.11', () => {
  const users: Array<[string, string[], string]> = [
    ['default', [], 'default-pw'],
    ['sha512', ['-H', 'sha512'], 'sha512 pw'],
    ['pbkdf2', ['-H', 'sha512-pbkdf2'], 'p:w'],
    ['iterations', ['-I', '3000'], 'ünïcødé'],
  ];

  it('verify with mqtk passwd --check (exit 0 for the right password, 1 for a wrong one)', async () => {
    const file = join(dir, 'passwd');
    writeFileSync(file, '', { mode: 0o600 });
    for (const [user, opts, pw] of users) {
      const r = spawnSync('mosquitto_passwd', [...opts, '-b', file, user, pw], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
    }
    for (const [user, , pw] of users) {
      const ok = await mqtk(['passwd', '--check', '-b', file, user, pw]);
      expect(ok.status, `${user}: ${ok.stderr}`).toBe(0);
      expect(ok.stdout.toString()).toBe(`Password for user ${user} matches.\n`);
      const bad = await mqtk(['passwd', '--check', file, user], { input: `${pw}!\n` });
      expect(bad.status).toBe(1);
      expect(bad.stderr).toBe(`Password for user ${user} does not match.\n`);
    }
  });

  it('a file hashed by mosquitto_passwd -U verifies too', async () => {
    const file = join(dir, 'passwd');
    writeFileSync(file, 'alice:first\nbob:second\n', { mode: 0o600 });
    expect(spawnSync('mosquitto_passwd', ['-U', file]).status).toBe(0);
    expect((await mqtk(['passwd', '--check', '-b', file, 'bob', 'second'])).status).toBe(0);
  });

  it('stay readable by mosquitto_passwd after mqtk edits them', async () => {
    const file = join(dir, 'passwd');
    spawnSync('mosquitto_passwd', ['-c', '-b', file, 'alice', 'a']);
    expect((await mqtk(['passwd', '-b', '--mosquitto', '2.0', file, 'bob', 'b'])).status).toBe(0);
    const r = spawnSync('mosquitto_passwd', ['-b', file, 'carol', 'c'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(readFileSync(file, 'utf8').split('\n').map((l) => l.split(':')[0])).toEqual(['alice', 'bob', 'carol', '']);
    expect((await mqtk(['passwd', '--check', '-b', file, 'bob', 'b'])).status).toBe(0);
    expect((await mqtk(['passwd', '--check', '-b', file, 'carol', 'c'])).status).toBe(0);
  });
});

describe.skipIf(skipWithout('argon2'))('argon2id against the reference argon2 CLI', () => {
  // A fresh 64-byte salt and password each run (printable: the CLI takes the salt as an argument).
  const salt = randomBytes(48).toString('base64');
  const password = `pw-${randomBytes(6).toString('hex')}`;
  const cli = (): string => {
    const r = spawnSync('argon2', [salt, '-id', '-t', '1', '-k', '47104', '-p', '1', '-l', '64', '-e'], { input: password, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    return r.stdout.trim();
  };

  it('mqtk computes the very string the CLI computes with mosquitto 2.1 parameters', async () => {
    const expected = cli();
    expect(expected).toMatch(/^\$argon2id\$v=19\$m=47104,t=1,p=1\$/);
    expect(await hashPassword(password, { kind: 'argon2id', salt: Buffer.from(salt) })).toBe(expected);
  });

  it('mqtk passwd --check verifies a line made by the CLI', async () => {
    const file = join(dir, 'passwd');
    writeFileSync(file, `cli-user:${cli()}\n`, { mode: 0o600 });
    expect((await mqtk(['passwd', '--check', '-b', file, 'cli-user', password])).status).toBe(0);
    expect((await mqtk(['passwd', '--check', '-b', file, 'cli-user', `${password}x`])).status).toBe(1);
    expect((await mqtk(['passwd', '--list', file])).stdout.toString()).toMatch(/^cli-user {2}argon2id {2}m=47104,t=1,p=1, 64-byte salt/);
  });
});

describe.skipIf(skipWithout('mosquitto_passwd'))('errors and exit codes match mosquitto_passwd 2.0.11', () => {
  // Both tools get the same arguments.
  const cases: string[][] = [
    ['-c', '-D', 'f', 'u'],
    ['-c', '-U', 'f'],
    ['-D', '-U', 'f'],
    ['-b', '-D', 'f', 'u', 'p'],
    ['-c', '-b', 'f', 'a:b', 'pw'],
    ['-c', '-b', 'f', 'a\tb', 'pw'],
    ['-b', 'missing', 'u', 'pw'],
    ['-D', 'missing', 'u'],
    ['-U', 'missing'],
    ['-I', '0', '-b', 'f', 'u', 'p'],
    ['-I', 'abc', '-b', 'f', 'u', 'p'],
    ['-H', 'md5', '-b', 'f', 'u', 'p'],
    ['-H'],
    ['-I'],
    ['-c', 'f'],
    ['-c', '-b', 'f', 'u'],
    ['-D', 'f'],
    ['-U'],
  ];

  it.each(cases.map((c) => [c.join(' '), c]))('%s', async (_name, given) => {
    // File names inside the temp dir, so nothing lands in the working directory.
    const args = (given as string[]).map((a) => (a === 'f' || a === 'missing' ? join(dir, a) : a));
    const mosq = await runCommand('mosquitto_passwd', args);
    const ours = await mqtk(['passwd', ...args]);
    expect(ours.status).toBe(mosq.status);
    expect(ours.stderr.split('\n')[0]).toBe(mosq.stderr.split('\n')[0]);
  });

  it('a prompt mismatch exits 2 and an unknown user on -D exits 1, as in mosquitto_passwd', async () => {
    const file = join(dir, 'f');
    spawnSync('mosquitto_passwd', ['-c', '-b', file, 'alice', 'a']);
    for (const [args, input] of [[['-D', file, 'nobody'], ''], [[file, 'bob'], 'one\ntwo\n']] as const) {
      const mosq = await runCommand('mosquitto_passwd', [...args], { input });
      const ours = await mqtk(['passwd', ...args], { input });
      expect([ours.status, ours.stderr.trim()]).toEqual([mosq.status, mosq.stderr.trim()]);
    }
  });
});
