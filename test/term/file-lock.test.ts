import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LockTimeoutError, lockPathFor, withFileLock } from '../../src/term/file-lock.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mqtk-lock-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('withFileLock', () => {
  it('runs read-modify-writes one at a time, so none is lost', async () => {
    const file = join(dir, 'counter');
    writeFileSync(file, '0');
    const bump = () => withFileLock(file, async () => {
      const n = Number(readFileSync(file, 'utf8'));
      await new Promise((r) => setTimeout(r, 5));
      writeFileSync(file, String(n + 1));
    });
    await Promise.all(Array.from({ length: 10 }, bump));
    expect(readFileSync(file, 'utf8')).toBe('10');
    expect(existsSync(lockPathFor(file))).toBe(false);
  });

  it('removes the lock when the work throws', async () => {
    const file = join(dir, 'f');
    await expect(withFileLock(file, () => {
      throw new Error('boom');
    })).rejects.toThrow('boom');
    expect(existsSync(lockPathFor(file))).toBe(false);
  });

  it('takes over a lock left by a process that is gone', async () => {
    const file = join(dir, 'f');
    // pid 2^22 + 1 is above Linux's pid_max limit, so no such process exists.
    writeFileSync(lockPathFor(file), `${2 ** 22 + 1}\n`);
    expect(await withFileLock(file, () => 'ran')).toBe('ran');
  });

  it('gives up on a lock a live process keeps holding, naming it', async () => {
    const file = join(dir, 'f');
    writeFileSync(lockPathFor(file), `${process.pid}\n`);
    const err = await withFileLock(file, () => 'ran', { timeoutMs: 50 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LockTimeoutError);
    expect((err as LockTimeoutError).message).toBe(`${lockPathFor(file)} is held by process ${process.pid}`);
  });

  it('stops waiting when beforeRetry throws (Ctrl-C)', async () => {
    const file = join(dir, 'f');
    writeFileSync(lockPathFor(file), `${process.pid}\n`);
    await expect(withFileLock(file, () => 'ran', { beforeRetry: () => {
      throw new Error('interrupted');
    } })).rejects.toThrow('interrupted');
  });
});
