// The default options file of a command: $XDG_CONFIG_HOME/mqtk/<cmd>, else
// ~/.config/mqtk/<cmd>; same syntax as mosquitto's ~/.config/mosquitto_pub. Its lines
// are parsed as argv before the command line, so command-line values win.
// The only I/O in options/.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseOptionsFile } from './parse.js';

export function rcFilePath(command: string, env: NodeJS.ProcessEnv): string | undefined {
  if (env.XDG_CONFIG_HOME) return join(env.XDG_CONFIG_HOME, 'mqtk', command);
  if (env.HOME) return join(env.HOME, '.config', 'mqtk', command);
  return undefined;
}

/** argv tokens from the command's options file, or [] when there is none. */
export function readRcFile(command: string, env: NodeJS.ProcessEnv): string[] {
  const path = rcFilePath(command, env);
  if (!path) return [];
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return [];
  }
  return parseOptionsFile(text);
}
