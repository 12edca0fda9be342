// The local mosquitto picks the default hash, and root is told when the broker's user
// cannot read the file it just wrote (Debian 12: mosquitto 2.0.11 running as `mosquitto`).
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../../src/commands/passwd/run.js';
import { warnBrokerAccess } from '../../../src/commands/broker-access.js';
import { localMosquittoVersion } from '../../../src/commands/passwd/local-broker.js';
import { createTerminalStub, passwdArgs } from './terminal-stub.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mqtk-local-broker-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A stand-in `mosquitto` that prints the usage header of the given version and exits 3, as the real one does. */
function fakeMosquitto(version: string): string {
  const bin = join(dir, 'mosquitto');
  writeFileSync(bin, `#!/bin/sh\necho "mosquitto version ${version}"\necho\necho "mosquitto is an MQTT v5.0/v3.1.1/v3.1 broker."\nexit 3\n`);
  chmodSync(bin, 0o755);
  return bin;
}

describe('the default hash follows the local mosquitto', () => {
  it('reads the version from `mosquitto -h` on PATH', () => {
    fakeMosquitto('2.0.11');
    expect(localMosquittoVersion({ PATH: `/nonexistent:${dir}` })).toBe('2.0.11');
    expect(localMosquittoVersion({ PATH: '/nonexistent' })).toBeUndefined();
    expect(localMosquittoVersion({ PATH: dir, MQTK_MOSQUITTO: '' })).toBeUndefined();
  });

  it.each([
    ['2.0.11', /^alice:\$7\$101\$/, 'Note: the local mosquitto 2.0.11 cannot read argon2id hashes, so this writes sha512-pbkdf2 (-H argon2id to insist).\n'],
    ['1.6.9', /^alice:\$6\$/, 'Note: the local mosquitto 1.6.9 cannot read argon2id hashes, so this writes sha512 (-H argon2id to insist).\n'],
    ['2.1.2', /^alice:\$argon2id\$/, ''],
  ])('mosquitto %s: writes %s, saying so once', async (version, line, note) => {
    const stub = createTerminalStub();
    stub.term.env = { MQTK_MOSQUITTO: fakeMosquitto(version), MQTK_BROKER_USER: '' };
    const file = join(dir, 'pw');
    expect(await run(passwdArgs(['-c', '-b', file, 'alice', 'pw']), stub.term)).toBe(0);
    expect(readFileSync(file, 'utf8')).toMatch(line);
    expect(stub.stderr()).toBe(note);
  });

  it('leaves an explicit -H, -I or --mosquitto alone, without a note', async () => {
    for (const opt of [['-H', 'argon2id'], ['--mosquitto', '2.1'], ['-I', '5']]) {
      const stub = createTerminalStub();
      stub.term.env = { MQTK_MOSQUITTO: fakeMosquitto('2.0.11'), MQTK_BROKER_USER: '' };
      expect(await run(passwdArgs([...opt, '-c', '-b', join(dir, 'pw'), 'alice', 'pw']), stub.term)).toBe(0);
      expect(stub.stderr()).toBe('');
    }
  });
});

describe('warnBrokerAccess (run as root)', () => {
  const warned = (mode: number, env: NodeJS.ProcessEnv, uid = 0): string => {
    const file = join(dir, 'pw');
    writeFileSync(file, 'alice:x\n');
    chmodSync(file, mode);
    const stub = createTerminalStub();
    stub.term.env = env;
    stub.term.uid = uid;
    warnBrokerAccess(stub.term, file);
    return stub.stderr();
  };

  it.skipIf(process.geteuid?.() !== 0)('prints the chown that lets the broker user read a root-owned 0600 file', () => {
    const file = join(dir, 'pw');
    expect(warned(0o600, { MQTK_BROKER_USER: 'nobody' })).toBe(
      `Warning: the broker runs as user nobody, which cannot read ${file} (owner uid 0, mode 0600).\n` +
        `To fix this, use \`chown nobody:nobody ${file}\` (or \`chgrp nobody ${file} && chmod 0640 ${file}\`).\n`,
    );
  });

  it('says nothing when others may read the file, for non-root users, without the user, or with MQTK_BROKER_USER empty', () => {
    expect(warned(0o644, { MQTK_BROKER_USER: 'nobody' })).toBe('');
    expect(warned(0o600, { MQTK_BROKER_USER: 'nobody' }, 1000)).toBe('');
    expect(warned(0o600, { MQTK_BROKER_USER: 'no-such-user-mqtk' })).toBe('');
    expect(warned(0o600, { MQTK_BROKER_USER: '' })).toBe('');
  });
});
