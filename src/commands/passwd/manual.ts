import type { Manual } from '../../options/man-page.js';

export const manual: Manual = {
  description: [
    'The file is rewritten atomically (a temporary file in the same directory, fsync, rename) under a lock (.FILE.mqtk-lock beside it), so concurrent runs each see the others\' users; comments, blank lines, lines mqtk cannot parse and the order of users are kept byte for byte, whatever the line ends (LF, CRLF or CR).',
    'The hash: argon2id, which only mosquitto 2.1 and later read, unless -H, -I or --mosquitto says otherwise, or a mosquitto older than 2.1 is installed here (found on PATH): then mqtk writes what that broker reads (sha512-pbkdf2 for 2.0, sha512 for 1.6) and says so once.',
    'Run as root where a mosquitto user exists, mqtk warns when that user cannot read the file it wrote (a root-started mosquitto reads it after dropping to that user) and prints the chown that fixes it.',
    'Without -b the password is asked for twice on the terminal (input hidden), or read from standard input when that is not a terminal (one line, or two identical lines).',
  ],
  exitStatus: [
    ['0', 'done; for --check, the password matches'],
    ['1', 'a command-line error, a file that cannot be read or written (the original is then unchanged), a user not found (-D, --check), a password that does not match (--check), an empty password'],
    ['2', 'the password and its confirmation differ'],
    ['70', 'an internal error: a bug in mqtk (please report it)'],
    ['130', 'interrupted by Ctrl-C (SIGINT) at the prompt or before the file was written; the file is unchanged'],
    ['143', 'stopped by SIGTERM before the file was written; the file is unchanged'],
  ],
  environment: [
    ['MQTK_MOSQUITTO', 'the mosquitto binary whose version picks the default hash (default: mosquitto on PATH); empty: do not look'],
    ['MQTK_BROKER_USER', 'the user the broker runs as, for the root warning (default: mosquitto); empty: no warning'],
    ['MQTK_DEBUG', 'when set, an internal error also prints its stack trace'],
  ],
  files: [
    ['FILE', 'the password file: user:hash lines, as mosquitto reads them (password_file in mosquitto.conf)'],
    ['.FILE.mqtk-lock', 'beside FILE while mqtk changes it; holds the pid of the process that does; a lock whose process is gone is taken over'],
    ['.FILE.mqtk-*.tmp', 'the new content before it is renamed over FILE; only a crash leaves one behind (mode 0600)'],
  ],
  seeAlso: ['mosquitto_passwd(1)', 'mosquitto.conf(5)', 'mqtk-serve(1)'],
};
