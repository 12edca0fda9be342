// A command on a real pseudo-terminal through util-linux `script`, for prompts that only
// run when stdin is a terminal. Keys are written to script's stdin, which it copies to
// the terminal; what the command draws is read back with ANSI sequences removed.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const hasScript: boolean = spawnSync('sh', ['-c', 'command -v script'], { stdio: 'ignore' }).status === 0;

const shellQuote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
// CSI sequences (colours, cursor moves) and the OSC/other escapes inquirer draws with.
const ANSI = /\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Za-z0-9]|\x1b[=>]/g;

export const KEYS = { enter: '\r', down: '\x1b[B', up: '\x1b[A', ctrlC: '\x03' } as const;

export class Pty {
  private readonly child: ChildProcess;
  private readonly dir = mkdtempSync(join(tmpdir(), 'mqtk-pty-'));
  private raw = '';
  readonly exited: Promise<number | null>;

  constructor(argv: string[]) {
    // -e: exit with the command's status; -f: flush as it goes; the log goes to a temp file.
    this.child = spawn('script', ['-qfec', argv.map(shellQuote).join(' '), join(this.dir, 'log')], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, TERM: 'xterm', COLUMNS: '120', LINES: '40' } });
    this.child.stdout!.on('data', (d: Buffer) => (this.raw += d.toString('utf8')));
    this.child.stdin!.on('error', () => {});
    this.exited = new Promise((resolve) => this.child.once('close', (code) => {
      rmSync(this.dir, { recursive: true, force: true });
      resolve(code);
    }));
  }

  screen(): string {
    return this.raw.replace(ANSI, '');
  }

  type(text: string): void {
    this.child.stdin!.write(text);
  }

  /** Waits until the output after `from` (an earlier screen().length) matches. */
  async waitFor(pattern: RegExp, from = 0, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!pattern.test(this.screen().slice(from))) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}; screen:\n${this.screen().slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  kill(): void {
    this.child.kill('SIGKILL');
  }
}
