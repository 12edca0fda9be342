// The three hash encodings mosquitto reads, as strings after `user:` in a password file:
//   $6$<salt>$<hash>                                  sha512 (mosquitto 1.6)
//   $7$<iterations>$<salt>$<hash>                     sha512-pbkdf2 (2.0 default)
//   $argon2id$v=19$m=<kib>,t=<passes>,p=<lanes>$<salt>$<hash>   argon2id (2.1, libargon2 layout)
// $6$/$7$ use padded base64; argon2id uses libargon2's unpadded base64. Parsing is strict
// (canonical base64, the lengths mosquitto accepts), so a damaged hash is reported rather
// than half-read. Pure: imports node:buffer only.
import { Buffer } from 'node:buffer';

export type HashKind = 'argon2id' | 'sha512-pbkdf2' | 'sha512';

/** Both SHA-512 kinds store a 64-byte digest. */
export const SHA512_DIGEST_LENGTH = 64;

/**
 * Salt lengths mosquitto accepts for $6$ and $7$: 12 bytes (written by ≤ 2.0; the only
 * length a 2.0 broker decodes) and 64 bytes (written by 2.1, which reads both).
 */
export const SHA512_SALT_LENGTHS: readonly number[] = [12, 64];

export interface Sha512Hash {
  kind: 'sha512';
  salt: Buffer;
  hash: Buffer;
}

export interface Pbkdf2Hash {
  kind: 'sha512-pbkdf2';
  iterations: number;
  salt: Buffer;
  hash: Buffer;
}

export interface Argon2idHash {
  kind: 'argon2id';
  /** 0x13 (19) for every hash written since 2016; 0x10 when the string has no v= field. */
  version: number;
  /** m, in KiB. */
  memoryCost: number;
  /** t, the number of passes. */
  timeCost: number;
  /** p, the number of lanes. */
  parallelism: number;
  salt: Buffer;
  hash: Buffer;
}

export type ParsedHash = Sha512Hash | Pbkdf2Hash | Argon2idHash;

const MAX_INT32 = 2 ** 31 - 1;

/** Decodes canonical base64 (padded or not, as asked); undefined for anything else. */
function decodeBase64(text: string, padded: boolean): Buffer | undefined {
  if (text === '' || !/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64');
  const canonical = bytes.toString('base64');
  return (padded ? canonical : canonical.replace(/=+$/, '')) === text ? bytes : undefined;
}

export function encodeBase64(bytes: Uint8Array, padded: boolean): string {
  const text = Buffer.from(bytes).toString('base64');
  return padded ? text : text.replace(/=+$/, '');
}

function positiveInt(text: string, max = MAX_INT32): number | undefined {
  if (!/^[1-9][0-9]{0,9}$/.test(text)) return undefined;
  const n = Number(text);
  return n <= max ? n : undefined;
}

function sha512Parts(saltText: string, hashText: string): { salt: Buffer; hash: Buffer } | undefined {
  const salt = decodeBase64(saltText, true);
  const hash = decodeBase64(hashText, true);
  if (!salt || !hash || !SHA512_SALT_LENGTHS.includes(salt.length) || hash.length !== SHA512_DIGEST_LENGTH) return undefined;
  return { salt, hash };
}

const ARGON2ID = /^\$argon2id\$(?:v=([0-9]+)\$)?m=([0-9]+),t=([0-9]+),p=([0-9]+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

/** Parses a hash string as mosquitto would; undefined when it is not one of the three kinds or is damaged. */
export function parseHash(text: string): ParsedHash | undefined {
  if (text.startsWith('$6$')) {
    const parts = text.slice(3).split('$');
    if (parts.length !== 2) return undefined;
    const p = sha512Parts(parts[0]!, parts[1]!);
    return p && { kind: 'sha512', ...p };
  }
  if (text.startsWith('$7$')) {
    const parts = text.slice(3).split('$');
    if (parts.length !== 3) return undefined;
    const iterations = positiveInt(parts[0]!);
    const p = sha512Parts(parts[1]!, parts[2]!);
    return iterations !== undefined && p ? { kind: 'sha512-pbkdf2', iterations, ...p } : undefined;
  }
  const m = ARGON2ID.exec(text);
  if (!m) return undefined;
  const version = m[1] === undefined ? 0x10 : Number(m[1]);
  const memoryCost = positiveInt(m[2]!, 2 ** 32 - 1);
  const timeCost = positiveInt(m[3]!, 2 ** 32 - 1);
  const parallelism = positiveInt(m[4]!, 2 ** 24 - 1);
  const salt = decodeBase64(m[5]!, false);
  const hash = decodeBase64(m[6]!, false);
  // libargon2's minimums: 8-byte salt, 4-byte output; versions 0x10 and 0x13 exist.
  if ((version !== 0x10 && version !== 0x13) || !memoryCost || !timeCost || !parallelism) return undefined;
  if (!salt || salt.length < 8 || !hash || hash.length < 4) return undefined;
  return { kind: 'argon2id', version, memoryCost, timeCost, parallelism, salt, hash };
}

/** The string mosquitto writes for this hash (argon2id in libargon2's exact layout: m, t, p). */
export function formatHash(h: ParsedHash): string {
  switch (h.kind) {
    case 'sha512':
      return `$6$${encodeBase64(h.salt, true)}$${encodeBase64(h.hash, true)}`;
    case 'sha512-pbkdf2':
      return `$7$${h.iterations}$${encodeBase64(h.salt, true)}$${encodeBase64(h.hash, true)}`;
    case 'argon2id': {
      const v = h.version === 0x10 ? '' : `v=${h.version}$`;
      return `$argon2id$${v}m=${h.memoryCost},t=${h.timeCost},p=${h.parallelism}$${encodeBase64(h.salt, false)}$${encodeBase64(h.hash, false)}`;
    }
  }
}

/**
 * What a password-file value is: one of the three hashes; something in modular-crypt
 * form (`$id$...`) that mosquitto cannot read (a damaged line, or bcrypt and the like),
 * which must never be hashed again; or a plain-text password (for `-U`).
 */
export type ValueKind = { type: 'hash'; hash: ParsedHash } | { type: 'unreadable-hash' } | { type: 'plain' };

export function classifyValue(value: string): ValueKind {
  const hash = parseHash(value);
  if (hash) return { type: 'hash', hash };
  if (/^\$[A-Za-z0-9-]+\$/.test(value)) return { type: 'unreadable-hash' };
  return { type: 'plain' };
}
