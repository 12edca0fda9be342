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
  examples: [
    { command: 'mqtk passwd -c /etc/mosquitto/passwd alice', describe: 'create the file with one user (asks for the password twice)' },
    { command: 'echo "$BOB_PW" | mqtk passwd /etc/mosquitto/passwd bob', describe: 'add or update a user, the password from a script' },
    { command: 'mqtk passwd -D /etc/mosquitto/passwd bob', describe: 'delete a user' },
    { command: 'mqtk passwd --check /etc/mosquitto/passwd alice', describe: 'exit 0 if the password typed matches, 1 if not' },
  ],
  options: passwdOptions,
  positionals: true,
  load: () => import('./run.js'),
  manual: () => import('./manual.js'),
};
