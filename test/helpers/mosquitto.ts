// Starts a real mosquitto (Debian package) on a free loopback port with its own config
// in a temp dir, and stops it by PID. Integration tests use it as the reference peer.
// Locally a test may skip when mosquitto is missing; with CI=true it must fail instead.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const MOSQUITTO_BIN = '/usr/sbin/mosquitto';

function which(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0 ||
    spawnSync('test', ['-x', cmd]).status === 0;
}

/** True when the mosquitto broker and clients are installed. */
export const hasMosquitto: boolean = which(MOSQUITTO_BIN) && which('mosquitto_sub') && which('mosquitto_pub');

/**
 * Use as `describe.skipIf(skipWithoutMosquitto())(...)`. In CI a missing mosquitto
 * is an error, not a reason to skip.
 */
export function skipWithoutMosquitto(): boolean {
  if (hasMosquitto) return false;
  if (process.env.CI === 'true') {
    throw new Error('mosquitto is not installed, and CI=true: integration tests must not be skipped');
  }
  return true;
}

/** A free TCP port on 127.0.0.1 (never 1883). */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const srv = createServer();
      srv.once('error', reject);
      srv.listen(0, '127.0.0.1', () => {
        const addr = srv.address();
        srv.close(() => resolve(typeof addr === 'object' && addr ? addr.port : 0));
      });
    });
    if (port !== 1883 && port !== 8883) return port;
  }
}

export interface Mosquitto {
  host: string;
  port: number;
  /** The temp dir holding mosquitto.conf and anything the test adds. */
  dir: string;
  pid: number;
  /** Broker log so far (log_type all). */
  log(): string;
  stop(): Promise<void>;
  /** kill -9: no clean shutdown, nothing saved, no DISCONNECT to anyone. */
  kill(): Promise<void>;
}

export interface MosquittoOptions {
  /** Extra mosquitto.conf lines for the listener (after `listener PORT 127.0.0.1`). */
  config?: string[];
  /** Lines before the listener (global settings). */
  global?: string[];
  /** Defaults to true. */
  allowAnonymous?: boolean;
  /** Extra files to write into the temp dir before starting: name → content. */
  files?: Record<string, string | Buffer>;
  /** Reuse this port (e.g. to restart a broker on the same address). */
  port?: number;
  /** Reuse this directory (e.g. persistence across restarts). */
  dir?: string;
  /** Log only errors and warnings (benchmarks: logging every message slows the broker). */
  quietLog?: boolean;
}

/**
 * Waits until this mosquitto has opened its listener: the log (from `logFrom` on, since a
 * reused dir appends to the old log) says "running", which it writes only after every
 * listener is bound, and the port accepts. A port that answers is not proof on its own:
 * another process may have taken the port between freePort() and mosquitto's bind.
 * (With `quietLog` the "running" line is not logged: only the port is checked.)
 */
function waitForListening(port: number, child: ChildProcess, logFile: string, logFrom: number, quiet: boolean, timeoutMs = 20_000): Promise<'listening' | 'in use'> {
  const deadline = Date.now() + timeoutMs;
  const logged = (): string => safeRead(logFile).slice(logFrom);
  return new Promise((resolve, reject) => {
    const attempt = (): void => {
      if (child.exitCode !== null || child.signalCode !== null) {
        if (/Address already in use/.test(logged())) resolve('in use');
        else reject(new Error(`mosquitto exited with ${child.exitCode ?? child.signalCode}: ${logged()}`));
        return;
      }
      if (!quiet && !/mosquitto version \S+ running/.test(logged())) {
        if (Date.now() > deadline) reject(new Error(`mosquitto did not start on ${port}: ${logged()}`));
        else setTimeout(attempt, 25);
        return;
      }
      const sock = connect(port, '127.0.0.1');
      sock.once('connect', () => {
        sock.destroy();
        resolve('listening');
      });
      sock.once('error', () => {
        sock.destroy();
        if (Date.now() > deadline) reject(new Error(`mosquitto did not listen on ${port}: ${logged()}`));
        else setTimeout(attempt, 25);
      });
    };
    attempt();
  });
}

