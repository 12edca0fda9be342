import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commands } from '../../src/cli.js';
import { renderDocs } from '../../src/options/docs.js';

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
const docs = await renderDocs(commands, version);

describe('generated man pages and completions', () => {
  for (const [path, text] of Object.entries(docs)) {
    it(`${path} is up to date (run npm run docs)`, () => {
      expect(readFileSync(path, 'utf8')).toBe(text);
    });
  }

  /** One command's branch of a bash/zsh completion script (`    pub)` up to the next branch). */
  const branchText = (script: string, name: string): string => {
    const start = script.indexOf(`\n    ${name})`);
    const next = script.slice(start + 1).search(/\n {4}\S+\)/);
    return script.slice(start, next < 0 ? undefined : start + 1 + next);
  };
  const branchWords = (script: string, name: string): Set<string> => new Set(branchText(script, name).split(/[\s'"{},()[\]|=;*]+/));

  for (const cmd of commands) {
    it(`man/mqtk-${cmd.name}.1 and the three completions list every option of ${cmd.name}`, () => {
      const bash = branchWords(docs['completions/mqtk.bash']!, cmd.name);
      const zsh = branchWords(docs['completions/mqtk.zsh']!, cmd.name);
      const fish = docs['completions/mqtk.fish']!.split('\n').filter((l) => l.includes(`__fish_seen_subcommand_from ${cmd.name}'`)).join('\n');
      for (const o of cmd.options) {
        for (const flag of o.flags) {
          expect(docs[`man/mqtk-${cmd.name}.1`]).toContain(`\\fB${flag.replace(/-/g, '\\-')}\\fR`);
          expect(bash.has(flag), `${flag} in the bash branch of ${cmd.name}`).toBe(true);
          expect(zsh.has(flag), `${flag} in the zsh branch of ${cmd.name}`).toBe(true);
          const fishFlag = flag.startsWith('--') ? `-l ${flag.slice(2)}` : `-s ${flag.slice(1)}`;
          expect(fish, `${flag} in the fish lines of ${cmd.name}`).toMatch(new RegExp(`${fishFlag.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( |$)`));
        }
      }
    });

    it(`declares each flag and key of ${cmd.name} once (a second one would silently win)`, () => {
      const flags = cmd.options.flatMap((o) => o.flags);
      expect(flags.filter((f, i) => flags.indexOf(f) !== i)).toEqual([]);
      const keys = cmd.options.map((o) => o.key);
      expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
    });

    it(`mqtk ${cmd.name} --help has 2-4 examples`, () => {
      expect(cmd.examples?.length ?? 0).toBeGreaterThanOrEqual(2);
      expect(cmd.examples?.length ?? 0).toBeLessThanOrEqual(4);
    });
  }

  for (const cmd of commands) {
    it(`man/mqtk-${cmd.name}.1 has every section a man page needs, and mirrors its mosquitto page`, () => {
      const page = docs[`man/mqtk-${cmd.name}.1`]!;
      const sections = [...page.matchAll(/^\.SH (.+)$/gm)].map((m) => m[1]);
      expect(sections).toEqual(expect.arrayContaining(['NAME', 'SYNOPSIS', 'DESCRIPTION', 'OPTIONS', 'EXIT STATUS', 'ENVIRONMENT', 'FILES', 'EXAMPLES', 'SEE ALSO']));
      if (cmd.mirrors) expect(page).toMatch(new RegExp(`^\\.SH SEE ALSO\n.*\\\\fB${cmd.mirrors}\\\\fR\\([18]\\)`, 'm'));
    });
  }

  it('mqtk-sub.1 documents every -F specifier and escape, and shows each output format', () => {
    const page = docs['man/mqtk-sub.1']!;
    for (const spec of ['%%', '%t', '%p', '%x', '%X', '%l', '%m', '%q', '%r', '%f', '%d', '%I', '%U', '%j', '%J', '%A', '%C', '%D', '%E', '%F', '%P', '%R', '%S', '@X', '@N', '@@']) {
      expect(page, spec).toMatch(new RegExp(`^\\\\fB[^\\n]*${spec.replace('%', '%')}`, 'm'));
    }
    for (const escape of ['\\e\\e', '\\e0', '\\ea', '\\ee', '\\en', '\\er', '\\et', '\\ev']) expect(page).toContain(escape);
    expect(page).toContain('.SH OUTPUT FORMATS');
    expect(page).toContain('"topic":"demo/t1"');
    expect(page).toContain('PUBLISH topic=');
    expect(page).not.toContain('see the man page');
  });

  it.skipIf(spawnSync('groff', ['--version']).status !== 0)('groff -ww -man -z has no warning for any page', () => {
    for (const [path, text] of Object.entries(docs)) {
      if (!path.startsWith('man/')) continue;
      const r = spawnSync('groff', ['-ww', '-man', '-z'], { input: text, encoding: 'utf8' });
      expect(r.stderr, path).toBe('');
    }
  });

  it('mqtk.1 lists every command, completion included', () => {
    for (const name of [...commands.map((c) => c.name), 'help', 'completion']) expect(docs['man/mqtk.1']).toContain(`\\fB${name}\\fR`);
  });

  it("package.json's man field lists every generated man page (so a global install links them)", () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { man?: string[]; files?: string[] };
    const pages = Object.keys(docs).filter((p) => p.startsWith('man/'));
    expect([...(pkg.man ?? [])].map((p) => p.replace(/^\.\//, '')).sort()).toEqual(pages.sort());
    expect(pkg.files).toContain('man');
  });

  it('the bash completion script is valid bash', async () => {
    const { execFileSync } = await import('node:child_process');
    expect(() => execFileSync('bash', ['-n'], { input: docs['completions/mqtk.bash'] })).not.toThrow();
  });
});
