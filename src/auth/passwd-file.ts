// A password file as a list of lines that serialises back to the very same bytes: each
// line keeps its raw bytes and its own line ending, so rewriting a file changes only the
// lines that were meant to change (comments, unknown lines, CRLF and odd encodings survive).
import { Buffer } from 'node:buffer';
import { parsePasswdLine, type PasswdLine } from './passwd-line.js';

/** Each line keeps its own ending; '\r' alone is an old Mac file's, kept so no line is merged. */
export type LineEnding = '' | '\n' | '\r\n' | '\r';

export interface PasswdFileLine {
  /** 1-based, as in messages. */
  lineNo: number;
  /** The line's bytes without its line ending. */
  raw: Buffer;
  eol: LineEnding;
  line: PasswdLine;
}

const LF = 0x0a;
const CR = 0x0d;

/** The end of the line starting at `start`: the index of its first CR or LF, or the buffer's length. */
function lineEnd(buf: Buffer, start: number): number {
  for (let i = start; i < buf.length; i++) if (buf[i] === LF || buf[i] === CR) return i;
  return buf.length;
}

export function parsePasswdFile(data: Uint8Array): PasswdFileLine[] {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const lines: PasswdFileLine[] = [];
  let start = 0;
  while (start < buf.length) {
    const end = lineEnd(buf, start);
    const eol: LineEnding = end === buf.length ? '' : buf[end] === LF ? '\n' : buf[end + 1] === LF ? '\r\n' : '\r';
    const raw = Buffer.from(buf.subarray(start, end));
    lines.push({ lineNo: lines.length + 1, raw, eol, line: parsePasswdLine(raw.toString('utf8')) });
    start = end + eol.length;
  }
  return lines;
}

export function serializePasswdFile(lines: readonly PasswdFileLine[]): Buffer {
  const parts: Buffer[] = [];
  for (const l of lines) parts.push(l.raw, Buffer.from(l.eol, 'latin1'));
  return Buffer.concat(parts);
}

/** The line ending new lines should use: the file's own (its first line's), else '\n'. */
export function lineEndingOf(lines: readonly PasswdFileLine[]): Exclude<LineEnding, ''> {
  const first = lines.find((l) => l.eol !== '');
  return first === undefined || first.eol === '' ? '\n' : first.eol;
}

/** A new line holding `text`; lineNo is assigned by the caller's position. */
export function makeLine(text: string, eol: LineEnding, lineNo = 0): PasswdFileLine {
  const raw = Buffer.from(text, 'utf8');
  return { lineNo, raw, eol, line: parsePasswdLine(text) };
}
