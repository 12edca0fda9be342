// Starts `mqtk serve` (the built bin/mqtk) on a free port with -v, waits for its "ready"
// line, and stops it with SIGTERM. Like mosquitto.ts for the real broker: tests can wait
// for log lines such as "Sending SUBACK to <id>".
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { startCommand, waitFor } from './mosquitto.js';
import { MQTK } from './mqtk.js';

export interface Serve {
  host: string;
  port: number;
  /** Every address of the ready line, e.g. ['mqtt://127.0.0.1:40000', 'ws://127.0.0.1:40001']. */
  urls: string[];
  child: ChildProcess;
  log(): string;
  /** SIGTERM (or the signal given); resolves with the exit status. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  /** SIGKILL, no clean shutdown. */
  kill(): Promise<void>;
}

/**
 * Starts serve and waits for its ready line. A restart on a fixed port can find the port
 * taken for a moment (by another process's ephemeral port while serve was down): then it
 * tries again for a while instead of failing the test with "address already in use".
 */
export async function startServe(args: string[] = ['-p', '0'], opts: { verbose?: boolean; cwd?: string } = {}): Promise<Serve> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const started = await startServeOnce(args, opts);
    if (started !== 'in use') return started;
    if (Date.now() > deadline) throw new Error(`mqtk serve ${args.join(' ')}: the port stayed in use`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function startServeOnce(args: string[], opts: { verbose?: boolean; cwd?: string }): Promise<Serve | 'in use'> {
  const child = spawn(MQTK, ['serve', ...args, ...(opts.verbose === false ? [] : ['-v'])], { stdio: ['ignore', 'pipe', 'pipe'], ...(opts.cwd ? { cwd: opts.cwd } : {}) });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  child.stdout!.resume();
  // 'close', not 'exit': 'exit' can come before the last stderr lines are read, and tests
  // read the whole log once serve has stopped.
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  // The ready line: text, or with --log json {"event":"ready",...,"addresses":[...]}.
  const ready = (): string[] | undefined => {
    const text = /ready on (.*)\n/.exec(err);
    if (text) return text[1]!.split(' ');
    const json = /^(\{"event":"ready".*)\n/m.exec(err);
    return json ? (JSON.parse(json[1]!) as { addresses: string[] }).addresses : undefined;
  };
  await waitFor(() => ready() !== undefined || child.exitCode !== null, 20_000, 'mqtk serve ready line');
  const urls = ready();
  if (!urls) {
    await exited; // all of stderr
    if (/address already in use/.test(err)) return 'in use';
    throw new Error(`mqtk serve did not start: ${err}`);
  }
  const first = /:\/\/(.*):(\d+)$/.exec(urls[0]!)!;
  return {
    host: first[1]!,
    port: Number(first[2]),
    urls,
    child,
    log: () => err,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
    kill: async () => {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Starts a subscriber command and waits until the broker sent it SUBACK. */
export async function startSubscriberOn(serve: Serve, cmd: string, args: string[], id: string) {
  const before = serve.log().length;
  const sub = startCommand(cmd, [...args, '-i', id]);
  await waitFor(() => serve.log().slice(before).includes(`Sending SUBACK to ${id}`), 20_000, `SUBACK to ${id}`);
  return sub;
}
