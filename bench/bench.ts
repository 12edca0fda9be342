// npm run bench:bench — is `mqtk bench` ever the bottleneck? Against one `mqtk serve`,
// in the same run, alternating who goes first:
//   1. `mqtk bench pub` (QoS 0, 64 B payloads, latency stamping on, one connection)
//      against `mosquitto_pub -l` fed the same number of 64-byte lines. Target ≥ 1.0x.
//   2. `mqtk bench pub -c 2 --workers 2` against `-c 2 --workers 1`. Target ≥ 1.6x.
//   3. bench's own latency floor: pubsub at 100 msg/s, where the broker adds nothing measurable.
// mosquitto_pub's rate is messages / wall time of the process; bench's is its own
// measured rate (from the start of publishing to the last message handed to the socket),
// which leaves out its ~70 ms start-up and the wait for the next whole second before it
// starts (bench starts every worker on the same second boundary). Both stop once the
// kernel has the data. Medians of BENCH_ROUNDS rounds.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, openSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServe } from '../test/helpers/serve.js';

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 300_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const MQTK = join(import.meta.dirname, '..', 'bin', 'mqtk');

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const settle = (ms = 300): Promise<void> => new Promise((r) => setTimeout(r, ms));

function run(cmd: string, args: string[], stdinFile?: string): Promise<{ ms: number; stdout: string }> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(cmd, args, { stdio: [stdinFile ? openSync(stdinFile, 'r') : 'ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${err}`));
      else resolve({ ms: Number(process.hrtime.bigint() - start) / 1e6, stdout: out });
    });
  });
}

interface Json {
  messages: { sent: number; sent_per_s: number };
  latency: { p50_ms: number; p99_ms: number; p999_ms: number; max_ms: number };
}

async function benchRate(args: string[]): Promise<number> {
  const { stdout } = await run(MQTK, ['bench', 'pub', ...args, '--json', '--quiet']);
  const s = JSON.parse(stdout) as Json;
  if (s.messages.sent !== MESSAGES) throw new Error(`bench sent ${s.messages.sent} of ${MESSAGES}`);
  return s.messages.sent_per_s;
}

async function main(): Promise<void> {
  if (spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' }).status !== 0) throw new Error('build failed');
  const serve = await startServe(['-p', '0'], { verbose: false });
  const conn = ['-h', serve.host, '-p', String(serve.port)];
  const file = join(mkdtempSync(join(tmpdir(), 'mqtk-bench-bench-')), 'lines.txt');
  writeFileSync(file, `${'x'.repeat(64)}\n`.repeat(MESSAGES));
  console.log(`bench:bench — ${MESSAGES} QoS 0 messages of 64 B to mqtk serve on ${serve.host}:${serve.port}, ${ROUNDS} rounds, medians`);
  try {
    const theirs: number[] = [];
    const one: number[] = [];
    const two1: number[] = [];
    const two2: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const steps: Array<() => Promise<void>> = [
        async () => void theirs.push((MESSAGES / (await run('mosquitto_pub', [...conn, '-t', 'bench/theirs', '-l'], file)).ms) * 1000),
        async () => void one.push(await benchRate([...conn, '-t', 'bench/one', '-c', '1', '--limit', String(MESSAGES), '--workers', '1'])),
        async () => void two1.push(await benchRate([...conn, '-t', 'bench/two/%i', '-c', '2', '--limit', String(MESSAGES), '--workers', '1'])),
        async () => void two2.push(await benchRate([...conn, '-t', 'bench/two/%i', '-c', '2', '--limit', String(MESSAGES), '--workers', '2'])),
      ];
      // Alternate the order, so drift in machine load hits every tool alike.
      for (const step of r % 2 === 0 ? steps : steps.reverse()) {
        await settle();
        await step();
      }
    }
    const t = median(theirs);
    const o = median(one);
    console.log(`mosquitto_pub -l: ${t.toFixed(0)} msg/s; mqtk bench pub -c 1: ${o.toFixed(0)} msg/s; ratio = ${(o / t).toFixed(2)}x (target ≥ 1.0)`);
    const w1 = median(two1);
    const w2 = median(two2);
    console.log(`mqtk bench pub -c 2: --workers 1 ${w1.toFixed(0)} msg/s, --workers 2 ${w2.toFixed(0)} msg/s; ratio = ${(w2 / w1).toFixed(2)}x (target ≥ 1.6)`);
    const { stdout } = await run(MQTK, ['bench', 'pubsub', ...conn, '-t', 'bench/floor', '--rate', '100', '-d', '5', '--workers', '1', '--json', '--quiet']);
    const l = (JSON.parse(stdout) as Json).latency;
    console.log(`latency floor (pubsub, 100 msg/s, QoS 0, through mqtk serve): p50 ${l.p50_ms} ms, p99 ${l.p99_ms} ms, p99.9 ${l.p999_ms} ms, max ${l.max_ms} ms`);
  } finally {
    await serve.stop();
  }
}

await main();
