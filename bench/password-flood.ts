// npm run bench:password-flood — how long a legitimate login waits for its CONNACK while
// attackers from another address try wrong passwords for a known user (issue 11), each
// costing an argon2id check. Anchor: the same login with no flood, measured in the same
// run. Every measured login is a user of its own, so none is answered from the gate's
// cache of recent successes: each costs a real argon2id verification.
// Target (issue 11): the legitimate CONNACK within 1 s under 150 and 300 attackers.
// BENCH_LOGINS (default 5) logins per phase; BENCH_ATTACKERS (default "150,300").
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { connect as tcpConnect, type Socket } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashPassword } from '../src/auth/hash.js';
import { formatPasswdLine } from '../src/auth/passwd-line.js';
import { encode } from '../src/codec/encode.js';
import { until } from './serve-load.js';

const LOGINS = Number(process.env.BENCH_LOGINS ?? 5);
const PHASES = (process.env.BENCH_ATTACKERS ?? '150,300').split(',').map(Number);
const ROOT = join(import.meta.dirname, '..');
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function startServe(users: string[]): Promise<{ child: ChildProcess; port: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'mqtk-flood-bench-'));
  const lines = await Promise.all(['alice', ...users].map(async (u) => formatPasswdLine(u, await hashPassword(`${u}-right`, { kind: 'argon2id' }))));
  writeFileSync(join(dir, 'passwd'), `${lines.join('\n')}\n`);
  writeFileSync(join(dir, 'm.conf'), `listener 0 127.0.0.1\nallow_anonymous false\npassword_file ${join(dir, 'passwd')}\n`);
  const child = spawn(join(ROOT, 'bin', 'mqtk'), ['serve', '-c', join(dir, 'm.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let text = '';
  child.stderr!.on('data', (d: Buffer) => (text += d.toString()));
  await until(() => /ready on mqtt:\/\/127\.0\.0\.1:\d+/.test(text) || child.exitCode !== null, 10_000);
  const m = /ready on mqtt:\/\/127\.0\.0\.1:(\d+)/.exec(text);
  if (!m) throw new Error(`mqtk serve did not start: ${text}`);
  return { child, port: Number(m[1]) };
}

/** CONNECT as `user` from `localAddress`; resolves with the CONNACK's return code (undefined: none within `ms`) and the time it took. */
function login(port: number, user: string, password: string, localAddress: string, ms: number): Promise<{ code: number | undefined; why: string; ms: number; socket: Socket }> {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const socket = tcpConnect({ port, host: '127.0.0.1', localAddress });
    let connected = false;
    let connectedMs = NaN;
    const done = (code: number | undefined, why = ''): void => {
      clearTimeout(timer);
      resolve({ code, why: why && `${why} (TCP connect after ${connectedMs.toFixed(0)} ms)`, ms: Number(process.hrtime.bigint() - started) / 1e6, socket });
    };
    const timer = setTimeout(() => done(undefined, connected ? 'no CONNACK in time' : 'TCP connect not done in time'), ms);
    socket.on('error', (e) => done(undefined, e.message));
    socket.once('close', () => done(undefined, connected ? 'closed without CONNACK' : 'closed before TCP connect'));
    socket.once('connect', () => (connectedMs = Number(process.hrtime.bigint() - started) / 1e6) && (connected = true) && socket.write(encode({ type: 'connect', protocolVersion: 4, clientId: `${user}-${Math.random()}`, clean: true, keepalive: 60, username: user, password: Buffer.from(password) }, 4)));
    // CONNACK is 4 bytes: 0x20 0x02 flags code.
    socket.once('data', (d: Buffer) => done(d[0] === 0x20 ? d[3] : undefined));
  });
}

/**
 * Wrong passwords for alice from 127.0.0.2, each attacker giving up after 200 ms and
 * trying again. The attackers run in a child process of their own, so that their load
 * does not delay the measured client's own event loop.
 */
function flood(port: number, attackers: number): { stop(): Promise<number> } {
  if (attackers === 0) return { stop: async () => 0 };
  const child = spawn(process.execPath, ['--import', 'tsx', import.meta.filename, 'attack', String(port), String(attackers)], { stdio: ['pipe', 'pipe', 'inherit'], cwd: ROOT });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  return {
    async stop() {
      child.stdin!.end();
      await exited;
      return Number(out.trim()) || 0;
    },
  };
}

/** The child's side: attack until stdin closes, then print the number of attempts. */
async function attack(port: number, attackers: number): Promise<void> {
  let stopped = false;
  let attempts = 0;
  process.stdin.on('data', () => {}).once('end', () => (stopped = true));
  const one = async (): Promise<void> => {
    while (!stopped) {
      const r = await login(port, 'alice', `wrong-${attempts++}`, '127.0.0.2', 200);
      r.socket.destroy();
    }
  };
  await Promise.all(Array.from({ length: attackers }, one));
  console.log(attempts);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

async function main(): Promise<void> {
  if (process.env.BENCH_SKIP_BUILD !== '1' && spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit', cwd: ROOT }).status !== 0) throw new Error('build failed');
  const phases = [0, ...PHASES];
  const users = phases.flatMap((n) => Array.from({ length: LOGINS }, (_, i) => `legit-${n}-${i}`));
  const serve = await startServe(users);
  const rows: Array<{ attackers: number; times: number[]; failed: number; attempts: number }> = [];
  try {
    for (const attackers of phases) {
      const f = flood(serve.port, attackers);
      if (attackers > 0) await sleep(3000); // let the flood fill the verification queue
      const times: number[] = [];
      let failed = 0;
      for (let i = 0; i < LOGINS; i++) {
        const user = `legit-${attackers}-${i}`;
        const r = await login(serve.port, user, `${user}-right`, '127.0.0.1', 30_000);
        r.socket.destroy();
        if (r.code === 0) times.push(r.ms);
        else {
          failed++;
          console.error(`  ${user}: ${r.code === undefined ? r.why : `CONNACK ${r.code}`} after ${r.ms.toFixed(0)} ms`);
        }
        await sleep(200);
      }
      rows.push({ attackers, times, failed, attempts: await f.stop() });
      // Let the broker finish the checks the flood left queued before the next phase.
      await sleep(2000);
    }
  } finally {
    serve.child.kill('SIGTERM');
  }
  const anchor = median(rows[0]!.times);
  console.log(`password flood, ${LOGINS} legitimate logins per phase (each a fresh argon2id check); load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  for (const r of rows) {
    const med = median(r.times);
    const max = Math.max(...r.times);
    const label = r.attackers === 0 ? 'no flood (anchor)' : `${r.attackers} attackers`;
    console.log(`  ${label.padEnd(18)} CONNACK ms: median ${med.toFixed(0)}, max ${max.toFixed(0)}; ${(med / anchor).toFixed(1)}x anchor; ${r.failed} not accepted; ${r.attempts} wrong attempts`);
  }
  const worst = Math.max(...rows.flatMap((r) => r.times));
  const refused = rows.reduce((n, r) => n + r.failed, 0);
  console.log(`target: every legitimate CONNACK within 1000 ms: ${worst < 1000 && refused === 0 ? 'met' : 'NOT met'} (worst ${worst.toFixed(0)} ms)`);
}

if (process.argv[2] === 'attack') await attack(Number(process.argv[3]), Number(process.argv[4]));
else await main();
