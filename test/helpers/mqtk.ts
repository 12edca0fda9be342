// Runs the built bin/mqtk as a user would (the integration project builds it first).
import { join } from 'node:path';
import { runCommand, startCommand, type RunResult } from './mosquitto.js';

export const MQTK = join(import.meta.dirname, '..', '..', 'bin', 'mqtk');

export function mqtk(args: string[], opts: { input?: string | Buffer; timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}): Promise<RunResult> {
  return runCommand(MQTK, args, opts);
}

export function startMqtk(args: string[], opts: { env?: NodeJS.ProcessEnv; stdin?: 'pipe' | 'ignore' } = {}) {
  return startCommand(MQTK, args, opts);
}
