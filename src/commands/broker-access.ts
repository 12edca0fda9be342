// Whether the local broker can read a file mqtk wrote as root. mosquitto started as root
// reads its password file and its plugins' files after dropping to user `mosquitto`: a
// root-owned 0600 file written by `mqtk passwd` or `mqtk ctrl dynsec init` would lock
// everyone out. MQTK_BROKER_USER (the user the broker runs as; empty: don't check)
// overrides the name.
import { readFileSync, statSync } from 'node:fs';
import type { Terminal } from '../term/terminal.js';

/** uid and gid of a user in /etc/passwd. */
function lookupUser(name: string): { uid: number; gid: number } | undefined {
  let text: string;
  try {
    text = readFileSync('/etc/passwd', 'utf8');
  } catch {
    return undefined;
  }
  for (const line of text.split('\n')) {
    const f = line.split(':');
    if (f[0] === name && f.length >= 4) return { uid: Number(f[2]), gid: Number(f[3]) };
  }
  return undefined;
}

/**
 * Run as root with a broker user present, warn when that user cannot read FILE, and print
 * the commands that fix it (a root-started mosquitto reads the file after dropping to it).
 */
export function warnBrokerAccess(term: Terminal, file: string): void {
  if (term.uid !== 0) return;
  const name = term.env.MQTK_BROKER_USER ?? 'mosquitto';
  if (name === '') return;
  const user = lookupUser(name);
  if (!user) return;
  let st;
  try {
    st = statSync(file);
  } catch {
    return;
  }
  const readable = (st.uid === user.uid && (st.mode & 0o400) !== 0) || (st.gid === user.gid && (st.mode & 0o040) !== 0) || (st.mode & 0o004) !== 0;
  if (readable) return;
  term.stderr.write(
    `Warning: the broker runs as user ${name}, which cannot read ${file} (owner uid ${st.uid}, mode ${(st.mode & 0o777).toString(8).padStart(4, '0')}).\n` +
      `To fix this, use \`chown ${name}:${name} ${file}\` (or \`chgrp ${name} ${file} && chmod 0640 ${file}\`).\n`,
  );
}
