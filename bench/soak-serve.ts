// npm run soak:serve — minutes of hostile clients against `mqtk serve` (not in CI):
//   fuzzers:  SOAK_FUZZERS raw-socket clients sending mutated packets of every kind and
//             version (the codec fuzzer's edits: set, insert, delete bytes), and now and
//             then an attack from issue 11: a PINGREQ flood that never reads, a CONNECT
//             declaring 200 MB, a topic 5,000 levels deep, a QoS 1 subscriber that never
//             acknowledges; each reconnects whenever the broker drops it.
//   monitor:  one well-behaved client publishing to itself every 50 ms (round trip).
// Reports crashes (the broker process exiting), broker RSS (start / max / end) and the
// monitor's latency (p50 / p99 / max) and losses. SOAK_SECONDS (default 180) bounds it.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { connect as tcpConnect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { encode } from '../src/codec/encode.js';
import type { Packet, ProtocolVersion } from '../src/codec/types.js';
import { anyPacketArb } from '../test/codec/arbitraries.js';
import { LoadClient, until } from './serve-load.js';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 180);
const FUZZERS = Number(process.env.SOAK_FUZZERS ?? 16);
const ROOT = join(import.meta.dirname, '..');

function rssMiB(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
  } catch {
    return NaN;
  }
}

