// npm run bench:bench — is `mqtk bench` ever the bottleneck? In the same run, alternating
// the order of the steps each round:
//   1. `mqtk bench pub` (QoS 0, 64 B payloads, latency stamping on, one connection)
//      against `mosquitto_pub -l` fed the same number of 64-byte lines, both into one
//      `mqtk serve`. Target ≥ 1.0x.
//   2. `mqtk bench pub -c 2 --workers 2` against `-c 2 --workers 1`. Target ≥ 1.6x.
//      Through mqtk serve (which needs a core of its own) and into a sink broker that
//      answers CONNECT and discards the rest (bench/sink-broker.mjs), where bench is
//      the only thing working.
//   3. bench's own latency floor: pubsub at 100 msg/s, where the broker adds nothing measurable.
// Beside each rate it prints where the CPU went: each tool's CPU time per message (user +
// system, all threads: bash's `time` for mosquitto_pub, start-up included; bench's own
// summary for bench, while publishing), the broker's (from /proc), and how many of the
// machine's cores were busy meanwhile with everything (other users included). On a shared
// machine the CPU per message is the steady figure; rates follow whatever CPU was left.
// mosquitto_pub's rate is messages / wall time of the process; bench's is its own
// measured rate (start of publishing to the last message handed to the socket), which
// leaves out its start-up and the wait for the next whole second. Medians of BENCH_ROUNDS.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServe } from '../test/helpers/serve.js';

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 300_000);
const SINK_MESSAGES = Number(process.env.BENCH_SINK_MESSAGES ?? 3_000_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const MQTK = join(import.meta.dirname, '..', 'bin', 'mqtk');
const TICK_S = 0.01; // /proc's clock ticks (USER_HZ 100)

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const settle = (ms = 300): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** CPU seconds a process has used so far (all its threads); 0 without /proc. */
function processCpu(pid: number): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(f[11]) + Number(f[12])) * TICK_S;
  } catch {
    return 0;
  }
}

/** Busy and total CPU seconds of the whole machine so far. */
function machineCpu(): { busy: number; total: number } {
  try {
    const [, ...f] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).map(Number);
    const total = f.reduce((a, b) => a + b, 0);
    return { busy: (total - f[3]! - f[4]!) * TICK_S, total: total * TICK_S };
  } catch {
    return { busy: 0, total: 0 };
  }
}

interface Run {
  ms: number;
  stdout: string;
  /** The command's own CPU seconds (user + system, all threads). */
  cpu: number;
  /** bench: the cores it used while publishing (its summary's). */
  cores?: number;
}

