// The files a configuration names (password_file, acl_file): read once at start-up, and a
// file that cannot be read stops the broker with one line, as in mosquitto.
import { readFileSync } from 'node:fs';
import { ConfigError } from './config.js';

export function readNamedFile(directive: 'password_file' | 'acl_file', path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(`Unable to open ${directive} "${path}": ${(err as NodeJS.ErrnoException).code ?? String(err)}.`);
  }
}
