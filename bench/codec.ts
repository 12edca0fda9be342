// Codec throughput against mqtt-packet (the anchor), in the same process and run.
// Encode: encode(packet, 4) vs mqtt-packet generate(). Decode: the streaming parser fed
// a concatenated stream in 64 KiB chunks (what a socket delivers) vs mqtt-packet
// parser().parse(). Targets: decode ≥ 3x, encode ≥ 2x mqtt-packet.
//
//   npm run bench:codec                 (runs the TypeScript through tsx)
//   npm run bench:codec -- --bundle     (bundles with esbuild first, runs the bundle:
//                                        the code as the published dist/ runs it)
//   BENCH_ROUNDS=7 BENCH_ROUND_MS=400   (defaults; rounds alternate mqtk / mqtt-packet)
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { createParser, encode, type Packet } from '../src/codec/index.js';

if (process.argv.includes('--bundle')) {
  const { build } = await import('esbuild');
  const outfile = fileURLToPath(new URL('../.tmp/bench-codec.mjs', import.meta.url));
  await build({
    entryPoints: [fileURLToPath(import.meta.url)], outfile, bundle: true, platform: 'node', format: 'esm',
    target: 'node20', external: ['mqtt-packet', 'esbuild'], logLevel: 'warning',
  });
  const run = spawnSync(process.execPath, [outfile], { stdio: 'inherit' });
  process.exit(run.status ?? 1);
}

interface MqttPacketParser {
  on(event: 'packet', cb: (p: unknown) => void): void;
  on(event: 'error', cb: (e: Error) => void): void;
  parse(buf: Buffer): number;
}
interface MqttPacket {
  parser(opts?: { protocolVersion?: number }): MqttPacketParser;
  generate(packet: object, opts?: { protocolVersion?: number }): Buffer;
}
const mqttPacket = createRequire(import.meta.url)('mqtt-packet') as MqttPacket;

const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 7);
const ROUND_MS = Number(process.env['BENCH_ROUND_MS'] ?? 400);
const CHUNK = 64 * 1024;

/** Packets per second of `fn` (which handles `perCall` packets) over one round of ROUND_MS. */
function rate(fn: () => void, perCall: number): number {
  let calls = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ROUND_MS) {
    fn();
    calls++;
    now = performance.now();
  }
  return (calls * perCall) / ((now - start) / 1000);
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

/**
 * Rounds alternate between the two implementations, so that a busy machine slows both
 * alike; returns the median rates and the median of the per-round ratios.
 */
function compare(ours: () => void, theirs: () => void, perCall: number): [number, number, number] {
  rate(ours, perCall); // warm-up: let both reach optimised code
  rate(theirs, perCall);
  const a: number[] = [];
  const b: number[] = [];
  const ratios: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    a.push(rate(ours, perCall));
    b.push(rate(theirs, perCall));
    ratios.push(a[r]! / b[r]!);
  }
  return [median(a), median(b), median(ratios)];
}

function publish(size: number, qos: 0 | 1, topic = 'bench/topic/1'): { ours: Packet; theirs: object } {
  const payload = Buffer.alloc(size, 0x61);
  return {
    ours: qos === 0
      ? { type: 'publish', topic, payload, qos, retain: false, dup: false }
      : { type: 'publish', topic, payload, qos, packetId: 42, retain: false, dup: false },
    theirs: { cmd: 'publish', topic, payload, qos, messageId: 42, retain: false, dup: false },
  };
}

const mixed: Array<{ ours: Packet; theirs: object }> = [
  publish(64, 1),
  { ours: { type: 'puback', packetId: 42 }, theirs: { cmd: 'puback', messageId: 42 } },
  {
    ours: { type: 'subscribe', packetId: 7, subscriptions: [{ topicFilter: 'bench/+/1', qos: 1 }, { topicFilter: 'bench/#', qos: 0 }] },
    theirs: { cmd: 'subscribe', messageId: 7, subscriptions: [{ topic: 'bench/+/1', qos: 1 }, { topic: 'bench/#', qos: 0 }] },
  },
  { ours: { type: 'suback', packetId: 7, reasonCodes: [1, 0] }, theirs: { cmd: 'suback', messageId: 7, granted: [1, 0] } },
  publish(64, 0),
  { ours: { type: 'pingreq' }, theirs: { cmd: 'pingreq' } },
  { ours: { type: 'pingresp' }, theirs: { cmd: 'pingresp' } },
  { ours: { type: 'unsubscribe', packetId: 8, topicFilters: ['bench/#'] }, theirs: { cmd: 'unsubscribe', messageId: 8, unsubscriptions: ['bench/#'] } },
  { ours: { type: 'unsuback', packetId: 8 }, theirs: { cmd: 'unsuback', messageId: 8 } },
  { ours: { type: 'pubrec', packetId: 43 }, theirs: { cmd: 'pubrec', messageId: 43 } },
  { ours: { type: 'pubrel', packetId: 43 }, theirs: { cmd: 'pubrel', messageId: 43 } },
  { ours: { type: 'pubcomp', packetId: 43 }, theirs: { cmd: 'pubcomp', messageId: 43 } },
];

