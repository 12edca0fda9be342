// Reading and rewriting small secret files (password files) so that no failure loses
// data: the new content goes to a temp file in the same directory, is fsynced, and only
// then renamed over the original, so a reader sees the old file or the new one, never
// half of either. No backup copy is made, so none is left behind. Symbolic links are
// refused unless asked for (a link in a shared directory could point anywhere).
import {
  closeSync, constants, fchmodSync, fchownSync, fstatSync, fsyncSync, lstatSync, openSync, readFileSync,
  readlinkSync, realpathSync, renameSync, unlinkSync, writeSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

export interface ExistingFile {
  exists: true;
  /** Where the bytes live (the link's target when a symbolic link was followed). */
  path: string;
  data: Buffer;
  /** Permission bits (0o7777). */
  mode: number;
  uid: number;
  gid: number;
}

export type FileState = ExistingFile | { exists: false; path: string };

/** The path is a symbolic link and following links was not asked for. */
export class SymlinkRefusedError extends Error {
  readonly code = 'ESYMLINK';
  constructor(readonly path: string) {
    super(`${path} is a symbolic link`);
    this.name = 'SymlinkRefusedError';
  }
}

function errnoCode(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : undefined;
}

const STRERROR: Record<string, string> = {
  ENOENT: 'No such file or directory',
  EACCES: 'Permission denied',
  EPERM: 'Operation not permitted',
  EISDIR: 'Is a directory',
  ENOTDIR: 'Not a directory',
  ELOOP: 'Too many levels of symbolic links',
  EROFS: 'Read-only file system',
  ENOSPC: 'No space left on device',
  EDQUOT: 'Disk quota exceeded',
  EIO: 'Input/output error',
  EEXIST: 'File exists',
  EXDEV: 'Invalid cross-device link',
  EBUSY: 'Device or resource busy',
  ENAMETOOLONG: 'File name too long',
};

/** strerror()-style text for a file-system error, as mosquitto prints it. */
export function describeFsError(err: unknown): string {
  const code = errnoCode(err);
  if (code && STRERROR[code]) return STRERROR[code]!;
  return err instanceof Error ? err.message : String(err);
}

/** Reads a file if it exists. Throws SymlinkRefusedError, or the fs error. */
export function readFileState(path: string, opts: { followSymlinks: boolean }): FileState {
  let target = path;
  try {
    if (lstatSync(path).isSymbolicLink()) {
      if (!opts.followSymlinks) throw new SymlinkRefusedError(path);
      try {
        target = realpathSync(path);
      } catch (err) {
        // A dangling link: writing creates its target.
        if (errnoCode(err) === 'ENOENT') return { exists: false, path: resolve(dirname(path), readlinkSync(path)) };
        throw err;
      }
    }
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return { exists: false, path };
    throw err;
  }
  // O_NOFOLLOW: the link (if any) is resolved above; refuse one swapped in meanwhile.
  const fd = openSync(target, constants.O_RDONLY | constants.O_NOFOLLOW);
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw Object.assign(new Error(`${path} is not a regular file`), { code: st.isDirectory() ? 'EISDIR' : 'EINVAL' });
    return { exists: true, path: target, data: readFileSync(fd), mode: st.mode & 0o7777, uid: st.uid, gid: st.gid };
  } finally {
    closeSync(fd);
  }
}

export interface AtomicWriteOptions {
  /** Permission bits of the result, applied whatever the umask (new password files: 0o600). */
  mode: number;
  /** Keep this owner and group (the original file's) when the process may. */
  owner?: { uid: number; gid: number };
  /** Test hook: runs after the temp file is complete and synced, before the rename. */
  beforeRename?: (tempPath: string) => void;
}

export interface AtomicWriteResult {
  /** False when the original owner/group could not be kept (not running as root). */
  ownerKept: boolean;
}

/** Replaces `path` with `data` atomically (temp file, fsync, rename, fsync of the directory). */
export function writeFileAtomic(path: string, data: Uint8Array, opts: AtomicWriteOptions): AtomicWriteResult {
  const dir = dirname(path);
  const { temp, fd } = createTemp(dir, basename(path));
  let ownerKept = true;
  try {
    try {
      for (let off = 0; off < data.length; ) off += writeSync(fd, data, off, data.length - off);
      if (opts.owner) {
        const st = fstatSync(fd);
        if (st.uid !== opts.owner.uid || st.gid !== opts.owner.gid) {
          try {
            fchownSync(fd, opts.owner.uid, opts.owner.gid);
          } catch {
            ownerKept = false;
          }
        }
      }
      // After chown, which may clear set-id bits.
      fchmodSync(fd, opts.mode);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    opts.beforeRename?.(temp);
    renameSync(temp, path);
  } catch (err) {
    try {
      unlinkSync(temp);
    } catch {
      /* already gone */
    }
    throw err;
  }
  syncDirectory(dir);
  return { ownerKept };
}

let tempCounter = 0;

/**
 * A new private file next to the target. O_EXCL|O_NOFOLLOW make the name safe even where
 * others can write (an existing name or a planted link is an error, and the next name is
 * tried), so it needs no randomness and no node:crypto.
 */
function createTemp(dir: string, base: string): { temp: string; fd: number } {
  for (let attempt = 0; ; attempt++) {
    const temp = join(dir, `.${base}.mqtk-${process.pid}-${Date.now().toString(36)}${(tempCounter++).toString(36)}.tmp`);
    try {
      return { temp, fd: openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600) };
    } catch (err) {
      if (errnoCode(err) !== 'EEXIST' || attempt >= 100) throw err;
    }
  }
}

/** Makes the rename itself durable; some file systems cannot fsync a directory, which is fine. */
function syncDirectory(dir: string): void {
  try {
    const fd = openSync(dir, constants.O_RDONLY | constants.O_DIRECTORY);
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    /* best effort */
  }
}
