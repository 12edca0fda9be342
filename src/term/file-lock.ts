// An exclusive lock around a read-modify-rename of a file, so that concurrent writers
// (ten `mqtk passwd -b FILE userN pw` in a loop) each see the others' changes instead
// of overwriting them. The lock is a file beside the target, created with O_EXCL and
// holding the owner's pid; a lock whose process is gone is taken over.
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** The lock stayed held by a live process for the whole wait. */
export class LockTimeoutError extends Error {
  readonly code = 'ELOCKED';
  constructor(readonly lockPath: string, readonly holder: number | undefined) {
    super(`${lockPath} is held by ${holder === undefined ? 'another process' : `process ${holder}`}`);
    this.name = 'LockTimeoutError';
  }
}

export function lockPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.mqtk-lock`);
}

function errnoCode(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : undefined;
}

const DENIED = new Set(['EACCES', 'EPERM', 'EROFS']);

function tryCreate(lockPath: string, pid: number): 'locked' | 'busy' | 'denied' {
  let fd: number;
  try {
    fd = openSync(lockPath, 'wx', 0o600);
  } catch (err) {
    const code = errnoCode(err);
    if (code === 'EEXIST') return 'busy';
    if (code !== undefined && DENIED.has(code)) return 'denied';
    throw err;
  }
  try {
    writeSync(fd, `${pid}\n`);
  } finally {
    closeSync(fd);
  }
  return 'locked';
}

function holderOf(lockPath: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(lockPath, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return errnoCode(err) === 'EPERM';
  }
}

export interface LockOptions {
  /** How long to wait for a live holder (default 30 s: hashing is the slow part). */
  timeoutMs?: number;
  /** Called before each retry; may throw to stop waiting (an interrupt). */
  beforeRetry?: () => void;
}

/**
 * Runs `fn` holding the lock for `path`; the lock is removed however `fn` ends. Where
 * the directory cannot be written, `fn` runs without the lock: it cannot replace the
 * file there either, and its own write fails with its own message.
 */
export async function withFileLock<T>(path: string, fn: () => Promise<T> | T, opts: LockOptions = {}): Promise<T> {
  const lockPath = lockPathFor(path);
  const deadline = Date.now() + (opts.timeoutMs ?? 30_000);
  for (;;) {
    const got = tryCreate(lockPath, process.pid);
    if (got === 'denied') return fn();
    if (got === 'locked') break;
    const holder = holderOf(lockPath);
    // A holder that died (SIGKILL, power loss) leaves its lock: take it over. Read the
    // pid again first, so a lock that changed hands meanwhile is not removed.
    if (holder !== undefined && !isAlive(holder) && holderOf(lockPath) === holder) {
      try {
        unlinkSync(lockPath);
      } catch (err) {
        if (errnoCode(err) !== 'ENOENT') throw err;
      }
      continue;
    }
    if (Date.now() > deadline) throw new LockTimeoutError(lockPath, holder);
    opts.beforeRetry?.();
    await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20));
  }
  try {
    return await fn();
  } finally {
    try {
      unlinkSync(lockPath);
    } catch {
      // Already gone: nothing to release.
    }
  }
}
