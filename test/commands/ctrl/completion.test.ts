import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { commands } from '../../../src/cli.js';
import { formatBashCompletion } from '../../../src/options/completions.js';
import { formatManPage } from '../../../src/options/man-page.js';
import { ctrlCommand } from '../../../src/commands/ctrl/command.js';
import { DYNSEC_VERBS } from '../../../src/commands/ctrl/dynsec.js';

/** What bash offers for `words` with the cursor on the last one. */
function complete(words: string[]): string[] {
  const script = `${formatBashCompletion(commands)}\nCOMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _mqtk; printf '%s\\n' "\${COMPREPLY[@]}"`;
  return execFileSync('bash', ['-c', script], { encoding: 'utf8' }).split('\n').filter(Boolean);
}

describe('ctrl completions and man page', () => {
  it('completes the module, dynsec commands, acltypes and allow|deny', () => {
    expect(complete(['mqtk', 'ctrl', '-p', '1883', 'dyn'])).toEqual(['dynsec']);
    expect(complete(['mqtk', 'ctrl', 'dynsec', 'addRole'])).toEqual(['addRoleACL']);
    expect(complete(['mqtk', 'ctrl', 'dynsec', 'addRoleACL', 'app', 'sub'])).toEqual(['subscribeLiteral', 'subscribePattern']);
    expect(complete(['mqtk', 'ctrl', 'dynsec', 'addRoleACL', 'app', 'publishClientSend', 'a/#', ''])).toEqual(['allow', 'deny']);
    expect(complete(['mqtk', 'ctrl', 'dynsec', 'setDefaultACLAccess', ''])).toEqual(['publishClientSend', 'publishClientReceive', 'subscribe', 'unsubscribe']);
  });

  it('documents every dynsec command in man/mqtk-ctrl.1', () => {
    const page = formatManPage(ctrlCommand, '0');
    for (const v of DYNSEC_VERBS) expect(page).toContain(`\\fB${v.name}`);
    expect(page).toContain('.SH EXAMPLES');
  });
});
