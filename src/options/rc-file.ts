// The default options file of a command, parsed as argv before the command line (so
// command-line values win); same syntax as mosquitto's ~/.config/mosquitto_pub. Lookup:
//   1. $XDG_CONFIG_HOME/mqtk/<cmd>, or ~/.config/mqtk/<cmd> when XDG_CONFIG_HOME is unset;
//   2. if that file does not exist, mosquitto's own file for pub, sub and rr:
//      $XDG_CONFIG_HOME/mosquitto_<cmd>, or ~/.config/mosquitto_<cmd> (client_shared.c),
//      so a mosquitto user's defaults carry over.
// The only I/O in options/.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseOptionsFile } from './parse.js';

/** Commands whose mosquitto counterpart reads a default options file of the same syntax. */
const MOSQUITTO_TOOLS: Readonly<Record<string, string>> = { pub: 'mosquitto_pub', sub: 'mosquitto_sub', rr: 'mosquitto_rr' };

function configDir(env: NodeJS.ProcessEnv): string | undefined {
  if (env.XDG_CONFIG_HOME) return env.XDG_CONFIG_HOME;
  if (env.HOME) return join(env.HOME, '.config');
  return undefined;
}

/** The files tried for `command`, in order. */
export function rcFilePaths(command: string, env: NodeJS.ProcessEnv): string[] {
  const dir = configDir(env);
  if (dir === undefined) return [];
  const tool = Object.hasOwn(MOSQUITTO_TOOLS, command) ? MOSQUITTO_TOOLS[command] : undefined;
  return [join(dir, 'mqtk', command), ...(tool ? [join(dir, tool)] : [])];
}

/** argv tokens from the first options file that exists, or [] when there is none. */
export function readRcFile(command: string, env: NodeJS.ProcessEnv): string[] {
  for (const path of rcFilePaths(command, env)) {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (err) {
      // Only a missing file passes on to the next; one that exists but cannot be read is
      // skipped without a word, as mosquitto does (it ignores a failed fopen).
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') continue;
      return [];
    }
    return parseOptionsFile(text);
  }
  return [];
}
