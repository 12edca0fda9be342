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

  for (const cmd of commands) {
    it(`man/mqtk-${cmd.name}.1 and both completions list every option of ${cmd.name}`, () => {
      for (const o of cmd.options) {
        for (const flag of o.flags) {
          expect(docs[`man/mqtk-${cmd.name}.1`]).toContain(`\\fB${flag.replace(/-/g, '\\-')}\\fR`);
          expect(docs['completions/mqtk.bash']).toContain(flag);
          expect(docs['completions/mqtk.zsh']).toContain(flag);
        }
      }
    });
  }

  it('the bash completion script is valid bash', async () => {
    const { execFileSync } = await import('node:child_process');
    expect(() => execFileSync('bash', ['-n'], { input: docs['completions/mqtk.bash'] })).not.toThrow();
  });
});
