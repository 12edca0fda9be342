// npm run bench:pub — `mqtk pub -l` against its anchor `mosquitto_pub -l`, both sending
// the same 100k lines to the same local mosquitto, and the start-up time of
// `mqtk pub -m x` against `node -e ''`. Prints medians and ratios measured in this run.
//
// Targets (issue "Core"): mqtk at least as fast as mosquitto_pub (ratio ≥ 1.0), and
// start-up at most 1.3x node's own.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, openSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMosquitto } from '../test/helpers/mosquitto.js';

const LINES = Number(process.env.BENCH_LINES ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const STARTS = Number(process.env.BENCH_STARTS ?? 30);
const MQTK = join(import.meta.dirname, '..', 'bin', 'mqtk');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Runs a command with stdin from a file; resolves with wall-clock ms, or throws on failure. */
function timed(cmd: string, args: string[], stdinFile?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(cmd, args, { stdio: [stdinFile ? openSync(stdinFile, 'r') : 'ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (code !== 0) reject(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${err}`));
      else resolve(ms);
    });
  });
}

async function main(): Promise<void> {
  if (spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' }).status !== 0) throw new Error('build failed');
  const broker = await startMosquitto({ config: ['max_queued_messages 0', 'set_tcp_nodelay true'], quietLog: true });
  const dir = mkdtempSync(join(tmpdir(), 'mqtk-bench-'));
  const input = join(dir, 'lines.txt');
  let text = '';
  for (let i = 0; i < LINES; i++) text += `sensor/${i % 100} reading ${i} value=${(i * 0.37).toFixed(2)}\n`;
  writeFileSync(input, text);
  const conn = ['-h', broker.host, '-p', String(broker.port), '-t', 'bench/pub'];
  console.log(`bench:pub — ${LINES} lines (${(text.length / 1024).toFixed(0)} KiB) to mosquitto on ${broker.host}:${broker.port}, ${ROUNDS} rounds, medians`);
  try {
    for (const qos of ['0', '1']) {
      const theirs: number[] = [];
      const ours: number[] = [];
      const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 300));
      for (let r = 0; r < ROUNDS; r++) {
        // Alternate who goes first, so drift in machine load hits both alike, and let the
        // broker finish the previous run's backlog (QoS 0 publishers exit before it has).
        const order = r % 2 === 0 ? ['theirs', 'ours'] : ['ours', 'theirs'];
        for (const who of order) {
          await settle();
          if (who === 'theirs') theirs.push(await timed('mosquitto_pub', [...conn, '-l', '-q', qos], input));
          else ours.push(await timed(MQTK, ['pub', ...conn, '-l', '-q', qos], input));
        }
      }
      const t = median(theirs);
      const o = median(ours);
      console.log(
        `pub -l QoS ${qos}: mosquitto_pub ${t.toFixed(0)} ms (${((LINES / t) * 1000).toFixed(0)} msg/s), ` +
          `mqtk ${o.toFixed(0)} ms (${((LINES / o) * 1000).toFixed(0)} msg/s); speed ratio mqtk/mosquitto_pub = ${(t / o).toFixed(2)}x (target ≥ 1.0)`,
      );
    }
    const node: number[] = [];
    const start: number[] = [];
    for (let r = 0; r < STARTS; r++) {
      node.push(await timed(process.execPath, ['-e', '']));
      start.push(await timed(MQTK, ['pub', ...conn, '-m', 'x']));
    }
    const n = median(node);
    const s = median(start);
    console.log(`start-up: node -e '' ${n.toFixed(1)} ms, mqtk pub -m x ${s.toFixed(1)} ms; ratio = ${(s / n).toFixed(2)}x (target ≤ 1.3)`);
  } finally {
    await broker.stop();
  }
}

await main();
