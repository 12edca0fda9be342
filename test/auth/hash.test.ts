import * as argon2 from 'argon2';
import { describe, expect, it } from 'vitest';
import { parseHash } from '../../src/auth/hash-format.js';
import { ARGON2ID_PARAMS, hashPassword } from '../../src/auth/hash.js';
import { ARGON2_CLI, PYTHON } from './vectors.js';

describe('hashPassword', () => {
  it('sha512 is SHA-512(password ‖ salt), matching an independent vector', async () => {
    expect(await hashPassword(PYTHON.password, { kind: 'sha512', salt: PYTHON.salt12 })).toBe(PYTHON.sha512);
  });

  it('sha512-pbkdf2 is PBKDF2-HMAC-SHA512 with 64-byte output, matching independent vectors', async () => {
    expect(await hashPassword(PYTHON.password, { kind: 'sha512-pbkdf2', iterations: 101, salt: PYTHON.salt12 })).toBe(PYTHON.pbkdf2);
    expect(await hashPassword(PYTHON.password, { kind: 'sha512-pbkdf2', iterations: 1000, salt: PYTHON.salt64 })).toBe(PYTHON.pbkdf2Long);
  });

  it('argon2id matches what the reference argon2 CLI writes with mosquitto 2.1 parameters', async () => {
    expect(await hashPassword(ARGON2_CLI.password, { kind: 'argon2id', salt: ARGON2_CLI.salt })).toBe(ARGON2_CLI.encoded);
  });

  it('uses random salts of the expected sizes: 12 bytes by default, 64 when asked, 64 for argon2id', async () => {
    const a = parseHash(await hashPassword('pw', { kind: 'sha512-pbkdf2' }));
    const b = parseHash(await hashPassword('pw', { kind: 'sha512-pbkdf2' }));
    expect(a).toMatchObject({ kind: 'sha512-pbkdf2', iterations: 101 });
    expect(a?.salt).toHaveLength(12);
    expect(a?.salt.equals(b!.salt)).toBe(false);
    expect(parseHash(await hashPassword('pw', { kind: 'sha512', saltLength: 64 }))?.salt).toHaveLength(64);
    const argon = parseHash(await hashPassword('pw', { kind: 'argon2id' }));
    expect(argon).toMatchObject({ kind: 'argon2id', memoryCost: 47104, timeCost: 1, parallelism: 1 });
    expect(argon?.salt).toHaveLength(ARGON2ID_PARAMS.saltLength);
    expect(argon?.hash).toHaveLength(ARGON2ID_PARAMS.hashLength);
  });

  it('writes the exact argon2id layout mosquitto writes: $argon2id$v=19$m=47104,t=1,p=1$<86>$<86>', async () => {
    const h = await hashPassword('pw', { kind: 'argon2id' });
    expect(h).toMatch(/^\$argon2id\$v=19\$m=47104,t=1,p=1\$[A-Za-z0-9+/]{86}\$[A-Za-z0-9+/]{86}$/);
  });

  it('argon2id hashes verify with the argon2 package', async () => {
    const h = await hashPassword('correct horse', { kind: 'argon2id' });
    expect(await argon2.verify(h, 'correct horse')).toBe(true);
    expect(await argon2.verify(h, 'wrong horse')).toBe(false);
  });
});
