// Password hashing, byte for byte as mosquitto does it:
//   sha512         SHA-512(password ‖ salt)
//   sha512-pbkdf2  PBKDF2-HMAC-SHA512(password, salt, iterations), 64-byte output
//   argon2id       libargon2 with mosquitto 2.1's parameters (m=47104 KiB, t=1, p=1,
//                  64-byte salt, 64-byte output)
// argon2 is a native module: it is imported only when an argon2id hash is made or
// checked, so nothing else pays for loading it.
import { Buffer } from 'node:buffer';
import { createHash, pbkdf2, randomBytes } from 'node:crypto';
import { SHA512_DIGEST_LENGTH, formatHash, type HashKind, type ParsedHash } from './hash-format.js';

/** mosquitto 2.1's argon2id parameters (MOSQ_ARGON2_T/M/P in lib/password_mosq.c). */
export const ARGON2ID_PARAMS = {
  version: 0x13,
  memoryCost: 47104,
  timeCost: 1,
  parallelism: 1,
  saltLength: 64,
  hashLength: 64,
} as const;

/**
 * PBKDF2 defaults of mosquitto 2.0: 101 iterations with a 12-byte salt (a 2.0 broker cannot
 * decode any other salt length). 2.1's 1000 and 64 come from `mqtk passwd --mosquitto 2.1`.
 */
export const PBKDF2_ITERATIONS_2_0 = 101;
export const SALT_LENGTH_2_0 = 12;

export type PasswordInput = string | Uint8Array;

function toBytes(password: PasswordInput): Buffer {
  return typeof password === 'string' ? Buffer.from(password, 'utf8') : Buffer.from(password);
}

export function sha512Digest(password: PasswordInput, salt: Uint8Array): Buffer {
  return createHash('sha512').update(toBytes(password)).update(salt).digest();
}

export function pbkdf2Digest(password: PasswordInput, salt: Uint8Array, iterations: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    pbkdf2(toBytes(password), salt, iterations, SHA512_DIGEST_LENGTH, 'sha512', (err, key) => (err ? reject(err) : resolve(key)));
  });
}

export interface Argon2idCost {
  version: number;
  memoryCost: number;
  timeCost: number;
  parallelism: number;
  hashLength: number;
}

/** The raw argon2id output; the encoded string is built by formatHash (see below). */
export async function argon2idDigest(password: PasswordInput, salt: Uint8Array, cost: Argon2idCost): Promise<Buffer> {
  const argon2 = await import('argon2');
  return argon2.hash(toBytes(password), {
    type: argon2.argon2id,
    version: cost.version,
    memoryCost: cost.memoryCost,
    timeCost: cost.timeCost,
    parallelism: cost.parallelism,
    hashLength: cost.hashLength,
    salt: Buffer.from(salt),
    raw: true,
  });
}

export interface HashOptions {
  kind: HashKind;
  /** sha512-pbkdf2 only; default 101. */
  iterations?: number;
  /** sha512 and sha512-pbkdf2 only; 12 (default) or 64 bytes. argon2id always uses 64. */
  saltLength?: number;
  /** A fixed salt, for test vectors; normally random. */
  salt?: Uint8Array;
}

/** Hashes a password into the string that follows `user:` in a mosquitto password file. */
export async function hashPassword(password: PasswordInput, opts: HashOptions): Promise<string> {
  const saltLength = opts.kind === 'argon2id' ? ARGON2ID_PARAMS.saltLength : (opts.saltLength ?? SALT_LENGTH_2_0);
  const salt = Buffer.from(opts.salt ?? randomBytes(saltLength));
  let parsed: ParsedHash;
  switch (opts.kind) {
    case 'sha512':
      parsed = { kind: 'sha512', salt, hash: sha512Digest(password, salt) };
      break;
    case 'sha512-pbkdf2': {
      const iterations = opts.iterations ?? PBKDF2_ITERATIONS_2_0;
      parsed = { kind: 'sha512-pbkdf2', iterations, salt, hash: await pbkdf2Digest(password, salt, iterations) };
      break;
    }
    case 'argon2id': {
      // The argon2 package's own encoder writes the parameters as m,p,t; libargon2 (and so
      // mosquitto's argon2id_verify) only reads m,t,p. So take the raw hash and encode it here.
      const { version, memoryCost, timeCost, parallelism } = ARGON2ID_PARAMS;
      const hash = await argon2idDigest(password, salt, ARGON2ID_PARAMS);
      parsed = { kind: 'argon2id', version, memoryCost, timeCost, parallelism, salt, hash };
      break;
    }
  }
  return formatHash(parsed);
}
