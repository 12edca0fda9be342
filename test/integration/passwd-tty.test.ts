// The interactive prompt, driven through a real pseudo-terminal (tmux): input is masked,
// a mismatch exits 2, Ctrl-C exits 130, and neither changes the file. Each test uses its
// own tmux server (-L), so nothing else running tmux is touched. Skipped locally without
// tmux; with CI=true a missing tmux fails.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../src/auth/verify.js';
import { MQTK } from '../helpers/mqtk.js';

function skipWithoutTmux(): boolean {
  if (spawnSync('sh', ['-c', 'command -v tmux'], { stdio: 'ignore' }).status === 0) return false;
  if (process.env.CI === 'true') throw new Error('tmux is not installed, and CI=true: the terminal tests must not be skipped');
  return true;
}

const shellQuote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/** One command in a detached tmux pane on a private server. */
class Pane {
  private readonly socket = `mqtk-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;

  constructor(command: string[]) {
    // The command's exit status is printed, then the pane stays open to be read.
    const line = `${command.map(shellQuote).join(' ')}; echo "EXIT=$?"; sleep 600`;
    this.tmux('new-session', '-d', '-s', 'main', '-x', '120', '-y', '20', line);
  }

  private tmux(...args: string[]): string {
    const r = spawnSync('tmux', ['-L', this.socket, '-f', '/dev/null', ...args], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`tmux ${args[0]} failed: ${r.stderr}`);
    return r.stdout;
  }

  screen(): string {
    return this.tmux('capture-pane', '-p', '-t', 'main');
  }

  /** Literal text (-l), so nothing in it is read as a key name. */
  type(text: string): void {
    this.tmux('send-keys', '-t', 'main', '-l', text);
  }

  key(name: 'Enter' | 'C-c'): void {
    this.tmux('send-keys', '-t', 'main', name);
  }

  async waitFor(pattern: RegExp, timeoutMs = 20_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const text = this.screen();
      if (pattern.test(text)) return text;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern} on screen:\n${text}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async exitCode(): Promise<number> {
    const m = /EXIT=(\d+)/.exec(await this.waitFor(/EXIT=\d+/));
    return Number(m![1]);
  }

  kill(): void {
    spawnSync('tmux', ['-L', this.socket, 'kill-server'], { stdio: 'ignore' });
  }
}

describe.skipIf(skipWithoutTmux())('mqtk passwd on a terminal', () => {
  let dir: string;
  let pane: Pane | undefined;
  const file = () => join(dir, 'passwd');
  const BEFORE = '# team\nalice:$6$MDEyMzQ1Njc4OWFi$PRV1nxzqKWSIWdX/oOhRgJkcbMZ2TRyUjYNlW91d5i9bqZ+vHunEfY/pz2WWAEYx8YjHeB8Xnb9T/zza8xtgXg==\n';

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mqtk-passwd-tty-'));
    writeFileSync(file(), BEFORE, { mode: 0o600 });
  });
  afterEach(() => {
    pane?.kill();
    pane = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('asks twice with the input masked, then adds the user', async () => {
    pane = new Pane([MQTK, 'passwd', '-H', 'sha512-pbkdf2', file(), 'bob']);
    await pane.waitFor(/Password:/);
    pane.type('Tr0ub4dor&3');
    // Typed but not yet entered: nothing of it may be on the screen. (Absence has no event to
    // wait for; under load this pause only makes the check weaker, never fail wrongly.)
    await new Promise((r) => setTimeout(r, 200));
    expect(pane.screen()).not.toMatch(/Tr0ub4dor|\*{4}/);
    pane.key('Enter');
    // Drawn after the first password was read: any echo or mask of it is on the screen by now.
    expect(await pane.waitFor(/Reenter password:/)).not.toMatch(/Tr0ub4dor|\*{4}/);
    pane.type('Tr0ub4dor&3');
    pane.key('Enter');
    expect(await pane.exitCode()).toBe(0);
    const screen = pane.screen();
    expect(screen).toContain('Adding password for user bob');
    expect(screen).not.toContain('Tr0ub4dor');
    const lines = readFileSync(file(), 'utf8').split('\n');
    expect(lines.slice(0, 2).join('\n')).toBe(BEFORE.trimEnd());
    expect(await verifyPassword(lines[2]!, 'Tr0ub4dor&3')).toBe(true);
  });

  it('exits 2 when the confirmation differs, leaving the file untouched', async () => {
    pane = new Pane([MQTK, 'passwd', file(), 'bob']);
    await pane.waitFor(/Password:/);
    pane.type('first');
    pane.key('Enter');
    await pane.waitFor(/Reenter password:/);
    pane.type('second');
    pane.key('Enter');
    expect(await pane.exitCode()).toBe(2);
    expect(pane.screen()).toContain('Error: Passwords do not match.');
    expect(readFileSync(file(), 'utf8')).toBe(BEFORE);
  });

  it('Ctrl-C at the prompt exits 130 and leaves the file untouched (also with -c)', async () => {
    for (const args of [[file(), 'alice'], ['-c', file(), 'alice']]) {
      pane = new Pane([MQTK, 'passwd', ...args]);
      await pane.waitFor(/Password:/);
      pane.type('half-typed');
      pane.key('C-c');
      expect(await pane.exitCode()).toBe(130);
      expect(pane.screen()).toContain('Cancelled; nothing was changed.');
      expect(readFileSync(file(), 'utf8')).toBe(BEFORE);
      pane.kill();
    }
  });

  it('--check asks once', async () => {
    pane = new Pane([MQTK, 'passwd', '--check', file(), 'alice']);
    await pane.waitFor(/Password:/);
    pane.type('vector-pw');
    pane.key('Enter');
    expect(await pane.exitCode()).toBe(0);
    expect(pane.screen()).toContain('Password for user alice matches.');
    expect(pane.screen()).not.toContain('Reenter');
  });
});
