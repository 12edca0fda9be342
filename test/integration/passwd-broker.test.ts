// Files written by `mqtk passwd` against a real mosquitto 2.0.11 broker (Debian): the right
// password connects (exit 0), a wrong one is refused (exit 5, "not authorised").
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand, skipWithoutMosquitto, startMosquitto, waitForLog, type Mosquitto } from '../helpers/mosquitto.js';
import { mqtk } from '../helpers/mqtk.js';

function publish(broker: Mosquitto, user: string, password: string) {
  return runCommand('mosquitto_pub', ['-h', broker.host, '-p', String(broker.port), '-u', user, '-P', password, '-t', 'passwd/test', '-m', 'hi']);
}

describe.skipIf(skipWithoutMosquitto())('mqtk passwd files on a mosquitto 2.0.11 broker', () => {
  let dir: string;
  let broker: Mosquitto;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mqtk-passwd-broker-'));
    const file = join(dir, 'passwd');
    // A file a person might keep: a comment, a blank line and a corrupt line mqtk keeps.
    writeFileSync(file, '# broker users\n\nthis line is not a user\nplain:plain-pw\n', { mode: 0o600 });
    const steps: string[][] = [
      ['-b', '-H', 'sha512-pbkdf2', file, 'pbkdf2-user', 'pbkdf2 pw!'],
      ['-b', '-H', 'sha512', file, 'sha512-user', 'sha512-pw'],
      ['-b', '-I', '5000', file, 'iter-user', 'iter:pw'],
      ['-b', '--mosquitto', '2.0', file, 'target-user', 'ünïcødé'],
      ['-U', '--mosquitto', '2.0', file],
    ];
    for (const args of steps) {
      const r = await mqtk(['passwd', ...args]);
      expect(r.status, r.stderr).toBe(0);
    }
    // Piped standard input, as a CI script would do it.
    expect((await mqtk(['passwd', '-H', 'sha512-pbkdf2', file, 'stdin-user'], { input: 'piped-pw\n' })).status).toBe(0);
    broker = await startMosquitto({ allowAnonymous: false, config: [`password_file ${file}`] });
  });

  afterAll(async () => {
    await broker?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    ['pbkdf2-user', 'pbkdf2 pw!', 'sha512-pbkdf2, 101 iterations'],
    ['sha512-user', 'sha512-pw', 'sha512'],
    ['iter-user', 'iter:pw', 'sha512-pbkdf2, -I 5000, a colon in the password'],
    ['target-user', 'ünïcødé', '--mosquitto 2.0 default, UTF-8 password'],
    ['plain', 'plain-pw', 'hashed by -U'],
    ['stdin-user', 'piped-pw', 'password piped on standard input'],
  ])('%s (%s): right password accepted, wrong one refused with exit 5', async (user, password) => {
    const ok = await publish(broker, user, password);
    expect(ok.status, ok.stderr).toBe(0);
    const bad = await publish(broker, user, `${password}x`);
    expect(bad.status).toBe(5);
    expect(bad.stderr).toContain('not authorised');
  });

  it('the broker loaded the file with the comment and the corrupt line kept in it', () => {
    const text = readFileSync(join(dir, 'passwd'), 'utf8');
    expect(text.startsWith('# broker users\n\nthis line is not a user\nplain:$7$101$')).toBe(true);
    expect(broker.log()).not.toMatch(/Unable to decode/);
  });
});

describe.skipIf(skipWithoutMosquitto())('--mosquitto 2.1 files on a 2.0 broker', () => {
  it('are refused, which is why 12-byte salts are the default (2.0 cannot decode 64-byte salts)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mqtk-passwd-broker21-'));
    const file = join(dir, 'passwd');
    let broker: Mosquitto | undefined;
    try {
      expect((await mqtk(['passwd', '-c', '-b', '-H', 'sha512-pbkdf2', '--mosquitto', '2.1', file, 'new-format', 'pw'])).status).toBe(0);
      expect(readFileSync(file, 'utf8')).toMatch(/^new-format:\$7\$1000\$[A-Za-z0-9+/]{86}==\$/);
      broker = await startMosquitto({ allowAnonymous: false, config: [`password_file ${file}`] });
      expect((await publish(broker, 'new-format', 'pw')).status).toBe(5);
      await waitForLog(broker, 'Unable to decode password salt for user new-format');
    } finally {
      await broker?.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
