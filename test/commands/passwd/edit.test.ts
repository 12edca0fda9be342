import { describe, expect, it } from 'vitest';
import { parsePasswdFile, serializePasswdFile } from '../../../src/auth/passwd-file.js';
import { createFile, deleteUser, fileWarnings, findUser, hashPlainPasswords, setUser } from '../../../src/commands/passwd/edit.js';

const H1 = '$6$MDEyMzQ1Njc4OWFi$PRV1nxzqKWSIWdX/oOhRgJkcbMZ2TRyUjYNlW91d5i9bqZ+vHunEfY/pz2WWAEYx8YjHeB8Xnb9T/zza8xtgXg==';
const H2 = '$7$101$MDEyMzQ1Njc4OWFi$qou8GkBjtqb4Hlj6YnPOXV2OIvFwdpiRDRRfblO4d7d9WSiCwqBYK1ZTs0GIpEBdFKjZduon/JPxD+YfTvChqQ==';

const lines = (text: string | Buffer) => parsePasswdFile(Buffer.from(text));
const text = (l: ReturnType<typeof lines>) => serializePasswdFile(l).toString('utf8');

describe('setUser', () => {
  it('replaces the user in place and keeps comments, blank lines, corrupt lines and order', () => {
    const before = `# users\nalice:${H1}\n\ngarbage line\nbob:${H1}\n`;
    const { lines: out, replaced } = setUser(lines(before), 'alice', H2);
    expect(replaced).toBe(1);
    expect(text(out)).toBe(`# users\nalice:${H2}\n\ngarbage line\nbob:${H1}\n`);
  });

  it('appends a new user after everything, even after a corrupt line in the middle', () => {
    const before = 'good1:x\nbad\ngood2:y\n';
    expect(text(setUser(lines(before), 'new', H1).lines)).toBe(`good1:x\nbad\ngood2:y\nnew:${H1}\n`);
  });

  it('adds the missing newline before appending (mosquitto_passwd glues the lines together)', () => {
    expect(text(setUser(lines('u:pw'), 'u2', H1).lines)).toBe(`u:pw\nu2:${H1}\n`);
  });

  it("uses the file's CRLF line endings for a new line and keeps them on replaced ones", () => {
    expect(text(setUser(lines('a:x\r\nb:y\r\n'), 'c', H1).lines)).toBe(`a:x\r\nb:y\r\nc:${H1}\r\n`);
    expect(text(setUser(lines('a:x\r\nb:y\r\n'), 'a', H1).lines)).toBe(`a:${H1}\r\nb:y\r\n`);
  });

  it('updates every line of a duplicated user, like mosquitto_passwd', () => {
    const { lines: out, replaced } = setUser(lines('a:x\nb:y\na:z\n'), 'a', H1);
    expect(replaced).toBe(2);
    expect(text(out)).toBe(`a:${H1}\nb:y\na:${H1}\n`);
  });

  it('matches the user name as mosquitto reads it (trimmed)', () => {
    expect(text(setUser(lines(' a : x\n'), 'a', H1).lines)).toBe(`a:${H1}\n`);
  });

  it('keeps bytes that are not UTF-8 in other lines', () => {
    const before = Buffer.from([...Buffer.from('caf'), 0xe9, ...Buffer.from(':x\n')]);
    const out = serializePasswdFile(setUser(lines(before), 'z', H1).lines);
    expect(out.subarray(0, before.length)).toEqual(before);
  });

  it('creates a file of one user for -c', () => {
    expect(text(createFile('solo', H1))).toBe(`solo:${H1}\n`);
  });
});

describe('deleteUser', () => {
  it('removes the user and nothing else', () => {
    const { lines: out, removed } = deleteUser(lines(`# c\na:${H1}\nbad\nb:${H2}`), 'a');
    expect(removed).toBe(1);
    expect(text(out)).toBe(`# c\nbad\nb:${H2}`);
  });

  it('reports an unknown user', () => {
    expect(deleteUser(lines('a:x\n'), 'nobody').removed).toBe(0);
  });
});

describe('hashPlainPasswords (-U)', () => {
  it('hashes plain passwords only: existing hashes are not hashed again, damaged ones are reported and kept', async () => {
    const before = `# c\nalice:plain1\nbob:${H1}\ncarol: p:w \ndave:$7$101$broken$hash\nbad line\n`;
    const seen: string[] = [];
    const result = await hashPlainPasswords(lines(before), async (pw) => {
      seen.push(pw.toString());
      return `$HASHED(${pw.toString()})`;
    });
    expect(seen).toEqual(['plain1', 'p:w']);
    expect(result).toMatchObject({ hashed: 2, alreadyHashed: 1, unreadable: [5] });
    expect(text(result.lines)).toBe(`# c\nalice:$HASHED(plain1)\nbob:${H1}\ncarol:$HASHED(p:w)\ndave:$7$101$broken$hash\nbad line\n`);
  });

  it('hashes the password bytes as they are in the file', async () => {
    const before = Buffer.from([...Buffer.from('u:caf'), 0xe9, 0x0a]);
    let got: Buffer | undefined;
    await hashPlainPasswords(lines(before), async (pw) => {
      got = pw;
      return 'h';
    });
    expect(got).toEqual(Buffer.from([...Buffer.from('caf'), 0xe9]));
  });

  it('calls beforeEach before each hash, so an interrupt can stop it', async () => {
    let calls = 0;
    await expect(
      hashPlainPasswords(lines('a:1\nb:2\n'), async () => 'h', () => {
        if (++calls === 2) throw new Error('interrupted');
      }),
    ).rejects.toThrow('interrupted');
  });
});

describe('fileWarnings / findUser', () => {
  it('names corrupt lines and duplicate users', () => {
    expect(fileWarnings(lines('a:x\nbad\n:y\na:z\n'))).toEqual([
      "Warning: Corrupt password file at line 2 (no ':' between user and password); the line is kept as it is.",
      'Warning: Corrupt password file at line 3 (empty user name); the line is kept as it is.',
      'Warning: User a appears on lines 1, 4; mosquitto 2.1 refuses a file with duplicate users.',
    ]);
    expect(fileWarnings(lines('# only a comment\n\n'))).toEqual([]);
  });

  it('finds the first line of a user', () => {
    expect(findUser(lines('# c\na:x\na:y\n'), 'a')?.lineNo).toBe(2);
    expect(findUser(lines('a:x\n'), 'b')).toBeUndefined();
  });
});
