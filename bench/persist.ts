// npm run bench:persist — what persistence costs and what it keeps (issue 12), one run:
//   throughput: QoS 1 fan-in, 4 publishers → 1 subscriber with a persistent session, 1 KB
//     messages: mqtk serve without persistence, with --persist, with --persist --persist-sync,
//     and mosquitto with `persistence true`; ratios to persistence off and to mosquitto.
//   crash: 100 offline persistent sessions subscribed, 1,000 QoS 1 messages of 1 KB (every
//     20th retained on its own topic) at 1k msg/s, 10k msg/s and full rate; kill -9 right
//     after the last PUBACK; restart; every session drains its queue. Acknowledged messages
//     and retained messages lost (mosquitto with `persistence true` as the anchor), restart
//     time for the 100,000 queued messages against an empty store, store size against the
//     data, and store bytes written per message early and late in the queue (what those
//     bytes are is printed below the table).
// Both brokers run with the same limits: max_inflight_messages 0, max_queued_messages 0.
// BENCH_BASELINE=DIR (another mqtk checkout, built) adds its --persist rows to the same run,
// for before/after comparisons under the same load.
// Every step is bounded and stops by itself.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, readSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMosquitto } from '../test/helpers/mosquitto.js';
import { type Broker as BenchBroker, LoadClient, printChecks, runBench, until } from './serve-load.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const FAN_IN = Number(process.env.BENCH_FANIN_Q1 ?? 5_000);
const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 100);
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 1_000);
const ROOT = join(import.meta.dirname, '..');
const BASELINE = process.env.BENCH_BASELINE;
/** The limits mosquitto gets below (unlimited in-flight and queued messages), for mqtk too. */
const LIMITS = ['max_inflight_messages 0', 'max_queued_messages 0'];
const PAYLOAD = Buffer.alloc(1024, 'x');

interface Broker extends BenchBroker {
  /** ms from spawn to accepting connections. */
  startMs: number;
  kill(): Promise<void>;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', () => r()));
}

async function startMqtk(args: string[], port = 0, root = ROOT): Promise<Broker> {
  const conf = join(mkdtempSync(join(tmpdir(), 'mqtk-bench-conf-')), 'mqtk.conf');
  writeFileSync(conf, [`listener ${port} 127.0.0.1`, 'allow_anonymous true', ...LIMITS, ''].join('\n'));
  const t0 = performance.now();
  const child = spawn(join(root, 'bin', 'mqtk'), ['serve', '-c', conf, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let text = '';
  child.stderr!.on('data', (d: Buffer) => (text += d.toString()));
  if (!(await until(() => /ready on mqtt:\/\/127\.0\.0\.1:\d+/.test(text) || child.exitCode !== null, 60_000))) throw new Error('mqtk serve did not start');
  const m = /ready on mqtt:\/\/127\.0\.0\.1:(\d+)/.exec(text);
  if (!m) throw new Error(`mqtk serve did not start: ${text}`);
  const startMs = performance.now() - t0;
  return {
    name: `mqtk ${args.filter((a) => a.startsWith('--')).join(' ') || '(no persistence)'}${root === ROOT ? '' : ' (baseline)'}`, port: Number(m[1]), pid: child.pid!, startMs,
    stop: async () => {
      child.kill('SIGTERM');
      await exited(child);
    },
    kill: async () => {
      child.kill('SIGKILL');
      await exited(child);
    },
  };
}

async function startMosq(dir: string, port?: number): Promise<Broker> {
  const t0 = performance.now();
  const b = await startMosquitto({ dir, ...(port ? { port } : {}), quietLog: true, global: ['persistence true', `persistence_location ${dir}/`], config: [...LIMITS, 'set_tcp_nodelay true'] });
  return {
    name: 'mosquitto persistence true', port: b.port, pid: b.pid, startMs: performance.now() - t0, stop: () => b.stop(),
    kill: async () => {
      process.kill(b.pid, 'SIGKILL');
      await sleep(200);
    },
  };
}

let seq = 0;

async function fanIn(port: number, perPublisher: number): Promise<number> {
  const topic = `fanin/${seq++}`;
  const sub = await LoadClient.connect(port, `bench-p-sub-${seq}`, { window: 1000, clean: false });
  await sub.subscribe(`${topic}/+`, 1);
  const pubs = await Promise.all([0, 1, 2, 3].map((i) => LoadClient.connect(port, `bench-p-pub${i}-${seq}`, { window: 100 })));
  const total = perPublisher * pubs.length;
  const start = process.hrtime.bigint();
  await Promise.all(pubs.map(async (p, i) => {
    for (let n = 0; n < perPublisher; n++) await p.publish(`${topic}/${i}`, PAYLOAD, 1);
    await p.idle();
  }));
  if (!(await until(() => sub.received >= total, 60_000))) throw new Error(`fan-in: ${total - sub.received} messages lost`);
  const rate = total / (Number(process.hrtime.bigint() - start) / 1e9);
  for (const c of [sub, ...pubs]) c.close();
  return rate;
}

function dirBytes(dir: string): number {
  return readdirSync(dir).filter((f) => f.startsWith('mqtk.sqlite') || f.endsWith('.db')).reduce((n, f) => n + statSync(join(dir, f)).size, 0);
}

/** The page size in an SQLite header (offset 16, big-endian; 1 means 65,536). */
function storePageSize(file: string): number {
  const head = Buffer.alloc(18);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, head, 0, 18, 0);
  } finally {
    closeSync(fd);
  }
  const n = head.readUInt16BE(16);
  return n === 1 ? 65536 : n;
}