async function startServe(): Promise<{ child: ChildProcess; port: number; stderr: () => string }> {
  const conf = join(mkdtempSync(join(tmpdir(), 'mqtk-soak-')), 'mqtk.conf');
  writeFileSync(conf, 'listener 0 127.0.0.1\nallow_anonymous true\n');
  const child = spawn(join(ROOT, 'bin', 'mqtk'), ['serve', '-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
  let text = '';
  child.stderr!.on('data', (d: Buffer) => (text += d.toString()));
  if (!(await until(() => /ready on mqtt:\/\/127\.0\.0\.1:\d+/.test(text) || child.exitCode !== null, 10_000))) throw new Error(`no ready line: ${text}`);
  const m = /ready on mqtt:\/\/127\.0\.0\.1:(\d+)/.exec(text);
  if (!m) throw new Error(`mqtk serve did not start: ${text}`);
  return { child, port: Number(m[1]), stderr: () => text };
}

/** The codec fuzzer's mutation: a few bytes set, inserted or deleted. */
function mutate(bytes: Buffer): Buffer {
  const out = [...bytes];
  const edits = 1 + Math.floor(Math.random() * 4);
  for (let e = 0; e < edits; e++) {
    const i = Math.floor(Math.random() * (out.length + 1));
    const op = Math.random();
    if (op < 0.5 && i < out.length) out[i] = Math.floor(Math.random() * 256);
    else if (op < 0.75) out.splice(i, 0, Math.floor(Math.random() * 256));
    else out.splice(i, 1);
  }
  return Buffer.from(out);
}

const samples = new Map<ProtocolVersion, Packet[]>();
function somePackets(version: ProtocolVersion): Packet[] {
  let list = samples.get(version);
  if (list === undefined) samples.set(version, (list = fc.sample(anyPacketArb(version), 2000)));
  return list;
}

interface Counts {
  connections: number;
  packets: number;
  attacks: number;
}

function open(port: number): Promise<Socket | undefined> {
  return new Promise((resolve) => {
    const s = tcpConnect(port, '127.0.0.1');
    s.on('error', () => resolve(undefined));
    s.once('connect', () => resolve(s));
    s.on('data', () => {});
  });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Resolves on 'drain' or after `ms`, whichever comes first (leaving no listener behind). */
function drainOr(socket: Socket, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      socket.off('drain', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    socket.once('drain', done);
  });
}
const deep = Array.from({ length: 5000 }, () => 'd').join('/');

/** One attack of issue 11, for a few seconds at most. */
async function attack(s: Socket, version: ProtocolVersion, id: string, counts: Counts): Promise<void> {
  counts.attacks++;
  const connect = encode({ type: 'connect', protocolVersion: version, clientId: id, clean: true, keepalive: 30 }, version);
  switch (Math.floor(Math.random() * 4)) {
    case 0: { // PINGREQ flood, never reading
      s.pause();
      s.write(connect);
      const burst = Buffer.concat(Array.from({ length: 8192 }, () => encode({ type: 'pingreq' }, version)));
      for (let i = 0; i < 200 && !s.destroyed; i++) if (!s.write(burst)) await drainOr(s, 100);
      return;
    }
    case 1: // a CONNECT declaring 200 MB
      s.write(Buffer.from([0x10, 0x80, 0x80, 0xe8, 0x5f]));
      for (let i = 0; i < 50 && !s.destroyed; i++) if (!s.write(Buffer.alloc(1 << 20))) await drainOr(s, 100);
      return;
    case 2: // a will and a retained message 5,000 levels deep
      s.write(encode({ type: 'connect', protocolVersion: version, clientId: id, clean: true, keepalive: 30, will: { topic: deep, payload: Buffer.from('x'), qos: 0, retain: true } }, version));
      s.write(encode({ type: 'publish', topic: deep, payload: Buffer.from('x'), qos: 0, retain: true, dup: false }, version));
      return;
    default: // a QoS 1 subscriber to everything that never acknowledges
      s.pause();
      s.write(connect);
      s.write(encode({ type: 'subscribe', packetId: 1, subscriptions: [{ topicFilter: '#', qos: 1 }] }, version));
      await sleep(3000);
  }
}

async function fuzzer(port: number, n: number, counts: Counts, done: () => boolean): Promise<void> {
  for (let round = 0; !done(); round++) {
    const s = await open(port);
    if (s === undefined) {
      await sleep(50);
      continue;
    }
    counts.connections++;
    const version = ([3, 4, 5] as const)[round % 3]!;
    const id = `fuzz-${n}-${round}`;
    if (Math.random() < 0.05) await attack(s, version, id, counts);
    else {
      if (Math.random() < 0.8) s.write(encode({ type: 'connect', protocolVersion: version, clientId: id, clean: true, keepalive: 30 }, version));
      const packets = somePackets(version);
      for (let i = 0; i < 50 && !s.destroyed && !done(); i++) {
        const p = packets[Math.floor(Math.random() * packets.length)]!;
        const bytes = encode(p, p.type === 'connect' ? p.protocolVersion : version);
        s.write(Math.random() < 0.7 ? mutate(bytes) : bytes);
        counts.packets++;
        if (i % 10 === 9) await sleep(1);
      }
    }
    s.destroy();
  }
}

async function main(): Promise<void> {
  if (process.env.SOAK_SKIP_BUILD !== '1' && spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit', cwd: ROOT }).status !== 0) throw new Error('build failed');
  const serve = await startServe();
  const pid = serve.child.pid!;
  let crashed = false;
  serve.child.once('exit', () => (crashed = true));
  const rssStart = rssMiB(pid);
  let rssMax = rssStart;

  const monitor = await LoadClient.connect(serve.port, 'soak-monitor');
  await monitor.subscribe('soak/monitor', 0);
  const latencies: number[] = [];
  monitor.onMessage = (_t, payload) => latencies.push(Number(process.hrtime.bigint() - payload.readBigUInt64BE(0)) / 1e6);
  let sent = 0;

  const end = Date.now() + SECONDS * 1000;
  const done = (): boolean => crashed || Date.now() > end;
  const counts: Counts = { connections: 0, packets: 0, attacks: 0 };
  const fuzzers = Array.from({ length: FUZZERS }, (_, n) => fuzzer(serve.port, n, counts, done));
  const ticker = setInterval(() => {
    const rss = rssMiB(pid);
    if (rss > rssMax) rssMax = rss;
    if (!monitor.closed) {
      const buf = Buffer.alloc(8);
      buf.writeBigUInt64BE(process.hrtime.bigint(), 0);
      void monitor.publish('soak/monitor', buf, 0);
      sent++;
    }
  }, 50);
  let last = Date.now();
  while (!done()) {
    await sleep(1000);
    if (Date.now() - last >= 10_000) {
      last = Date.now();
      console.error(`  ${Math.round((end - Date.now()) / 1000)} s left: ${counts.connections} connections, ${counts.packets} packets, ${counts.attacks} attacks, RSS ${rssMiB(pid).toFixed(0)} MiB, monitor ${latencies.length}/${sent}`);
    }
  }
  clearInterval(ticker);
  await Promise.all(fuzzers);
  await until(() => latencies.length >= sent, 2000);
  const rssEnd = rssMiB(pid);
  const s = [...latencies].sort((a, b) => a - b);
  const at = (q: number): string => (s[Math.min(s.length - 1, Math.floor(s.length * q))] ?? NaN).toFixed(2);
  console.log(`soak:serve ${SECONDS} s, ${FUZZERS} fuzzers: ${counts.connections} connections, ${counts.packets} packets (70% mutated), ${counts.attacks} attacks`);
  console.log(`crashes: ${crashed ? `1 (exit ${serve.child.exitCode}): ${serve.stderr().slice(-2000)}` : 0}`);
  console.log(`broker RSS MiB: start ${rssStart.toFixed(0)}, max ${rssMax.toFixed(0)}, end ${rssEnd.toFixed(0)}`);
  console.log(`monitor round trip ms: p50 ${at(0.5)}, p99 ${at(0.99)}, max ${at(1)}; ${sent - latencies.length} of ${sent} lost${monitor.closed ? ' (monitor disconnected)' : ''}`);
  monitor.close();
  serve.child.kill('SIGTERM');
  process.exitCode = crashed || monitor.closed ? 1 : 0;
}

await main();
