import { describe, expect, it } from 'vitest';
import { classifyValue, formatHash, parseHash } from '../../src/auth/hash-format.js';
import { ARGON2_CLI, MOSQUITTO_PASSWD_2_0_11, PYTHON } from './vectors.js';

const hashOf = (line: string): string => line.slice(line.indexOf(':') + 1);

describe('parseHash / formatHash', () => {
  it.each(MOSQUITTO_PASSWD_2_0_11.map((v) => [v.line]))('reads and rewrites %s byte for byte', (line) => {
    const parsed = parseHash(hashOf(line));
    expect(parsed).toBeDefined();
    expect(formatHash(parsed!)).toBe(hashOf(line));
  });

  it('reads the fields of a $7$ hash', () => {
    const h = parseHash(PYTHON.pbkdf2);
    expect(h).toMatchObject({ kind: 'sha512-pbkdf2', iterations: 101 });
    expect(h?.salt).toEqual(PYTHON.salt12);
    expect(h?.hash).toHaveLength(64);
  });

  it('reads 64-byte salts (mosquitto 2.1) for $7$', () => {
    const h = parseHash(PYTHON.pbkdf2Long);
    expect(h).toMatchObject({ kind: 'sha512-pbkdf2', iterations: 1000 });
    expect(h?.salt).toEqual(PYTHON.salt64);
    expect(formatHash(h!)).toBe(PYTHON.pbkdf2Long);
  });

  it('reads libargon2 encoded strings and writes them back in the m,t,p order libargon2 requires', () => {
    const h = parseHash(ARGON2_CLI.encoded);
    expect(h).toMatchObject({ kind: 'argon2id', version: 19, memoryCost: 47104, timeCost: 1, parallelism: 1 });
    expect(h?.salt).toEqual(ARGON2_CLI.salt);
    expect(h?.hash).toHaveLength(64);
    expect(formatHash(h!)).toBe(ARGON2_CLI.encoded);
  });

  it('writes unpadded base64 for argon2id and padded base64 for $6$/$7$', () => {
    const argon = formatHash(parseHash(ARGON2_CLI.encoded)!);
    expect(argon).not.toContain('=$');
    expect(argon.split('$')[4]).toHaveLength(86);
    expect(argon.split('$')[5]).toHaveLength(86);
    expect(formatHash(parseHash(PYTHON.sha512)!)).toBe(PYTHON.sha512); // the 64-byte digest keeps its '=='
    expect(PYTHON.sha512.split('$')[3]).toMatch(/==$/);
  });

  it.each([
    ['$6$MDEyMzQ1Njc4OWFi', 'no digest'],
    ['$6$MDEyMzQ1Njc4OWFi$PRV1nxzq', 'short digest'],
    ['$6$MDEyMzQ1Njc4$PRV1nxzqKWSIWdX/oOhRgJkcbMZ2TRyUjYNlW91d5i9bqZ+vHunEfY/pz2WWAEYx8YjHeB8Xnb9T/zza8xtgXg==', '9-byte salt'],
    ['$7$0$MDEyMzQ1Njc4OWFi$qou8GkBjtqb4Hlj6YnPOXV2OIvFwdpiRDRRfblO4d7d9WSiCwqBYK1ZTs0GIpEBdFKjZduon/JPxD+YfTvChqQ==', 'zero iterations'],
    ['$7$abc$MDEyMzQ1Njc4OWFi$qou8GkBjtqb4Hlj6YnPOXV2OIvFwdpiRDRRfblO4d7d9WSiCwqBYK1ZTs0GIpEBdFKjZduon/JPxD+YfTvChqQ==', 'iterations not a number'],
    ['$7$101$MDEyMzQ1Njc4OWFi$qou8GkBjtqb4Hlj6YnPOXV2OIvFwdpiRDRRfblO4d7d9WSiCwqBYK1ZTs0GIpEBdFKjZduon/JPxD+YfTvChqQ', 'digest padding missing'],
    ['$7$101$MDEy!zQ1Njc4OWFi$qou8GkBjtqb4Hlj6YnPOXV2OIvFwdpiRDRRfblO4d7d9WSiCwqBYK1ZTs0GIpEBdFKjZduon/JPxD+YfTvChqQ==', 'bad base64 character'],
    ['$argon2i$v=19$m=47104,t=1,p=1$bW9zcXVpdHRvLWFy$XwNb8Gzag9JdX/dW', 'argon2i, not argon2id'],
    ['$argon2id$v=19$m=47104,p=1,t=1$bW9zcXVpdHRvLWFy$XwNb8Gzag9JdX/dW', 'parameters in the wrong order (what the argon2 package writes)'],
    ['$argon2id$v=18$m=47104,t=1,p=1$bW9zcXVpdHRvLWFy$XwNb8Gzag9JdX/dW', 'unknown version'],
    ['$2b$10$abcdefghijklmnopqrstuu', 'bcrypt'],
    ['plain', 'plain text'],
  ])('rejects %s (%s)', (text) => {
    expect(parseHash(text)).toBeUndefined();
  });
});

describe('classifyValue', () => {
  it('tells hashes, damaged or foreign hashes, and plain text apart', () => {
    expect(classifyValue(PYTHON.sha512).type).toBe('hash');
    expect(classifyValue('$7$101$abc$def').type).toBe('unreadable-hash');
    expect(classifyValue('$2b$10$abcdefghijklmnopqrstuu').type).toBe('unreadable-hash');
    expect(classifyValue('s3cret').type).toBe('plain');
    expect(classifyValue('$ecret').type).toBe('plain');
  });
});
