import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lineEndingOf, parsePasswdFile, serializePasswdFile } from '../../src/auth/passwd-file.js';
import { formatPasswdLine, parsePasswdLine } from '../../src/auth/passwd-line.js';
import { PYTHON } from './vectors.js';

describe('parsePasswdLine', () => {
  it('reads lines the way the mosquitto broker does', () => {
    expect(parsePasswdLine('')).toEqual({ type: 'blank' });
    expect(parsePasswdLine(' \t ')).toEqual({ type: 'blank' });
    expect(parsePasswdLine('# alice:secret')).toEqual({ type: 'comment' });
    expect(parsePasswdLine('   # indented')).toEqual({ type: 'comment' });
    expect(parsePasswdLine(`alice:${PYTHON.sha512}`)).toMatchObject({ type: 'entry', username: 'alice', value: PYTHON.sha512, valueKind: { type: 'hash' } });
    // Blanks around both fields are trimmed (misc__trimblanks).
    expect(parsePasswdLine(' alice : pw \r')).toMatchObject({ type: 'entry', username: 'alice', value: 'pw', valueKind: { type: 'plain' } });
  });

  it('keeps everything after the first colon as the value', () => {
    expect(parsePasswdLine('u:p:w')).toMatchObject({ type: 'entry', username: 'u', value: 'p:w' });
  });

  it('reports corrupt lines with a reason', () => {
    expect(parsePasswdLine('no colon here')).toEqual({ type: 'corrupt', reason: "no ':' between user and password" });
    expect(parsePasswdLine(':pw')).toEqual({ type: 'corrupt', reason: 'empty user name' });
    expect(parsePasswdLine('alice:  ')).toEqual({ type: 'corrupt', reason: 'empty password' });
  });

  it('formats user:hash', () => {
    expect(formatPasswdLine('alice', PYTHON.sha512)).toBe(`alice:${PYTHON.sha512}`);
  });
});

describe('parsePasswdFile / serializePasswdFile', () => {
  it('numbers lines and keeps each line ending', () => {
    const lines = parsePasswdFile(Buffer.from('# c\r\nalice:x\n\nbob:y'));
    expect(lines.map((l) => [l.lineNo, l.raw.toString(), l.eol, l.line.type])).toEqual([
      [1, '# c', '\r\n', 'comment'],
      [2, 'alice:x', '\n', 'entry'],
      [3, '', '\n', 'blank'],
      [4, 'bob:y', '', 'entry'],
    ]);
    expect(lineEndingOf(lines)).toBe('\r\n');
    expect(lineEndingOf(parsePasswdFile(Buffer.from('a:b')))).toBe('\n');
  });

  it('splits a file with CR-only line ends (old Mac) into its lines, and new lines use CR too', () => {
    const lines = parsePasswdFile(Buffer.from('alice:x\rbob:y\r'));
    expect(lines.map((l) => [l.raw.toString(), l.eol, l.line.type])).toEqual([
      ['alice:x', '\r', 'entry'],
      ['bob:y', '\r', 'entry'],
    ]);
    expect(lineEndingOf(lines)).toBe('\r');
  });

  it('round-trips any bytes exactly (invalid UTF-8, CR, NUL, no final newline)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(serializePasswdFile(parsePasswdFile(bytes)).equals(Buffer.from(bytes))).toBe(true);
      }),
      { numRuns: 500 },
    );
    const tricky = Buffer.from([0x61, 0x3a, 0xff, 0x0d, 0x0d, 0x0a, 0x0a, 0x0d, 0x00, 0x62]);
    expect(serializePasswdFile(parsePasswdFile(tricky))).toEqual(tricky);
  });
});