const wchar = (pid: number): number => Number(/wchar:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/io`, 'utf8'))![1]);

interface Crash {
  /** Page size of the store (bytes written are whole pages). */
  pageSize: number;
  rate: number;
  acked: number;
  lost: number;
  retainedLost: number;
  restartMs: number;
  emptyStartMs: number;
  storeBytes: number;
  earlyBytesPerMsg: number;
  lateBytesPerMsg: number;
}

/** 100 offline sessions, MESSAGES at `rate` (0 = full), kill -9 after the last PUBACK, restart, drain. */
async function crash(start: (dir: string, port?: number) => Promise<Broker>, rate: number): Promise<Crash> {
  const dir = mkdtempSync(join(tmpdir(), 'mqtk-bench-persist-'));
  let broker = await start(dir);
  const emptyStartMs = broker.startMs;
  const port = broker.port;
  for (let i = 0; i < SESSIONS; i += 20) {
    await Promise.all(Array.from({ length: Math.min(20, SESSIONS - i) }, async (_, j) => {
      const c = await LoadClient.connect(port, `crash-${i + j}`, { clean: false });
      await c.subscribe('crash/#', 1);
      c.close();
    }));
  }
  await sleep(300);
  const pub = await LoadClient.connect(port, 'crash-pub', { window: 100 });
  const t0 = performance.now();
  const io: number[] = [];
  const retained = Math.floor(MESSAGES / 20);
  for (let n = 0; n < MESSAGES; n++) {
    if (rate > 0) {
      const due = t0 + (n * 1000) / rate;
      if (due > performance.now() + 1) await sleep(due - performance.now());
    }
    if (n % 20 === 0) await pub.publish(`crash/r/${n / 20}`, PAYLOAD, 1, true);
    else await pub.publish(`crash/m/${n}`, PAYLOAD, 1);
    // Store bytes written: sampled around the 100th..200th and the 800th..900th message (acked).
    if (n === Math.floor(MESSAGES * 0.1) || n === Math.floor(MESSAGES * 0.2) || n === Math.floor(MESSAGES * 0.8) || n === Math.floor(MESSAGES * 0.9)) {
      await pub.idle();
      io.push(broker.name.startsWith('mqtk') ? wchar(broker.pid) : NaN);
    }
  }
  await pub.idle();
  const elapsed = (performance.now() - t0) / 1000;
  const acked = pub.acked;
  const storeBytes = dirBytes(dir);
  const pageSize = broker.name.startsWith('mqtk') ? storePageSize(join(dir, 'mqtk.sqlite')) : NaN;
  await broker.kill();
  pub.close();
  broker = await start(dir, port);
  const restartMs = broker.startMs;
  let received = 0;
  for (let i = 0; i < SESSIONS; i += 20) {
    const counts = await Promise.all(Array.from({ length: Math.min(20, SESSIONS - i) }, async (_, j) => {
      const seen = new Set<string>();
      const c = await LoadClient.connect(port, `crash-${i + j}`, { clean: false, window: 1000, onMessage: (topic) => seen.add(topic) });
      let last = -1;
      // Drained when nothing new arrives for 500 ms.
      while (seen.size !== last) {
        last = seen.size;
        await sleep(500);
      }
      c.close();
      return seen.size;
    }));
    received += counts.reduce((a, b) => a + b, 0);
  }
  const probe = await LoadClient.connect(port, 'crash-probe');
  await probe.subscribe('crash/r/#', 0);
  await until(() => false, 500);
  const retainedGot = probe.received;
  probe.close();
  await broker.stop();
  const per = (a: number, b: number, msgs: number): number => (io[b]! - io[a]!) / msgs;
  const tenth = Math.floor(MESSAGES * 0.1);
  return {
    pageSize, rate: acked / elapsed, acked, lost: acked * SESSIONS - received, retainedLost: retained - retainedGot, restartMs, emptyStartMs, storeBytes,
    earlyBytesPerMsg: per(0, 1, tenth), lateBytesPerMsg: per(2, 3, tenth),
  };
}

async function main(): Promise<void> {
  if (spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit', cwd: ROOT }).status !== 0) throw new Error('build failed');
  console.log(`bench:persist — QoS 1 fan-in 4x${FAN_IN} msgs of 1 KB to a persistent session (median of ${ROUNDS}); crash: ${SESSIONS} offline sessions x ${MESSAGES} msgs of 1 KB`);
  const brokers: Array<[string, () => Promise<Broker>]> = [
    ['mosquitto persistence true', () => startMosq(mkdtempSync(join(tmpdir(), 'mqtk-bench-mosq-')))],
    ['mqtk (no persistence)', () => startMqtk([])],
    ['mqtk --persist', () => startMqtk(['--persist', mkdtempSync(join(tmpdir(), 'mqtk-bench-persist-'))])],
    ['mqtk --persist --persist-sync', () => startMqtk(['--persist', mkdtempSync(join(tmpdir(), 'mqtk-bench-persist-')), '--persist-sync'])],
  ];
  if (BASELINE !== undefined) brokers.push(['mqtk --persist (baseline)', () => startMqtk(['--persist', mkdtempSync(join(tmpdir(), 'mqtk-bench-persist-'))], 0, BASELINE)]);
  const rates = new Map<string, number>();
  for (const [name, start] of brokers) {
    const b = await start();
    const rounds: number[] = [];
    try {
      for (let r = 0; r < ROUNDS; r++) rounds.push(await fanIn(b.port, FAN_IN));
    } finally {
      await b.stop();
    }
    rates.set(name, median(rounds));
    process.stderr.write('.');
  }
  process.stderr.write('\n');
  const mosq = rates.get('mosquitto persistence true')!;
  const off = rates.get('mqtk (no persistence)')!;
  const x = (a: number, b: number): string => `${(a / b).toFixed(2)}x`;
  console.log('QoS 1 fan-in, 1 KB             msg/s      vs persistence off   vs mosquitto persistence true');
  for (const [name, rate] of rates) console.log(`${name.padEnd(31)}${`${(rate / 1000).toFixed(1)}k`.padEnd(11)}${x(rate, off).padEnd(21)}${x(rate, mosq)}`);

  console.log(`\ncrash (kill -9 right after the last PUBACK)  achieved msg/s  acked  acked lost  retained lost  restart ms (empty)  store/data  store B/msg 10-20% / 80-90%`);
  const crashes: Array<[string, Crash]> = [];
  for (const rate of [1000, 10_000, 0]) crashes.push([`mqtk --persist, ${rate ? `${rate / 1000}k msg/s` : 'full rate'}`, await crash((dir, port) => startMqtk(['--persist', dir], port), rate)]);
  if (BASELINE !== undefined) crashes.push(['mqtk --persist (baseline), 1k msg/s', await crash((dir, port) => startMqtk(['--persist', dir], port, BASELINE), 1000)]);
  crashes.push(['mosquitto persistence true, 1k msg/s', await crash((dir, port) => startMosq(dir, port), 1000)]);
  const data = SESSIONS * MESSAGES * PAYLOAD.length;
  for (const [name, c] of crashes) {
    console.log(`${name.padEnd(45)}${c.rate.toFixed(0).padEnd(16)}${String(c.acked).padEnd(7)}${String(c.lost).padEnd(12)}${String(c.retainedLost).padEnd(15)}`
      + `${`${c.restartMs.toFixed(0)} (${c.emptyStartMs.toFixed(0)})`.padEnd(20)}${(c.storeBytes / data).toFixed(3).padEnd(12)}${c.earlyBytesPerMsg.toFixed(0)} / ${c.lateBytesPerMsg.toFixed(0)}`);
  }
  const ours = crashes.filter(([n]) => n.startsWith('mqtk') && !n.includes('(baseline)'));
  console.log(`\nstore B/msg: bytes serve wrote (write calls, /proc/PID/io wchar) per acknowledged message, for 1 KB to ${SESSIONS} sessions: the`);
  console.log(`  message once and one queue row per session (~${((PAYLOAD.length + SESSIONS * 30) / 1024).toFixed(1)} KB of rows). SQLite appends every page a commit changed to the WAL whole`);
  console.log('  (page + 24 B frame header), and a PUBACK waits for its commit, so at low rates each message is a commit of its own');
  console.log('  and costs whole pages: its message page(s), the queue rows\' leaf pages and their parent. WAL checkpoints (pages');
  console.log('  copied back into mqtk.sqlite) run when serve is idle, or once the WAL holds 64 MB. In whole pages:');
  for (const [name, c] of ours) console.log(`  ${name.padEnd(28)} ${(c.earlyBytesPerMsg / (c.pageSize + 24)).toFixed(1)} / ${(c.lateBytesPerMsg / (c.pageSize + 24)).toFixed(1)} pages of ${c.pageSize} B per message`);
  const m = ours.map(([, c]) => c);
  const checks: Array<[string, boolean]> = [
    ['acknowledged messages lost = 0 at every rate', m.every((c) => c.lost === 0)],
    ['retained messages lost = 0 at every rate', m.every((c) => c.retainedLost === 0)],
    ['QoS 1 fan-in with persistence ≥ 1.0x mosquitto persistence true', rates.get('mqtk --persist')! >= mosq],
    ['bytes written per message at 1k msg/s ≤ 10 KB', (ours[0]?.[1].lateBytesPerMsg ?? Infinity) <= 10_240],
    ['store ≤ 2x data', m.every((c) => c.storeBytes <= 2 * data)],
    [`restart with ${SESSIONS * MESSAGES} queued messages ≤ 2 s`, m.every((c) => c.restartMs <= 2000)],
    ['bytes written per message do not grow with the queue (late ≤ 1.25x early)', m.every((c) => c.lateBytesPerMsg <= 1.25 * c.earlyBytesPerMsg)],
  ];
  printChecks(checks);
}

runBench(main);
