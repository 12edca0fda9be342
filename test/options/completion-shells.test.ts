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
// `zsh: false`: zsh's _arguments gives -D a fixed three words (packet, name, value), so
// user-property's fourth word is read as a positional (a limit of the zsh script for every command).
const cases: Array<{ line: string; offers: string[]; not?: string[]; zsh?: false }> = [
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
  // ctrl's words after its options: the module, its commands, then acltypes and allow|deny
  // where each command takes them (options end at the module, as the parser reads them).
  { line: 'mqtk ctrl ', offers: ['dynsec'], not: ['hosts', 'createClient'] },
  { line: 'mqtk ctrl -u admin -P pw ', offers: ['dynsec'], not: ['hosts'] },
  { line: 'mqtk ctrl -p ', offers: [], not: ['dynsec', 'hosts'] },
  { line: 'mqtk ctrl dynsec ', offers: ['help', 'init', 'createClient', 'listClients', 'addRoleACL', 'setDefaultACLAccess'], not: ['dynsec', 'hosts'] },
  { line: 'mqtk ctrl -h localhost -W 5 dynsec add', offers: ['addClientRole', 'addGroupRole', 'addGroupClient', 'addRoleACL'], not: ['deleteClient', 'listRoles'] },
  { line: 'mqtk ctrl -D connect user-property k v dynsec list', offers: ['listClients', 'listGroups', 'listRoles'], not: ['getClient'], zsh: false },
  { line: 'mqtk ctrl -D connect session-expiry-interval 5 dynsec get', offers: ['getClient', 'getRole', 'getDefaultACLAccess'], not: ['listRoles'] },
  { line: 'mqtk ctrl dynsec addRoleACL ', offers: [], not: ['publishClientSend', 'allow', 'hosts'] },
  { line: 'mqtk ctrl dynsec addRoleACL app ', offers: ['publishClientSend', 'publishClientReceive', 'subscribeLiteral', 'subscribePattern', 'unsubscribeLiteral', 'unsubscribePattern'], not: ['subscribe', 'allow'] },
  { line: 'mqtk ctrl dynsec addRoleACL app subscribePattern ', offers: [], not: ['allow', 'subscribePattern', 'hosts'] },
  { line: 'mqtk ctrl dynsec addRoleACL app subscribePattern a/# ', offers: ['allow', 'deny'], not: ['publishClientSend'] },
  { line: 'mqtk ctrl dynsec addRoleACL app subscribePattern a/# allow ', offers: [], not: ['allow', 'deny', 'hosts'] },
  { line: 'mqtk ctrl -q 1 dynsec removeRoleACL app ', offers: ['publishClientSend', 'unsubscribePattern'], not: ['subscribe', 'allow'] },
  { line: 'mqtk ctrl dynsec setDefaultACLAccess ', offers: ['publishClientSend', 'publishClientReceive', 'subscribe', 'unsubscribe'], not: ['subscribeLiteral', 'allow'] },
  { line: 'mqtk ctrl dynsec setDefaultACLAccess subscribe ', offers: ['allow', 'deny'], not: ['subscribe'] },
  { line: 'mqtk ctrl dynsec getClient ', offers: [], not: ['hosts', 'dynsec'] },
  { line: 'mqtk ctrl dynsec init host', offers: ['hosts'] },
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
  const zshCases = cases.filter((c) => c.zsh !== false);
  const lines = [...zshCases.map((c) => c.line), 'mqtk sub --retain'];
  let got: Map<string, string[]>;
  it('offers the expected candidates for each line', () => {
    got = zshCandidates(lines);
    for (const { line, offers, not = [] } of zshCases) {
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