/** A stream of `count` packets cycling through `set`, cut into socket-sized chunks. */
function stream(set: ReadonlyArray<{ ours: Packet }>, count: number): Buffer[] {
  const all = Buffer.concat(Array.from({ length: count }, (_, i) => encode(set[i % set.length]!.ours, 4)));
  const chunks: Buffer[] = [];
  for (let i = 0; i < all.length; i += CHUNK) chunks.push(all.subarray(i, i + CHUNK));
  return chunks;
}

function benchDecode(set: ReadonlyArray<{ ours: Packet }>): [number, number, number] {
  const count = 20_000;
  const chunks = stream(set, count);
  let seen = 0;
  const ours = createParser({ protocolVersion: 4 }, () => { seen++; });
  const theirs = mqttPacket.parser({ protocolVersion: 4 });
  theirs.on('packet', () => { seen++; });
  theirs.on('error', (e) => { throw e; });
  const result = compare(() => { for (const c of chunks) ours.push(c); }, () => { for (const c of chunks) theirs.parse(c); }, count);
  if (seen === 0) throw new Error('no packets decoded');
  return result;
}

function benchEncode(set: ReadonlyArray<{ ours: Packet; theirs: object }>): [number, number, number] {
  const n = 1000;
  let bytes = 0;
  const result = compare(
    () => { for (let i = 0; i < n; i++) bytes += encode(set[i % set.length]!.ours, 4).length; },
    () => { for (let i = 0; i < n; i++) bytes += mqttPacket.generate(set[i % set.length]!.theirs, { protocolVersion: 4 }).length; },
    n,
  );
  if (bytes === 0) throw new Error('nothing encoded');
  return result;
}

const fmt = (n: number): string => `${(n / 1000).toFixed(0).padStart(7)}k/s`;
const cases: Array<[string, ReadonlyArray<{ ours: Packet; theirs: object }>]> = [
  ['PUBLISH 64 B QoS 0', [publish(64, 0)]],
  ['PUBLISH 64 B QoS 1', [publish(64, 1)]],
  ['PUBLISH 1 KiB QoS 0', [publish(1024, 0)]],
  ['PUBLISH 1 KiB QoS 1', [publish(1024, 1)]],
  // The decoder reuses the last topic's string when the bytes repeat; this case defeats that.
  ['PUBLISH 64 B, 1000 topics', Array.from({ length: 1000 }, (_, i) => publish(64, 0, `bench/topic/${i}`))],
  ['mixed stream', mixed],
];

console.log(`node ${process.version}${import.meta.url.endsWith('.mjs') ? ' (esbuild bundle)' : ' (tsx)'}, ${ROUNDS} alternating rounds of ${ROUND_MS} ms, medians; packets/s (mqtk vs mqtt-packet)\n`);
console.log(`${'case'.padEnd(26)} ${'op'.padEnd(7)} ${'mqtk'.padStart(10)} ${'mqtt-packet'.padStart(12)}  ratio`);
for (const [name, set] of cases) {
  for (const [op, run] of [['decode', benchDecode], ['encode', benchEncode]] as const) {
    const [a, b, ratio] = run(set);
    const target = op === 'decode' ? 3 : 2;
    console.log(`${name.padEnd(26)} ${op.padEnd(7)} ${fmt(a).padStart(10)} ${fmt(b).padStart(12)}  ${ratio.toFixed(2)}x ${ratio >= target ? '✓' : `✗ (target ${target}x)`}`);
  }
}
