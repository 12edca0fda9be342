// "Never a lost line": the built bin/mqtk on the cases where mosquitto_passwd 2.0.11 loses
// or damages data, and the file-handling guarantees (atomic rewrite, modes, owners,
// symlinks). Where useful, mosquitto_passwd runs on the same input to show the difference.
import { spawnSync } from 'node:child_process';
import {
  chmodSync, chownSync, existsSync, lstatSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../src/auth/verify.js';
import { hasMosquitto } from '../helpers/mosquitto.js';
import { MQTK, mqtk } from '../helpers/mqtk.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mqtk-passwd-safety-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const file = (name = 'passwd') => join(dir, name);
const read = (name = 'passwd') => readFileSync(file(name), 'utf8');
const write = (text: string, name = 'passwd', mode = 0o600) => writeFileSync(file(name), text, { mode });
const others = () => readdirSync(dir).filter((n) => n !== 'passwd');

describe('a corrupt line in the middle', () => {
  const before = '# users\ngood1:x\nthis is not a user line\ngood2:y\n';

  it.skipIf(!hasMosquitto)('mosquitto_passwd 2.0.11 drops everything after it and still exits 0 (for reference)', () => {
    write(before, 'mosq');
    const r = spawnSync('mosquitto_passwd', ['-b', file('mosq'), 'newuser', 'pw'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('Error: Corrupt password file at line 1.\n');
    expect(read('mosq')).toMatch(/^newuser:\$7\$/);
  });

  it('mqtk keeps every line, warns with the line number, adds the user and exits 0', async () => {
    write(before);
    const r = await mqtk(['passwd', '-b', '-H', 'sha512', file(), 'newuser', 'pw']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("Warning: Corrupt password file at line 3 (no ':' between user and password); the line is kept as it is.\n");
    expect(read()).toMatch(/^# users\ngood1:x\nthis is not a user line\ngood2:y\nnewuser:\$6\$[^\n]+\n$/);
    expect(others()).toEqual([]);
  });

  it('mqtk -D and -U keep it too', async () => {
    write(before);
    expect((await mqtk(['passwd', '-D', file(), 'good1'])).status).toBe(0);
    expect(read()).toBe('# users\nthis is not a user line\ngood2:y\n');
    expect((await mqtk(['passwd', '-U', '-H', 'sha512', file()])).status).toBe(0);
    expect(read()).toMatch(/^# users\nthis is not a user line\ngood2:\$6\$[^\n]+\n$/);
  });
});

describe('-U on a file that is partly hashed', () => {
  it.skipIf(!hasMosquitto)('mosquitto_passwd hashes the hashes (for reference)', async () => {
    spawnSync('mosquitto_passwd', ['-c', '-b', file('mosq'), 'hashed', 'pw']);
    writeFileSync(file('mosq'), `${read('mosq')}plain:pw2\n`);
    spawnSync('mosquitto_passwd', ['-U', file('mosq')]);
    const [hashed] = read('mosq').split('\n');
    expect(await verifyPassword(hashed!, 'pw')).toBe(false);
  });

  it('mqtk hashes only the plain-text lines, so existing users keep working', async () => {
    expect((await mqtk(['passwd', '-c', '-b', '-H', 'sha512-pbkdf2', file(), 'hashed', 'pw'])).status).toBe(0);
    const hashedLine = read();
    writeFileSync(file(), `${hashedLine}plain:pw2\n# end\n`);
    const r = await mqtk(['passwd', '-U', file()]);
    expect(r.status).toBe(0);
    expect(r.stdout.toString()).toBe('Hashed 1 password; 1 already hashed was left as it was.\n');
    const lines = read().split('\n');
    expect(`${lines[0]}\n`).toBe(hashedLine);
    expect(await verifyPassword(lines[0]!, 'pw')).toBe(true);
    expect(await verifyPassword(lines[1]!, 'pw2')).toBe(true);
    expect(lines[2]).toBe('# end');
  });
});

describe('file modes, owners and symbolic links', () => {
  it('creates new files with mode 0600 even under umask 000', () => {
    const r = spawnSync('sh', ['-c', `umask 000; exec "${MQTK}" passwd -c -b -H sha512 "${file()}" alice pw`], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(statSync(file()).mode & 0o777).toBe(0o600);
  });

  it('keeps the mode of an existing file (and warns when others can read it)', async () => {
    write('a:x\n', 'passwd', 0o640);
    chmodSync(file(), 0o640);
    expect((await mqtk(['passwd', '-b', '-H', 'sha512', file(), 'b', 'pw'])).stderr).toBe('');
    expect(statSync(file()).mode & 0o777).toBe(0o640);
    chmodSync(file(), 0o644);
    const r = await mqtk(['passwd', '-b', '-H', 'sha512', file(), 'c', 'pw']);
    expect(statSync(file()).mode & 0o777).toBe(0o644);
    expect(r.stderr).toBe(
      `Warning: File ${file()} has world readable permissions. Future versions of mosquitto will refuse to load this file.\nTo fix this, use \`chmod o-rwx ${file()}\`.\n`,
    );
  });

  it.skipIf(process.getuid?.() !== 0)('keeps the owner and group of an existing file (when run as root)', async () => {
    write('a:x\n');
    chownSync(file(), 4321, 4322);
    expect((await mqtk(['passwd', '-b', '-H', 'sha512', file(), 'b', 'pw'])).status).toBe(0);
    expect(statSync(file())).toMatchObject({ uid: 4321, gid: 4322 });
  });

  it('refuses to write through a symbolic link; --follow-symlinks writes the target and keeps the link', async () => {
    write('a:x\n', 'target');
    symlinkSync('target', file());
    const refused = await mqtk(['passwd', '-b', '-H', 'sha512', file(), 'b', 'pw']);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toBe(`Error: ${file()} is a symbolic link; mqtk does not write through symbolic links unless --follow-symlinks is given.\n`);
    expect(read('target')).toBe('a:x\n');
    expect((await mqtk(['passwd', '--follow-symlinks', '-b', '-H', 'sha512', file(), 'b', 'pw'])).status).toBe(0);
    expect(lstatSync(file()).isSymbolicLink()).toBe(true);
    expect(read('target')).toMatch(/^a:x\nb:\$6\$/);
  });
});

describe('failures leave the file as it was', () => {
  it('a missing file without -c is an error, and nothing is created', async () => {
    const r = await mqtk(['passwd', '-b', file(), 'alice', 'pw']);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`Error: Unable to open password file ${file()}. No such file or directory.\n`);
    expect(existsSync(file())).toBe(false);
  });

  it('deleting an unknown user warns, exits 1 and does not rewrite the file', async () => {
    write('a:x\n');
    const before = statSync(file());
    const r = await mqtk(['passwd', '-D', file(), 'nobody']);
    expect(r).toMatchObject({ status: 1, stderr: 'Warning: User nobody not found in password file.\n' });
    expect(statSync(file()).ino).toBe(before.ino);
    expect(read()).toBe('a:x\n');
  });

  it('a failed write (directory not writable) leaves the original intact and no temp file', (ctx) => {
    // Root ignores permission bits, so as root run mqtk as nobody.
    const asNobody = process.getuid?.() === 0 ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'] : [];
    if (asNobody.length > 0 && spawnSync(asNobody[0]!, [...asNobody.slice(1), 'true']).status !== 0) ctx.skip();
    const sub = join(dir, 'ro');
    chmodSync(dir, 0o755);
    spawnSync('sh', ['-c', `mkdir "${sub}" && printf 'a:x\\n' > "${sub}/passwd" && chmod 666 "${sub}/passwd" && chmod 555 "${sub}"`]);
    const [cmd, ...args] = [...asNobody, MQTK, 'passwd', '-b', '-H', 'sha512', join(sub, 'passwd'), 'b', 'pw'];
    const r = spawnSync(cmd!, args, { encoding: 'utf8' });
    chmodSync(sub, 0o755);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`Error: Unable to write password file ${join(sub, 'passwd')}. Permission denied. The original file is unchanged.\n`);
    expect(readFileSync(join(sub, 'passwd'), 'utf8')).toBe('a:x\n');
    expect(readdirSync(sub)).toEqual(['passwd']);
  });
});
