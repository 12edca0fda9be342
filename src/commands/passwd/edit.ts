// The edits `mqtk passwd` makes to a password file, as pure functions over its lines.
// Every line that is not being changed is passed through byte for byte: comments, blank
// lines, corrupt lines, other users, and the order of all of them.
import { Buffer } from 'node:buffer';
import { lineEndingOf, makeLine, type PasswdFileLine } from '../../auth/passwd-file.js';
import { formatPasswdLine } from '../../auth/passwd-line.js';

const COLON = 0x3a;
const isBlank = (b: number | undefined): boolean => b === 0x20 || (b !== undefined && b >= 0x09 && b <= 0x0d);

function trimBytes(buf: Buffer): Buffer {
  let start = 0;
  let end = buf.length;
  while (start < end && isBlank(buf[start])) start++;
  while (end > start && isBlank(buf[end - 1])) end--;
  return buf.subarray(start, end);
}

/** The user name and value of an entry line as bytes (the file may not be UTF-8). */
export function entryBytes(raw: Buffer): { username: Buffer; value: Buffer } {
  const colon = raw.indexOf(COLON);
  return { username: trimBytes(raw.subarray(0, colon)), value: trimBytes(raw.subarray(colon + 1)) };
}

function isUser(l: PasswdFileLine, username: string): boolean {
  return l.line.type === 'entry' && l.line.username === username;
}

/** The first line of `username`, if any. */
export function findUser(lines: readonly PasswdFileLine[], username: string): PasswdFileLine | undefined {
  return lines.find((l) => isUser(l, username));
}

/** A file holding just this user (-c). */
export function createFile(username: string, hash: string): PasswdFileLine[] {
  return [makeLine(formatPasswdLine(username, hash), '\n', 1)];
}

/**
 * Sets `username`'s hash: every line of that user is replaced in place (as mosquitto_passwd
 * does with duplicates), or a line is appended. A last line without a newline gets one first,
 * so the new user does not end up glued to it.
 */
export function setUser(lines: readonly PasswdFileLine[], username: string, hash: string): { lines: PasswdFileLine[]; replaced: number } {
  const text = formatPasswdLine(username, hash);
  let replaced = 0;
  const out = lines.map((l) => {
    if (!isUser(l, username)) return l;
    replaced++;
    return makeLine(text, l.eol, l.lineNo);
  });
  if (replaced === 0) {
    const eol = lineEndingOf(lines);
    const last = out[out.length - 1];
    if (last && last.eol === '') out[out.length - 1] = { ...last, eol };
    out.push(makeLine(text, eol, out.length + 1));
  }
  return { lines: out, replaced };
}

/** Removes every line of `username`. */
export function deleteUser(lines: readonly PasswdFileLine[], username: string): { lines: PasswdFileLine[]; removed: number } {
  const out = lines.filter((l) => !isUser(l, username));
  return { lines: out, removed: lines.length - out.length };
}

export interface UpdateResult {
  lines: PasswdFileLine[];
  /** Plain-text passwords that were hashed. */
  hashed: number;
  /** Lines already holding a hash mosquitto reads: left alone (mosquitto_passwd -U hashes them again). */
  alreadyHashed: number;
  /** Line numbers of `$...$` values mosquitto cannot read: left alone too, never hashed. */
  unreadable: number[];
}

/** -U: hashes each plain-text password; `hash` gets the password's bytes as they are in the file. */
export async function hashPlainPasswords(
  lines: readonly PasswdFileLine[],
  hash: (password: Buffer) => Promise<string>,
  beforeEach: () => void = () => {},
): Promise<UpdateResult> {
  const out: PasswdFileLine[] = [];
  let hashed = 0;
  let alreadyHashed = 0;
  const unreadable: number[] = [];
  for (const l of lines) {
    if (l.line.type !== 'entry') {
      out.push(l);
      continue;
    }
    const kind = l.line.valueKind.type;
    if (kind === 'hash') alreadyHashed++;
    if (kind === 'unreadable-hash') unreadable.push(l.lineNo);
    if (kind !== 'plain') {
      out.push(l);
      continue;
    }
    beforeEach();
    const { username, value } = entryBytes(l.raw);
    const raw = Buffer.concat([username, Buffer.from(`:${await hash(value)}`)]);
    out.push({ ...makeLine(raw.toString('utf8'), l.eol, l.lineNo), raw });
    hashed++;
  }
  return { lines: out, hashed, alreadyHashed, unreadable };
}

/**
 * Warnings about a file as read: corrupt lines (kept as they are; mosquitto_passwd 2.0
 * stops at the first one and drops the rest) and users listed twice.
 */
export function fileWarnings(lines: readonly PasswdFileLine[]): string[] {
  const warnings: string[] = [];
  const seen = new Map<string, number[]>();
  for (const l of lines) {
    if (l.line.type === 'corrupt') {
      warnings.push(`Warning: Corrupt password file at line ${l.lineNo} (${l.line.reason}); the line is kept as it is.`);
    } else if (l.line.type === 'entry') {
      const at = seen.get(l.line.username) ?? [];
      at.push(l.lineNo);
      seen.set(l.line.username, at);
    }
  }
  for (const [user, at] of seen) {
    if (at.length > 1) warnings.push(`Warning: User ${user} appears on lines ${at.join(', ')}; mosquitto 2.1 refuses a file with duplicate users.`);
  }
  return warnings;
}