function run(cmd: string, args: string[], stdinFile?: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    // bash's `time` reports the child's CPU, threads included, after it exits.
    const child = spawn('bash', ['-c', 'TIMEFORMAT="cpu %U %S"; time "$@"', 'bash', cmd, ...args], { stdio: [stdinFile ? openSync(stdinFile, 'r') : 'ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => {
      const t = /cpu ([\d.]+) ([\d.]+)\s*$/.exec(err);
      if (code !== 0 || !t) reject(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${err}`));
      else resolve({ ms: Number(process.hrtime.bigint() - start) / 1e6, stdout: out, cpu: Number(t[1]) + Number(t[2]) });
    });
  });
}

/** One measured step: rate, µs of CPU per message (tool, broker), cores busy on the machine. */
interface Step {
  rate: number;
  toolUs: number;
  brokerUs: number;
  machineCores: number;
  toolCores: number;
}

async function measure(brokerPid: number, messages: number, go: () => Promise<{ rate: number; run: Run }>): Promise<Step> {
  const b0 = processCpu(brokerPid);
  const m0 = machineCpu();
  const { rate, run: r } = await go();
  const m1 = machineCpu();
  const us = (s: number): number => (s / messages) * 1e6;
  return { rate, toolUs: us(r.cpu), brokerUs: us(processCpu(brokerPid) - b0), machineCores: (m1.busy - m0.busy) / (r.ms / 1000), toolCores: r.cores ?? r.cpu / (r.ms / 1000) };
}

function benchPub(messages: number, args: string[]): () => Promise<{ rate: number; run: Run }> {
  return async () => {
    const r = await run(MQTK, ['bench', 'pub', ...args, '--limit', String(messages), '--json', '--quiet']);
    const s = JSON.parse(r.stdout) as { messages: { sent: number; sent_per_s: number }; cpu: { seconds: number; cores: number } };
    if (s.messages.sent !== messages) throw new Error(`bench sent ${s.messages.sent} of ${messages}`);
    // bench's own CPU while publishing (its summary's): its start-up is left out, as from its rate.
    return { rate: s.messages.sent_per_s, run: { ...r, cpu: s.cpu.seconds, cores: s.cpu.cores } };
  };
}

async function startSink(): Promise<{ port: number; pid: number; stop: () => void }> {
  const child = spawn(process.execPath, [join(import.meta.dirname, 'sink-broker.mjs')], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve) => child.stdout!.once('data', (d: Buffer) => resolve(Number(/ready (\d+)/.exec(d.toString())![1]))));
  return { port, pid: child.pid!, stop: () => void child.kill('SIGTERM') };
}

const k = (v: number): string => `${(v / 1000).toFixed(1)}k`;
const summarize = (steps: Step[]): Step => {
  const m = (f: (s: Step) => number): number => median(steps.map(f));
  return { rate: m((s) => s.rate), toolUs: m((s) => s.toolUs), brokerUs: m((s) => s.brokerUs), machineCores: m((s) => s.machineCores), toolCores: m((s) => s.toolCores) };
};
const cpuNote = (s: Step): string => `tool ${s.toolUs.toFixed(2)} µs/msg on ${s.toolCores.toFixed(2)} cores, broker ${s.brokerUs.toFixed(2)} µs/msg, machine ${s.machineCores.toFixed(2)} cores busy`;

async function main(): Promise<void> {
  if (spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' }).status !== 0) throw new Error('build failed');
  const serve = await startServe(['-p', '0'], { verbose: false });
  const sink = await startSink();
  const conn = ['-h', serve.host, '-p', String(serve.port)];
  const toSink = ['-h', '127.0.0.1', '-p', String(sink.port)];
  const file = join(mkdtempSync(join(tmpdir(), 'mqtk-bench-bench-')), 'lines.txt');
  writeFileSync(file, `${'x'.repeat(64)}\n`.repeat(MESSAGES));
  const pid = serve.child.pid!;
  console.log(`bench:bench — QoS 0, 64 B: ${MESSAGES} messages to mqtk serve, ${SINK_MESSAGES} to a sink; ${ROUNDS} rounds, medians; ${availableParallelism()} cores; load average ${spawnSync('cat', ['/proc/loadavg']).stdout?.toString().trim() ?? '?'}`);
  const steps: Record<string, Step[]> = { theirs: [], one: [], w1: [], w2: [], sink1: [], sink2: [] };
  try {
    for (let r = 0; r < ROUNDS; r++) {
      const plan: Array<[string, () => Promise<Step>]> = [
        ['theirs', () => measure(pid, MESSAGES, async () => {
          const x = await run('mosquitto_pub', [...conn, '-t', 'bench/theirs', '-l'], file);
          return { rate: (MESSAGES / x.ms) * 1000, run: x };
        })],
        ['one', () => measure(pid, MESSAGES, benchPub(MESSAGES, [...conn, '-t', 'bench/one', '-c', '1', '--workers', '1']))],
        ['w1', () => measure(pid, MESSAGES, benchPub(MESSAGES, [...conn, '-t', 'bench/two/%i', '-c', '2', '--workers', '1']))],
        ['w2', () => measure(pid, MESSAGES, benchPub(MESSAGES, [...conn, '-t', 'bench/two/%i', '-c', '2', '--workers', '2']))],
        ['sink1', () => measure(sink.pid, SINK_MESSAGES, benchPub(SINK_MESSAGES, [...toSink, '-c', '2', '--workers', '1']))],
        ['sink2', () => measure(sink.pid, SINK_MESSAGES, benchPub(SINK_MESSAGES, [...toSink, '-c', '2', '--workers', '2']))],
      ];
      // Alternate the order, so drift in machine load hits every step alike.
      for (const [name, step] of r % 2 === 0 ? plan : plan.reverse()) {
        await settle();
        steps[name]!.push(await step());
      }
    }
    const [t, o, w1, w2, s1, s2] = ['theirs', 'one', 'w1', 'w2', 'sink1', 'sink2'].map((n) => summarize(steps[n]!)) as [Step, Step, Step, Step, Step, Step];
    console.log(`1. mosquitto_pub -l: ${k(t.rate)} msg/s (${cpuNote(t)})`);
    console.log(`   mqtk bench pub -c 1: ${k(o.rate)} msg/s (${cpuNote(o)}); ratio = ${(o.rate / t.rate).toFixed(2)}x (target ≥ 1.0)`);
    console.log(`2. through mqtk serve, bench pub -c 2: --workers 1 ${k(w1.rate)} msg/s (${cpuNote(w1)})`);
    console.log(`   --workers 2 ${k(w2.rate)} msg/s (${cpuNote(w2)}); ratio = ${(w2.rate / w1.rate).toFixed(2)}x (target ≥ 1.6)`);
    console.log(`   into the sink, bench pub -c 2: --workers 1 ${k(s1.rate)} msg/s (${cpuNote(s1)})`);
    console.log(`   --workers 2 ${k(s2.rate)} msg/s (${cpuNote(s2)}); ratio = ${(s2.rate / s1.rate).toFixed(2)}x (target ≥ 1.6)`);
    console.log(`   bench's CPU per message, --workers 2 / --workers 1 (into the sink): ${(s2.toolUs / s1.toolUs).toFixed(2)}x (1.0 = threads add no cost per message)`);
    console.log(`   headroom: the broker costs ${(w1.brokerUs / w1.toolUs).toFixed(1)}x bench's CPU per message, so one bench core drives that many broker cores`);
    const { stdout } = await run(MQTK, ['bench', 'pubsub', ...conn, '-t', 'bench/floor', '--rate', '100', '-d', '5', '--workers', '1', '--json', '--quiet']);
    const l = (JSON.parse(stdout) as { latency: { p50_ms: number; p99_ms: number; p999_ms: number; max_ms: number } }).latency;
    console.log(`3. latency floor (pubsub, 100 msg/s, QoS 0, through mqtk serve): p50 ${l.p50_ms} ms, p99 ${l.p99_ms} ms, p99.9 ${l.p999_ms} ms, max ${l.max_ms} ms`);
  } finally {
    sink.stop();
    await serve.stop();
  }
}

await main();
