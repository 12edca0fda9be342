// The files a configuration names (password_file, acl_file, certfile, keyfile, cafile):
// a file that cannot be read stops the broker (at start-up) with one line, as in
// mosquitto. The error keeps the file-system error so the command can word it
// ("No such file or directory"); the broker itself only knows the errno code.
import { readFileSync } from 'node:fs';
import { ConfigError } from './config.js';

export class ConfigFileError extends ConfigError {
  constructor(
    readonly directive: string,
    readonly path: string,
    override readonly cause: unknown,
  ) {
    // mosquitto's exit status: 13 when a password or ACL file cannot be opened, 1 for a TLS file.
    super(`Unable to open ${directive} "${path}": ${(cause as NodeJS.ErrnoException).code ?? String(cause)}.`, directive === 'password_file' || directive === 'acl_file' ? 13 : 1);
    this.name = 'ConfigFileError';
  }
}

export function readNamedFile(directive: string, path: string): string {
  return readNamedBytes(directive, path).toString('utf8');
}

export function readNamedBytes(directive: string, path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    throw new ConfigFileError(directive, path, err);
  }
}
