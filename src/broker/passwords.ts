// password_file: mosquitto's format (user:hash per line), read once at start-up; every
// hash kind mosquitto writes (sha512, sha512-pbkdf2, argon2id) is verified by the same
// code as `mqtk passwd --check` (src/auth/verify.ts), behind a gate that keeps a flood of
// wrong passwords from locking legitimate logins out.
import { parsePasswdLine } from '../auth/passwd-line.js';
import { verifyPassword } from '../auth/verify.js';
import { readNamedFile } from './files.js';
import { PasswordGate } from './password-gate.js';
import type { ClientInfo } from './options.js';

/** user → hash, from the file's text; comments, blank and corrupt lines are skipped. */
export function parsePasswordFile(text: string): Map<string, string> {
  const users = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const parsed = parsePasswdLine(line);
    if (parsed.type === 'entry') users.set(parsed.username, parsed.value);
  }
  return users;
}

/** The password_file check; slow hashes go through a PasswordGate (see password-gate.ts). */
export function createPasswordCheck(users: Map<string, string>, allowAnonymous: boolean, gate = new PasswordGate(verifyPassword)) {
  return async (client: ClientInfo, password: Buffer | undefined, gone: () => boolean = () => false): Promise<boolean> => {
    if (client.username === undefined) return allowAnonymous;
    const hash = users.get(client.username);
    if (hash === undefined || password === undefined) return false;
    return gate.check(client.username, hash, password, client.address, gone);
  };
}

export function loadPasswordFile(path: string, allowAnonymous: boolean) {
  return createPasswordCheck(parsePasswordFile(readNamedFile('password_file', path)), allowAnonymous);
}
