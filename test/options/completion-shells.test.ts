// The committed completion scripts, run by real shells: bash with COMP_WORDS set as
// readline would set them, zsh through its completion system in a pseudo-terminal.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..', '..');
const hasZsh = spawnSync('zsh', ['-c', 'zmodload zsh/zpty']).status === 0;
const hasFish = spawnSync('fish', ['-c', 'true']).status === 0;

/** fish's candidates (`complete -C`), the description after a tab dropped. */
function fishCandidates(line: string): string[] {
  const script = `source ${join(ROOT, 'completions', 'mqtk.fish')}; complete -C '${line.replace(/'/g, "\\'")}'`;
  const out = execFileSync('fish', ['--no-config', '-c', script], { encoding: 'utf8', cwd: '/etc' });
  return out.split('\n').filter((l) => l !== '').map((l) => l.split('\t')[0]!);
}

/** COMPREPLY for a command line ending where TAB is pressed ('mqtk pub -q ' completes an empty word). */
function bashCandidates(line: string): string[] {
  const words = line.split(' ');
  const script = `source "$1"; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _mqtk; printf '%s\\n' "\${COMPREPLY[@]}"`;
  const out = execFileSync('bash', ['-c', script, 'bash', join(ROOT, 'completions', 'mqtk.bash')], { encoding: 'utf8', cwd: '/etc' });
  return out.split('\n').filter((l) => l !== '');
}

/** zsh's candidates for each line, from one interactive zsh (test/helpers/zsh-complete.zsh). */
function zshCandidates(lines: string[]): Map<string, string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'mqtk-zsh-'));
  copyFileSync(join(ROOT, 'completions', 'mqtk.zsh'), join(dir, '_mqtk'));
  const out = execFileSync('zsh', [join(ROOT, 'test', 'helpers', 'zsh-complete.zsh'), dir, ...lines], { encoding: 'utf8', cwd: '/etc', timeout: 60_000 });
  const result = new Map<string, string[]>();
  let current: string[] = [];
  for (const l of out.split('\n')) {
    if (l.startsWith('== ')) result.set(l.slice(3), (current = []));
    else if (l !== '') current.push(l);
  }
  return result;
}

// Each line: what is typed, what must be offered, what must not be.
const cases: Array<{ line: string; offers: string[]; not?: string[] }> = [
  { line: 'mqtk s', offers: ['sub', 'serve'], not: ['pub'] },
  { line: 'mqtk pub -q ', offers: ['0', '1', '2'] },
  { line: 'mqtk pub -V ', offers: ['5', '311', '31'] },
  { line: 'mqtk sub --output ', offers: ['text', 'json', 'trace'] },
  { line: 'mqtk passwd -H ', offers: ['argon2id', 'sha512-pbkdf2', 'sha512'] },
  { line: 'mqtk pub -D ', offers: ['connect', 'publish', 'will'] },
  { line: 'mqtk pub -D publish ', offers: ['message-expiry-interval', 'user-property'], not: ['receive-maximum'] },
  // Options whose value is not a file complete no file names (cwd is /etc).
  { line: 'mqtk pub -t ', offers: [], not: ['hosts', 'passwd'] },
  { line: 'mqtk pub --ws-path ', offers: [], not: ['hosts', 'passwd'] },
  { line: 'mqtk pub --cafile host', offers: ['hosts'] },
  { line: 'mqtk help ', offers: ['pub', 'sub', 'passwd', 'serve'] },
  { line: 'mqtk completion ', offers: ['bash', 'zsh', 'fish'] },
];

describe('bash completion (completions/mqtk.bash in bash)', () => {
  it.each(cases)('$line', ({ line, offers, not = [] }) => {
    const got = bashCandidates(line);
    for (const w of offers) expect(got).toContain(w);
    for (const w of not) expect(got).not.toContain(w);
    if (offers.length === 0) expect(got).toEqual([]);
  });

  it('registers without -o default, which would offer file names whenever a value completes nothing', () => {
    const spec = execFileSync('bash', ['-c', 'source "$1"; complete -p mqtk', 'bash', join(ROOT, 'completions', 'mqtk.bash')], { encoding: 'utf8' });
    expect(spec.trim()).toBe('complete -F _mqtk mqtk');
  });

  it('completes the options of the command after a dash', () => {
    expect(bashCandidates('mqtk sub --retain')).toEqual(['--retained-only', '--retain-as-published', '--retain-handling']);
  });
});

describe.skipIf(!hasZsh)('zsh completion (completions/mqtk.zsh in zsh; apt-get install zsh)', () => {
  const lines = [...cases.map((c) => c.line), 'mqtk sub --retain'];
  let got: Map<string, string[]>;
  it('offers the expected candidates for each line', () => {
    got = zshCandidates(lines);
    for (const { line, offers, not = [] } of cases) {
      const words = got.get(line) ?? [];
      for (const w of offers) expect(words, line).toContain(w);
      for (const w of not) expect(words, line).not.toContain(w);
    }
    expect(new Set(got.get('mqtk sub --retain'))).toEqual(new Set(['--retained-only', '--retain-as-published', '--retain-handling']));
  }, 60_000);
});

describe.skipIf(!hasFish)('fish completion (completions/mqtk.fish in fish; apt-get install fish)', () => {
  it.each(cases)('$line', ({ line, offers, not = [] }) => {
    const got = fishCandidates(line);
    for (const w of offers) expect(got).toContain(w);
    for (const w of not) expect(got).not.toContain(w);
  });
});
