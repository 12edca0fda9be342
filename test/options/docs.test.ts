import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commands } from '../../src/cli.js';
import { renderDocs } from '../../src/options/docs.js';

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
const docs = renderDocs(commands, version);

describe('generated man pages and completions', () => {
  for (const [path, text] of Object.entries(docs)) {
    it(`${path} is up to date (run npm run docs)`, () => {
      expect(readFileSync(path, 'utf8')).toBe(text);
    });
  }

  /** One command's branch of a completion script (`    pub)` up to the next branch). */
  const branchText = (script: string, name: string): string => {
    const start = script.indexOf(`\n    ${name})`);
    const next = script.slice(start + 1).search(/\n {4}\S+\)/);
    return script.slice(start, next < 0 ? undefined : start + 1 + next);
  };
  const branchWords = (script: string, name: string): Set<string> => new Set(branchText(script, name).split(/[\s'"{},()[\]|=]+/));

  for (const cmd of commands) {
    it(`man/mqtk-${cmd.name}.1 and both completions list every option of ${cmd.name}`, () => {
      // bash: the words offered after the case on $prev (the branch's last compgen -W).
      const bashLists = [...branchText(docs['completions/mqtk.bash']!, cmd.name).matchAll(/compgen -W "([^"]*)"/g)];
      const bash = new Set(bashLists.at(-1)![1]!.split(' '));
      const zsh = branchWords(docs['completions/mqtk.zsh']!, cmd.name);
      for (const o of cmd.options) {
        for (const flag of o.flags) {
          expect(docs[`man/mqtk-${cmd.name}.1`]).toContain(`\\fB${flag.replace(/-/g, '\\-')}\\fR`);
          expect(bash.has(flag), `${flag} in the bash branch of ${cmd.name}`).toBe(true);
          expect(zsh.has(flag), `${flag} in the zsh branch of ${cmd.name}`).toBe(true);
        }
      }
    });

    it(`declares each flag and key of ${cmd.name} once (a second one would silently win)`, () => {
      const flags = cmd.options.flatMap((o) => o.flags);
      expect(flags.filter((f, i) => flags.indexOf(f) !== i)).toEqual([]);
      const keys = cmd.options.map((o) => o.key);
      expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
    });
  }

  it('the bash completion script is valid bash', async () => {
    const { execFileSync } = await import('node:child_process');
    expect(() => execFileSync('bash', ['-n'], { input: docs['completions/mqtk.bash'] })).not.toThrow();
  });
});
