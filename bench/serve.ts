// npm run bench:serve — the same load against `mqtk serve` (max_inflight_messages 0), mosquitto
// (max_inflight_messages 0, set_tcp_nodelay true) and aedes, in one run, each broker in its own process:
//   fan-in:  4 publishers → 1 subscriber at QoS 0, 1 and 2 (msg/s delivered, losses)
//   fan-out: 1 publisher → 50 subscribers at QoS 0 (deliveries/s)
//   idle:    1000 idle connections (broker RSS growth per connection)
//   latency: 1 publisher at 1000 msg/s → 1 subscriber, QoS 0 (p50/p99 ms)
// Prints medians of BENCH_ROUNDS rounds and ratios to mosquitto measured in this run.
// Targets (issue 4): mqtk ≥ 1.0x mosquitto at QoS 0 and 1, ≤ 4 KiB per idle connection,
// p99 ≤ 0.5 ms at 1k msg/s, zero messages lost. Every step is bounded and stops by itself.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { QoS } from '../src/codec/types.js';
import { startMosquitto } from '../test/helpers/mosquitto.js';
import { LoadClient, until } from './serve-load.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const FAN_IN: Record<QoS, number> = { 0: Number(process.env.BENCH_FANIN_Q0 ?? 25_000), 1: Number(process.env.BENCH_FANIN_Q1 ?? 10_000), 2: Number(process.env.BENCH_FANIN_Q2 ?? 4_000) };
const FAN_OUT_MESSAGES = Number(process.env.BENCH_FANOUT ?? 2_000);
const IDLE = Number(process.env.BENCH_IDLE ?? 1000);
const LATENCY_SECONDS = Number(process.env.BENCH_LATENCY_S ?? 3);
const IDLE_SETTLE_MS = Number(process.env.BENCH_IDLE_SETTLE_MS ?? 20_000);
const ONLY_IDLE = process.env.BENCH_ONLY === 'idle';
const ROOT = join(import.meta.dirname, '..');
const PAYLOAD = Buffer.alloc(64, 'x');

interface Broker {
  name: string;
  port: number;
  pid: number;
  stop(): Promise<void>;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

function waitLine(child: ChildProcess, stream: 'stdout' | 'stderr', re: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`no ready line: ${text}`)), 10_000);
    child[stream]!.on('data', (d: Buffer) => {
      text += d.toString();
      const m = re.exec(text);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 3000).unref();
  });
}

