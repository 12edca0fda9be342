// Runs the built bin/mqtk as a user would (the integration project builds it first).
import { join } from 'node:path';
import { runCommand, startCommand, type RunResult } from './mosquitto.js';

export const MQTK = join(import.meta.dirname, '..', '..', 'bin', 'mqtk');

/**
 * The machine's mosquitto (2.0.11 on Debian 12) would make `mqtk passwd` default to
 * sha512-pbkdf2, and as root warn about the broker user: tests see the plain defaults
 * unless they set these themselves.
 */
export const quietPasswdEnv = { MQTK_MOSQUITTO: '', MQTK_BROKER_USER: '' };

export function mqtk(args: string[], opts: { input?: string | Buffer; timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}): Promise<RunResult> {
  return runCommand(MQTK, args, { ...opts, env: { ...quietPasswdEnv, ...(opts.env ?? process.env) } });
}

export function startMqtk(args: string[], opts: { env?: NodeJS.ProcessEnv; stdin?: 'pipe' | 'ignore' } = {}) {
  return startCommand(MQTK, args, { ...opts, env: { ...quietPasswdEnv, ...(opts.env ?? process.env) } });
}
