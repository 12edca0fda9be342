import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SymlinkRefusedError, describeFsError, readFileState, writeFileAtomic } from '../../src/term/atomic-file.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mqtk-atomic-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('writeFileAtomic', () => {
  it('replaces the file, applies the mode whatever the umask, and leaves no other file', () => {
    const f = join(dir, 'pw');
    writeFileSync(f, 'old\n');
    writeFileAtomic(f, Buffer.from('new\n'), { mode: 0o600 });
    expect(readFileSync(f, 'utf8')).toBe('new\n');
    expect(statSync(f).mode & 0o777).toBe(0o600);
    writeFileAtomic(f, Buffer.from('newer\n'), { mode: 0o640 });
    expect(statSync(f).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir)).toEqual(['pw']);
  });

  it('leaves the original intact and removes the temp file when anything fails before the rename', () => {
    const f = join(dir, 'pw');
    writeFileSync(f, 'original\n');
    let temp = '';
    expect(() =>
      writeFileAtomic(f, Buffer.from('replacement\n'), {
        mode: 0o600,
        beforeRename: (t) => {
          temp = t;
          // The temp file is complete at this point...
          expect(readFileSync(t, 'utf8')).toBe('replacement\n');
          throw Object.assign(new Error('disk gone'), { code: 'EIO' });
        },
      }),
    ).toThrow('disk gone');
    expect(temp).toMatch(/\/\.pw\.mqtk-\d+-[0-9a-z]+\.tmp$/);
    expect(readFileSync(f, 'utf8')).toBe('original\n');
    expect(readdirSync(dir)).toEqual(['pw']);
  });

  it('survives a crash between writing and renaming: the original is intact', () => {
    const f = join(dir, 'pw');
    writeFileSync(f, 'original\n');
    // A real crash: the process kills itself (SIGKILL, no cleanup) right before rename.
    const script = `
      import { writeFileAtomic } from ${JSON.stringify(join(import.meta.dirname, '../../src/term/atomic-file.ts'))};
      writeFileAtomic(${JSON.stringify(f)}, Buffer.from('replacement\\n'), { mode: 0o600, beforeRename: () => process.kill(process.pid, 'SIGKILL') });
    `;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(r.signal).toBe('SIGKILL');
    expect(readFileSync(f, 'utf8')).toBe('original\n');
    // What a crash can leave: one complete, private temp file next to it, never a half-written original.
    const leftovers = readdirSync(dir).filter((n) => n !== 'pw');
    expect(leftovers).toHaveLength(1);
    expect(readFileSync(join(dir, leftovers[0]!), 'utf8')).toBe('replacement\n');
    expect(statSync(join(dir, leftovers[0]!)).mode & 0o777).toBe(0o600);
  });

  it('fails without touching anything when the directory does not exist', () => {
    expect(() => writeFileAtomic(join(dir, 'no', 'pw'), Buffer.from('x'), { mode: 0o600 })).toThrow(expect.objectContaining({ code: 'ENOENT' }));
  });
});

describe('readFileState', () => {
  it('reads content, mode and owner, and reports a missing file', () => {
    const f = join(dir, 'pw');
    writeFileSync(f, 'a:b\n');
    chmodSync(f, 0o640);
    expect(readFileState(f, { followSymlinks: false })).toMatchObject({ exists: true, path: f, data: Buffer.from('a:b\n'), mode: 0o640 });
    expect(readFileState(join(dir, 'nope'), { followSymlinks: false })).toEqual({ exists: false, path: join(dir, 'nope') });
  });

  it('refuses symbolic links unless asked to follow them', () => {
    writeFileSync(join(dir, 'real'), 'x');
    symlinkSync('real', join(dir, 'link'));
    symlinkSync('missing', join(dir, 'dangling'));
    expect(() => readFileState(join(dir, 'link'), { followSymlinks: false })).toThrow(SymlinkRefusedError);
    expect(() => readFileState(join(dir, 'dangling'), { followSymlinks: false })).toThrow(SymlinkRefusedError);
    expect(readFileState(join(dir, 'link'), { followSymlinks: true })).toMatchObject({ exists: true, path: join(dir, 'real') });
    expect(readFileState(join(dir, 'dangling'), { followSymlinks: true })).toEqual({ exists: false, path: join(dir, 'missing') });
  });

  it('refuses a directory', () => {
    expect(() => readFileState(dir, { followSymlinks: false })).toThrow(expect.objectContaining({ code: 'EISDIR' }));
  });
});

describe('describeFsError', () => {
  it('gives strerror() text like mosquitto prints', () => {
    expect(describeFsError(Object.assign(new Error('x'), { code: 'EACCES' }))).toBe('Permission denied');
    expect(describeFsError(Object.assign(new Error('x'), { code: 'ENOSPC' }))).toBe('No space left on device');
    expect(describeFsError(new Error('something else'))).toBe('something else');
  });
});
