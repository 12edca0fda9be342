// npm run bench:startup — how long `mqtk` takes to start and answer on the paths a shell
// user hits first (--version, --help, help pub, a command's --help), against the anchor
// `node -e ''` measured in the same run, interleaved so machine load hits both alike.
// Target (issue 14): each at most 1.3x node's own start-up.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const STARTS = Number(process.env.BENCH_STARTS ?? 30);
const MQTK = join(import.meta.dirname, '..', 'bin', 'mqtk');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function once(args: string[]): number {
  const start = process.hrtime.bigint();
  spawnSync(process.execPath, args, { stdio: 'ignore', env: { ...process.env, XDG_CONFIG_HOME: '/nonexistent' } });
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const cases: Array<[string, string[]]> = [
  ["node -e ''", ['-e', '']],
  ['mqtk --version', [MQTK, '--version']],
  ['mqtk --help', [MQTK, '--help']],
  ['mqtk help pub', [MQTK, 'help', 'pub']],
  ['mqtk pub --help', [MQTK, 'pub', '--help']],
  ['mqtk sbu (a typo)', [MQTK, 'sbu']],
];
const times = cases.map(() => [] as number[]);
for (const [, args] of cases) once(args); // warm the page cache and the V8 code cache
for (let i = 0; i < STARTS; i++) cases.forEach(([, args], k) => times[k]!.push(once(args)));
const anchor = median(times[0]!);
console.log(`start-up, median of ${STARTS} (anchor: node -e '' = ${anchor.toFixed(1)} ms)`);
cases.forEach(([name], k) => {
  const m = median(times[k]!);
  console.log(`  ${name.padEnd(20)} ${m.toFixed(1).padStart(7)} ms  ${(m / anchor).toFixed(2)}x`);
});
