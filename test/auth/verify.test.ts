import { describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/auth/hash.js';
import { verifyPassword } from '../../src/auth/verify.js';
import { ARGON2_CLI, MOSQUITTO_PASSWD_2_0_11, PYTHON } from './vectors.js';

describe('verifyPassword', () => {
  it.each(MOSQUITTO_PASSWD_2_0_11.map((v) => [v.line.split(':')[0], v.line, v.password]))(
    'accepts the right password for %s (a line written by mosquitto_passwd 2.0.11) and refuses others',
    async (_user, line, password) => {
      expect(await verifyPassword(line, password)).toBe(true);
      expect(await verifyPassword(line, `${password}x`)).toBe(false);
      expect(await verifyPassword(line, '')).toBe(false);
    },
  );

  it('takes a bare hash as well as a user:hash line, and binary passwords', async () => {
    expect(await verifyPassword(PYTHON.sha512, PYTHON.password)).toBe(true);
    expect(await verifyPassword(`u:${PYTHON.pbkdf2}`, Buffer.from(PYTHON.password))).toBe(true);
    expect(await verifyPassword(`  u : ${PYTHON.pbkdf2Long} \r`, PYTHON.password)).toBe(true);
  });

  it('verifies an independently computed argon2id vector (reference argon2 CLI)', async () => {
    expect(await verifyPassword(ARGON2_CLI.encoded, ARGON2_CLI.password)).toBe(true);
    expect(await verifyPassword(`user:${ARGON2_CLI.encoded}`, 'example-passwore')).toBe(false);
  });

  it('takes argon2id parameters from the string, whatever they are', async () => {
    // Same salt, password and digest, other cost: verified with the cost the string names, so it fails.
    const other = ARGON2_CLI.encoded.replace('m=47104,t=1', 'm=8,t=1');
    expect(await verifyPassword(other, ARGON2_CLI.password)).toBe(false);
    const h = await hashPassword('pw', { kind: 'argon2id' });
    expect(await verifyPassword(h, 'pw')).toBe(true);
  });

  it('never matches plain text, damaged hashes or unknown kinds', async () => {
    expect(await verifyPassword('alice:secret', 'secret')).toBe(false);
    expect(await verifyPassword('alice:$7$101$abc$def', 'secret')).toBe(false);
    expect(await verifyPassword('$2b$10$abcdefghijklmnopqrstuu', 'secret')).toBe(false);
    expect(await verifyPassword('# a comment', '')).toBe(false);
    expect(await verifyPassword('', '')).toBe(false);
  });

  it('reads a user name that starts with $ as a user, not as a hash', async () => {
    expect(await verifyPassword(`$user:${PYTHON.sha512}`, PYTHON.password)).toBe(true);
  });
});
