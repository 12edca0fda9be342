// What the mosquitto on this machine can use. Debian 12 ships mosquitto 2.0.11, which
// drops argon2id users (whether it can read the file: ../broker-access.ts).
// MQTK_MOSQUITTO (the broker binary to ask; empty: none) overrides what is looked up.
import { execFileSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
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
