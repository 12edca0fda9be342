// Opening and saving the password file for `mqtk passwd`, with mosquitto_passwd's
// messages, the atomic rewrite from term/atomic-file, and the permission warnings.
import { ExitError } from '../../errors.js';
import { ExitCode } from '../../exit-codes.js';
import {
  SymlinkRefusedError, describeFsError, readFileState, writeFileAtomic, type FileState,
} from '../../term/atomic-file.js';
import { LockTimeoutError, withFileLock } from '../../term/file-lock.js';
import type { Terminal } from '../../term/terminal.js';

/** New password files are readable by their owner only, whatever the umask. */
export const NEW_FILE_MODE = 0o600;

function symlinkError(file: string): ExitError {
  return new ExitError(ExitCode.Failure, `${file} is a symbolic link; mqtk does not write through symbolic links unless --follow-symlinks is given.`);
}

/** Reads FILE; a missing file is an error unless `mayBeMissing` (-c). */
export function openPasswordFile(file: string, opts: { followSymlinks: boolean; mayBeMissing: boolean }): FileState {
  let state: FileState;
  try {
    state = readFileState(file, { followSymlinks: opts.followSymlinks });
  } catch (err) {
    if (err instanceof SymlinkRefusedError) throw symlinkError(file);
    throw new ExitError(ExitCode.Failure, `Unable to open password file ${file}. ${describeFsError(err)}.`);
  }
  if (!state.exists && !opts.mayBeMissing) {
    throw new ExitError(ExitCode.Failure, `Unable to open password file ${file}. No such file or directory.`);
  }
  return state;
}

/** mosquitto 2.1 warns about (and a later version will refuse) files others can read. */
export function warnPermissions(term: Terminal, file: string, mode: number): void {
  if ((mode & 0o007) !== 0) {
    term.stderr.write(
      `Warning: File ${file} has world readable permissions. Future versions of mosquitto will refuse to load this file.\n` +
        `To fix this, use \`chmod o-rwx ${file}\`.\n`,
    );
  }
}

/**
 * Writes the new content atomically: an existing file keeps its mode and (when allowed)
 * its owner; a new one gets 0600. On failure the original is untouched.
 */
export function savePasswordFile(term: Terminal, file: string, state: FileState, data: Buffer): void {
  const mode = state.exists ? state.mode : NEW_FILE_MODE;
  try {
    const { ownerKept } = writeFileAtomic(state.path, data, {
      mode,
      ...(state.exists ? { owner: { uid: state.uid, gid: state.gid } } : {}),
    });
    if (!ownerKept) term.stderr.write(`Warning: Could not keep the owner of ${file}; it now belongs to the current user.\n`);
  } catch (err) {
    const kept = state.exists ? ' The original file is unchanged.' : '';
    throw new ExitError(ExitCode.Failure, `Unable to write password file ${file}. ${describeFsError(err)}.${kept}`);
  }
  warnPermissions(term, file, mode);
}

/**
 * Runs a read-modify-rename of FILE holding its lock (`.FILE.mqtk-lock` beside it), so
 * concurrent runs each read the file as the previous one left it: `edit` must read FILE
 * itself. `guard.check` runs while waiting, so Ctrl-C stops the wait.
 */
export async function withPasswordFileLock<T>(file: string, guard: { check(): void } | undefined, edit: () => T | Promise<T>): Promise<T> {
  try {
    return await withFileLock(file, () => {
      guard?.check();
      return edit();
    }, { beforeRetry: () => guard?.check() });
  } catch (err) {
    if (err instanceof LockTimeoutError) {
      throw new ExitError(ExitCode.Failure, `Unable to lock password file ${file}: ${err.message}; if no mqtk passwd is running, remove ${err.lockPath}.`);
    }
    if (err instanceof ExitError) throw err;
    const code = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : '';
    if (code.startsWith('E')) throw new ExitError(ExitCode.Failure, `Unable to lock password file ${file}. ${describeFsError(err)}.`);
    throw err;
  }
}
