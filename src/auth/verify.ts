// Checks a password against a password-file line or hash, as the mosquitto broker does.
// Shared by `mqtk passwd --check` and the broker (`mqtk serve`), so it knows nothing of
// the CLI: no messages, no I/O, just true or false.
import { Buffer } from 'node:buffer';
import { timingSafeEqual } from 'node:crypto';
import { parseHash, type ParsedHash } from './hash-format.js';
import { argon2idDigest, pbkdf2Digest, sha512Digest, type PasswordInput } from './hash.js';
import { hashOfLine } from './passwd-line.js';

function sameBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Verifies against an already parsed hash. */
export async function verifyParsedHash(hash: ParsedHash, password: PasswordInput): Promise<boolean> {
  switch (hash.kind) {
    case 'sha512':
      return sameBytes(sha512Digest(password, hash.salt), hash.hash);
    case 'sha512-pbkdf2':
      return sameBytes(await pbkdf2Digest(password, hash.salt, hash.iterations), hash.hash);
    case 'argon2id':
      // Like argon2id_verify: the parameters come from the string, whatever they are.
      return sameBytes(await argon2idDigest(password, hash.salt, { ...hash, hashLength: hash.hash.length }), hash.hash);
  }
}

/**
 * True when `password` matches `lineOrHash` (`user:hash` or a bare hash). A plain-text
 * value, a damaged hash or an unknown kind never matches: mosquitto refuses them too.
 */
export async function verifyPassword(lineOrHash: string, password: PasswordInput): Promise<boolean> {
  const text = hashOfLine(lineOrHash);
  const hash = text === undefined ? undefined : parseHash(text);
  if (!hash) return false;
  return verifyParsedHash(hash, typeof password === 'string' ? password : Buffer.from(password));
}
