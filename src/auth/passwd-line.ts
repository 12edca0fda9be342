// One line of a mosquitto password file, read the way the broker reads it: `#` starts a
// comment, blank lines are ignored, otherwise `user:value` with blanks trimmed around
// both. Anything else is corrupt; the caller keeps corrupt lines as they are (mosquitto_passwd
// 2.0 drops everything after one).
import { classifyValue, type ValueKind } from './hash-format.js';

export type PasswdLine =
  | { type: 'blank' }
  | { type: 'comment' }
  | { type: 'entry'; username: string; value: string; valueKind: ValueKind }
  | { type: 'corrupt'; reason: string };

/** mosquitto's misc__trimblanks: isspace() on both ends. */
function trimBlanks(text: string): string {
  return text.replace(/^[ \t\n\v\f\r]+|[ \t\n\v\f\r]+$/g, '');
}

/** Parses one line (without its line ending). */
export function parsePasswdLine(text: string): PasswdLine {
  const trimmed = trimBlanks(text);
  if (trimmed === '') return { type: 'blank' };
  if (trimmed.startsWith('#')) return { type: 'comment' };
  const colon = text.indexOf(':');
  if (colon < 0) return { type: 'corrupt', reason: "no ':' between user and password" };
  const username = trimBlanks(text.slice(0, colon));
  // mosquitto's strtok stops the value at a second ':'; hashes never contain one, and for
  // a plain-text password (-U) the whole rest of the line is what the user meant.
  const value = trimBlanks(text.slice(colon + 1));
  if (username === '') return { type: 'corrupt', reason: 'empty user name' };
  if (value === '') return { type: 'corrupt', reason: 'empty password' };
  return { type: 'entry', username, value, valueKind: classifyValue(value) };
}

/** `user:hash`, as mosquitto_passwd writes it. */
export function formatPasswdLine(username: string, hash: string): string {
  return `${username}:${hash}`;
}

/** The hash string in `user:hash`, or a bare hash (no hash kind contains ':'). */
export function hashOfLine(lineOrHash: string): string | undefined {
  const text = trimBlanks(lineOrHash);
  if (!text.includes(':')) return text.startsWith('$') ? text : undefined;
  const line = parsePasswdLine(text);
  return line.type === 'entry' ? line.value : undefined;
}
