import { passwdOptions } from '../../options/passwd.js';
import type { CommandSpec } from '../spec.js';

export const passwdCommand: CommandSpec = {
  name: 'passwd',
  summary: 'manage mosquitto password files (mosquitto_passwd compatible; argon2id by default)',
  mirrors: 'mosquitto_passwd',
  usage: [
    '[-H argon2id|sha512-pbkdf2|sha512] [-I iterations] [--mosquitto 1.6|2.0|2.1] [-c | -D] FILE USER',
    '[-H hash] [-c] -b FILE USER PASSWORD',
    '-U FILE',
    '--check [-b] FILE USER [PASSWORD]',
    '--list FILE',
    "-c - USER            (FILE '-': print the new file on standard output)",
    "[options] -- FILE USER [PASSWORD]   ('--' before a USER or PASSWORD starting with '-')",
  ],
  options: passwdOptions,
  positionals: true,
  load: () => import('./run.js'),
};