async function startMqtk(): Promise<Broker> {
  // The same window as mosquitto gets here (both default to 20 in flight per client).
  const conf = join(mkdtempSync(join(tmpdir(), 'mqtk-bench-')), 'mqtk.conf');
  writeFileSync(conf, 'listener 0 127.0.0.1\nallow_anonymous true\nmax_inflight_messages 0\n');
  const child = spawn(join(ROOT, 'bin', 'mqtk'), ['serve', '-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
  const m = await waitLine(child, 'stderr', /ready on mqtt:\/\/127\.0\.0\.1:(\d+)/);
  return { name: 'mqtk serve', port: Number(m[1]), pid: child.pid!, stop: () => stopChild(child) };
}

async function startAedes(): Promise<Broker> {
  const child = spawn(process.execPath, [join(ROOT, 'bench', 'aedes-server.mjs'), '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const m = await waitLine(child, 'stdout', /ready (\d+)/);
  return { name: 'aedes', port: Number(m[1]), pid: child.pid!, stop: () => stopChild(child) };
}

async function startFloor(): Promise<Broker> {
  const child = spawn(process.execPath, [join(ROOT, 'bench', 'net-floor.mjs')], { stdio: ['ignore', 'pipe', 'inherit'] });
  const m = await waitLine(child, 'stdout', /ready (\d+)/);
  return { name: 'node net (floor)', port: Number(m[1]), pid: child.pid!, stop: () => stopChild(child) };
}

async function startMosq(): Promise<Broker> {
  const b = await startMosquitto({ config: ['max_inflight_messages 0', 'set_tcp_nodelay true', 'max_queued_messages 0'], quietLog: true });
  return { name: 'mosquitto', port: b.port, pid: b.pid, stop: () => b.stop() };
}

function rssKiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]);
}

let seq = 0;
const id = (what: string): string => `bench-${what}-${process.pid}-${seq++}`;

interface Throughput {
  rate: number;
  lost: number;
}

async function fanIn(port: number, qos: QoS, perPublisher: number): Promise<Throughput> {
  const topic = `fanin/${seq}`;
  const sub = await LoadClient.connect(port, id('sub'), { window: 1000 });
  await sub.subscribe(`${topic}/+`, qos);
  const pubs = await Promise.all([0, 1, 2, 3].map((i) => LoadClient.connect(port, id(`pub${i}`), { window: 100 })));
  const total = perPublisher * pubs.length;
  const start = process.hrtime.bigint();
  let end = start;
  sub.onMessage = () => {
    if (sub.received === total) end = process.hrtime.bigint();
  };
  await Promise.all(pubs.map(async (p, i) => {
    for (let n = 0; n < perPublisher; n++) await p.publish(`${topic}/${i}`, PAYLOAD, qos);
    await p.idle();
  }));
  await until(() => sub.received >= total, 30_000);
  // Anything still coming?
  await until(() => false, 100);
  // Fan-in topics are distinct per publisher and matched by one subscription: every message once.
  if (sub.received > total) throw new Error(`fan-in QoS ${qos}: ${sub.received - total} duplicate deliveries`);
  const lost = total - sub.received;
  if (end === start) end = process.hrtime.bigint();
  for (const c of [sub, ...pubs]) c.close();
  return { rate: sub.received / (Number(end - start) / 1e9), lost };
}

async function fanOut(port: number, messages: number): Promise<Throughput> {
  const topic = `fanout/${seq}`;
  const subs = await Promise.all(Array.from({ length: 50 }, () => LoadClient.connect(port, id('fo'))));
  for (const s of subs) await s.subscribe(topic, 0);
  const pub = await LoadClient.connect(port, id('fopub'));
  const total = messages * subs.length;
  let got = 0;
  let end = 0n;
  for (const s of subs) {
    s.onMessage = () => {
      if (++got === total) end = process.hrtime.bigint();
    };
  }
  const start = process.hrtime.bigint();
  for (let n = 0; n < messages; n++) await pub.publish(topic, PAYLOAD, 0);
  await until(() => got >= total, 30_000);
  await until(() => false, 100);
  if (end === 0n) end = process.hrtime.bigint();
  if (got > total) throw new Error(`fan-out: ${got - total} duplicate deliveries`);
  for (const c of [pub, ...subs]) c.close();
  return { rate: got / (Number(end - start) / 1e9), lost: total - got };
}

async function openIdle(port: number, count: number): Promise<LoadClient[]> {
  const clients: LoadClient[] = [];
  for (let i = 0; i < count; i += 50) {
    clients.push(...(await Promise.all(Array.from({ length: Math.min(50, count - i) }, () => LoadClient.connect(port, id('idle'), { keepalive: 600 })))));
  }
  return clients;
}

/**
 * RSS growth per idle connection on a fresh broker, `count` connections (after a few to
 * warm up code paths): `early` 1.5 s after they connected, `settled` the lowest of one
 * sample a second while they stay idle for IDLE_SETTLE_MS. Runtimes with a garbage
 * collector grow their heaps during the burst of connections and shrink them some seconds
 * later (V8's memory reducer), at a moment that varies from run to run; a C broker shows
 * the same number twice.
 */
async function idleMemory(broker: Broker, count: number): Promise<{ early: number; settled: number }> {
  for (const c of await openIdle(broker.port, 50)) c.close();
  await new Promise((r) => setTimeout(r, 1000));
  const before = rssKiB(broker.pid);
  const clients = await openIdle(broker.port, count);
  await new Promise((r) => setTimeout(r, 1500));
  const early = rssKiB(broker.pid);
  let settled = early;
  for (let waited = 0; waited < IDLE_SETTLE_MS; waited += 1000) {
    await new Promise((r) => setTimeout(r, 1000));
    settled = Math.min(settled, rssKiB(broker.pid));
  }
  for (const c of clients) c.close();
  await new Promise((r) => setTimeout(r, 500));
  return { early: (early - before) / count, settled: (settled - before) / count };
}

async function latency(port: number, seconds: number): Promise<{ p50: number; p99: number; lost: number }> {
  const topic = `lat/${seq}`;
  const sub = await LoadClient.connect(port, id('latsub'));
  await sub.subscribe(topic, 0);
  const pub = await LoadClient.connect(port, id('latpub'));
  const samples: number[] = [];
  sub.onMessage = (_t, payload) => {
    samples.push(Number(process.hrtime.bigint() - payload.readBigUInt64BE(0)) / 1e6);
  };
  const total = 1000 * seconds;
  const start = performance.now();
  let sent = 0;
  while (sent < total) {
    const due = Math.min(total, Math.floor(performance.now() - start));
    while (sent < due) {
      const buf = Buffer.alloc(64);
      buf.writeBigUInt64BE(process.hrtime.bigint(), 0);
      await pub.publish(topic, buf, 0);
      sent++;
    }
    await new Promise((r) => setTimeout(r, 1));
  }
  await until(() => samples.length >= total, 5000);
  sub.close();
  pub.close();
  const s = samples.sort((a, b) => a - b);
  return { p50: s[Math.floor(s.length * 0.5)] ?? NaN, p99: s[Math.floor(s.length * 0.99)] ?? NaN, lost: total - samples.length };
}

interface Row {
  fanIn0: number; fanIn1: number; fanIn2: number; fanOut: number; idleKiB: number; idleEarlyKiB: number; p50: number; p99: number; lost: number;
}

async function measure(start: () => Promise<Broker>): Promise<[string, Row]> {
  const broker = await start();
  const rows: Row[] = [];
  try {
    const idle = await idleMemory(broker, IDLE);
    for (let r = 0; r < ROUNDS && !ONLY_IDLE; r++) {
      const f0 = await fanIn(broker.port, 0, FAN_IN[0]);
      const f1 = await fanIn(broker.port, 1, FAN_IN[1]);
      const f2 = await fanIn(broker.port, 2, FAN_IN[2]);
      const fo = await fanOut(broker.port, FAN_OUT_MESSAGES);
      const lat = await latency(broker.port, LATENCY_SECONDS);
      rows.push({ fanIn0: f0.rate, fanIn1: f1.rate, fanIn2: f2.rate, fanOut: fo.rate, idleKiB: NaN, idleEarlyKiB: NaN, p50: lat.p50, p99: lat.p99, lost: f0.lost + f1.lost + f2.lost + fo.lost + lat.lost });
      process.stderr.write('.');
    }
    const pick = (k: keyof Row): number => median(rows.map((x) => x[k]));
    return [broker.name, { fanIn0: pick('fanIn0'), fanIn1: pick('fanIn1'), fanIn2: pick('fanIn2'), fanOut: pick('fanOut'), idleKiB: idle.settled, idleEarlyKiB: idle.early, p50: pick('p50'), p99: pick('p99'), lost: rows.reduce((n, x) => n + x.lost, 0) }];
  } finally {
    await broker.stop();
  }
}

async function main(): Promise<void> {
  if (spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit', cwd: ROOT }).status !== 0) throw new Error('build failed');
  console.log(`bench:serve — ${ROUNDS} rounds, medians; fan-in 4x{${FAN_IN[0]}, ${FAN_IN[1]}, ${FAN_IN[2]}} msgs at QoS 0/1/2, fan-out ${FAN_OUT_MESSAGES} x 50, ${IDLE} idle connections (RSS 1.5 s after, and lowest over ${IDLE_SETTLE_MS / 1000} s idle), ${LATENCY_SECONDS} s at 1k msg/s`);
  const results = new Map<string, Row>();
  for (const start of [startMosq, startMqtk, startAedes]) {
    const [name, row] = await measure(start);
    results.set(name, row);
  }
  // The idle-memory floor of any Node broker: a bare net server (no MQTT beyond CONNACK).
  const floor = await startFloor();
  const floorKiB = await idleMemory(floor, IDLE).finally(() => floor.stop());
  process.stderr.write('\n');
  const base = results.get('mosquitto')!;
  const k = (n: number): string => `${(n / 1000).toFixed(1)}k`;
  const ratio = (a: number, b: number): string => `${(a / b).toFixed(2)}x`;
  console.log('broker        fan-in q0        fan-in q1        fan-in q2        fan-out 1→50     idle KiB/conn (1.5 s / settled)  p50 ms  p99 ms  lost');
  for (const [name, r] of results) {
    const cell = (v: number, b: number): string => `${k(v)}/s (${ratio(v, b)})`.padEnd(17);
    console.log(
      `${name.padEnd(14)}${cell(r.fanIn0, base.fanIn0)}${cell(r.fanIn1, base.fanIn1)}${cell(r.fanIn2, base.fanIn2)}${cell(r.fanOut, base.fanOut)}` +
        `${`${r.idleEarlyKiB.toFixed(2)} / ${r.idleKiB.toFixed(2)}`.padEnd(33)}${r.p50.toFixed(3).padEnd(8)}${r.p99.toFixed(3).padEnd(8)}${r.lost}`,
    );
  }
  console.log(`node net (floor): ${floorKiB.early.toFixed(2)} / ${floorKiB.settled.toFixed(2)} KiB per idle connection (1.5 s / settled; a bare Node socket that answered CONNACK)`);
  const m = results.get('mqtk serve')!;
  const checks: Array<[string, boolean]> = [
    ['fan-in QoS 0 ≥ 1.0x mosquitto', m.fanIn0 >= base.fanIn0],
    ['fan-in QoS 1 ≥ 1.0x mosquitto', m.fanIn1 >= base.fanIn1],
    ['idle connection ≤ 4 KiB (settled)', m.idleKiB <= 4],
    ['idle connection ≤ 4 KiB (1.5 s after connecting)', m.idleEarlyKiB <= 4],
    ['p99 ≤ 0.5 ms at 1k msg/s', m.p99 <= 0.5],
    ['zero messages lost', m.lost === 0],
  ];
  for (const [what, ok] of checks) console.log(`${ok ? 'PASS' : 'MISS'}  ${what}`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