function safeRead(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/**
 * Starts mosquitto with its own config in a temp dir. A port can be taken by another
 * process between freePort() and mosquitto's bind (or, on a restart, while the broker was
 * down): then it tries again, on a new port when none was asked for, else on the same one
 * for a while, so a busy port is not reported as a failure of the test.
 */
export async function startMosquitto(opts: MosquittoOptions = {}): Promise<Mosquitto> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const started = await startMosquittoOnce(opts);
    if (started !== 'in use') return started;
    if (Date.now() > deadline) throw new Error(`mosquitto: port ${opts.port ?? '(free)'} stayed in use`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function startMosquittoOnce(opts: MosquittoOptions): Promise<Mosquitto | 'in use'> {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'mqtk-mosq-'));
  const port = opts.port ?? (await freePort());
  for (const [name, content] of Object.entries(opts.files ?? {})) writeFileSync(join(dir, name), content);
  const logFile = join(dir, 'broker.log');
  const logFrom = safeRead(logFile).length;
  const conf = [
    // We may run as root: without this, mosquitto 2 drops privileges to 'mosquitto'
    // and then cannot read files in our temp dir.
    'user root',
    // A log file is flushed line by line (stdout to a file is block-buffered);
    // tests wait for lines such as "Sending SUBACK to <id>".
    `log_dest file ${logFile}`,
    ...(opts.quietLog ? ['log_type error', 'log_type warning', 'log_type notice'] : ['log_type all']),
    'log_timestamp false',
    ...(opts.global ?? []),
    `listener ${port} 127.0.0.1`,
    `allow_anonymous ${opts.allowAnonymous === false ? 'false' : 'true'}`,
    ...(opts.config ?? []),
    '',
  ].join('\n');
  const confFile = join(dir, 'mosquitto.conf');
  writeFileSync(confFile, conf);
  const out = openSync(join(dir, 'broker.out'), 'a');
  const child = spawn(MOSQUITTO_BIN, ['-c', confFile], { stdio: ['ignore', out, out], detached: false });
  closeSync(out); // the child has its own copy
  const pid = child.pid ?? 0;
  const state = await waitForListening(port, child, logFile, logFrom, opts.quietLog === true).catch((err: unknown) => {
    if (child.exitCode === null) child.kill('SIGKILL');
    throw err;
  });
  if (state === 'in use') {
    if (!opts.dir) rmSync(dir, { recursive: true, force: true });
    return 'in use';
  }
  let stopped = false;
  return {
    host: '127.0.0.1',
    port,
    dir,
    pid,
    log: () => safeRead(logFile),
    kill: async () => {
      if (stopped) return;
      stopped = true;
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      process.kill(pid, 'SIGKILL');
      await exited;
    },
    stop: async () => {
      if (stopped) return;
      stopped = true;
      if (child.exitCode === null) {
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        process.kill(pid, 'SIGTERM');
        const timer = setTimeout(() => {
          try {
            process.kill(pid, 'SIGKILL');
          } catch {
            /* already gone */
          }
        }, 3000);
        await exited;
        clearTimeout(timer);
      }
      if (!opts.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface RunResult {
  status: number | null;
  stdout: Buffer;
  stderr: string;
}

/** Runs a command (e.g. mosquitto_pub) to completion, feeding `input` on stdin. */
export function runCommand(cmd: string, args: string[], opts: { input?: string | Buffer; timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'], env: opts.env ?? process.env });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 20_000);
    child.once('error', reject);
    child.once('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8') });
    });
    child.stdin.on('error', () => {});
    child.stdin.end(opts.input ?? '');
  });
}

/** Starts a long-running command (e.g. mosquitto_sub) and collects its output until it exits. */
export function startCommand(cmd: string, args: string[], opts: { env?: NodeJS.ProcessEnv; stdin?: 'pipe' | 'ignore' } = {}): {
  child: ChildProcess;
  done: Promise<RunResult>;
  stdout: () => Buffer;
} {
  const child = spawn(cmd, args, { stdio: [opts.stdin ?? 'ignore', 'pipe', 'pipe'], env: opts.env ?? process.env });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout!.on('data', (d: Buffer) => out.push(d));
  child.stderr!.on('data', (d: Buffer) => err.push(d));
  const done = new Promise<RunResult>((resolve) => {
    child.once('close', (status) => resolve({ status, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8') }));
  });
  return { child, done, stdout: () => Buffer.concat(out) };
}

/**
 * Polls until `fn` returns true (e.g. a subscriber printed its SUBACK in -d output). The
 * default bound is generous: CI runs two integration files at once on two cores, and a
 * wait costs only as long as the condition takes.
 */
export async function waitFor(fn: () => boolean, timeoutMs = 20_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!fn()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * Waits until the broker's log holds `pattern`: mosquitto may write a line after the client
 * that caused it has exited, so reading the log once right after the client races it.
 */
export async function waitForLog(broker: Pick<Mosquitto, 'log'>, pattern: string | RegExp, timeoutMs = 10_000): Promise<void> {
  const found = () => (typeof pattern === 'string' ? broker.log().includes(pattern) : pattern.test(broker.log()));
  await waitFor(found, timeoutMs, `the broker to log ${String(pattern)}`);
}

/**
 * Starts a subscriber (any command) with client id `id` and waits until the broker has
 * sent it a SUBACK, so messages published afterwards reach it.
 */
export async function startSubscriber(broker: Mosquitto, cmd: string, args: string[], id: string) {
  const before = broker.log().length;
  const sub = startCommand(cmd, [...args, '-i', id]);
  await waitFor(() => broker.log().slice(before).includes(`Sending SUBACK to ${id}`), 20_000, `SUBACK to ${id}`);
  return sub;
}
