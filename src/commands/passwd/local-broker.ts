// What the mosquitto on this machine can use. Debian 12 ships mosquitto 2.0.11, which
// drops argon2id users and, started as root, reads the password file as user
// `mosquitto`: a root-owned 0600 file written by `mqtk passwd` would lock everyone out.
// MQTK_MOSQUITTO (the broker binary to ask; empty: none) and MQTK_BROKER_USER (the user
// the broker runs as; empty: don't check) override what is looked up.
import { execFileSync } from 'node:child_process';
import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { hashForBroker, parseBrokerTarget, type HashChoice, type PasswdConfig } from '../../options/passwd.js';
import type { Terminal } from '../../term/terminal.js';

function findOnPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    try {
      accessSync(join(dir, name), constants.X_OK);
      return join(dir, name);
    } catch {
      // Not in this directory.
    }
  }
  return undefined;
}

/** "2.0.11" from `mosquitto -h` (its first line: "mosquitto version 2.0.11"), if it runs. */
export function localMosquittoVersion(env: NodeJS.ProcessEnv): string | undefined {
  const bin = env.MQTK_MOSQUITTO !== undefined ? env.MQTK_MOSQUITTO || undefined : findOnPath('mosquitto', env);
  if (bin === undefined) return undefined;
  let out: string;
  try {
    out = execFileSync(bin, ['-h'], { encoding: 'utf8', timeout: 2000, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    // mosquitto -h exits 3 after printing its usage.
    out = String((err as { stdout?: unknown }).stdout ?? '');
  }
  return /^mosquitto version (\d+\.\d+(?:\.\d+)?)/m.exec(out)?.[1];
}

/** The hash to write: as asked, or, when nothing was asked, one the local mosquitto reads (said once). */
export function hashFor(cfg: PasswdConfig, term: Terminal): HashChoice {
  if (!cfg.hashDefaulted || cfg.file === '-') return cfg.hash;
  const version = localMosquittoVersion(term.env);
  if (version === undefined) return cfg.hash;
  const target = parseBrokerTarget(version);
  if (target === '2.1') return cfg.hash;
  const choice = hashForBroker(target);
  term.stderr.write(`Note: the local mosquitto ${version} cannot read argon2id hashes, so this writes ${choice.kind} (-H argon2id to insist).\n`);
  return choice;
}

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
