// `mqtk ctrl [connection options]` on a terminal: connect once, then pick a dynsec
// command, fill in its arguments, see the result, repeat (like mosquitto 2.1's ctrl
// shell). An error response or bad arguments are shown and the loop goes on; Ctrl-C or
// "exit" leaves. Never entered when stdin is not a terminal.
import { ExitError, UsageError } from '../../errors.js';
import type { OutputMode } from '../../options/output-mode.js';
import { promptInput, promptSelect } from '../../term/ask.js';
import { PromptCancelledError } from '../../term/prompt.js';
import type { Terminal } from '../../term/terminal.js';
import { ACL_TYPES, DEFAULT_ACL_TYPES, DYNSEC_VERBS, type DynsecVerb } from './dynsec.js';
import type { DynsecLink } from './request.js';

export interface InteractiveHooks {
  fillPassword(request: ReturnType<DynsecVerb['build']>, verb: string): Promise<void>;
  print(response: Awaited<ReturnType<DynsecLink['send']>>): number;
}

/** Asks for each argument named in the verb's usage (`<x>` required, `[x]` optional, acltype and allow|deny as menus). */
export async function askArguments(verb: DynsecVerb, term: Terminal): Promise<string[]> {
  const io = { input: term.stdin };
  const args: string[] = [];
  let optionalDone = false;
  for (const [token] of verb.args.matchAll(/<[^>]+>|allow\|deny|\[-c clientid\]|\[-p[^\]]*\]|\[\w+/g)) {
    if (token === '<acltype>') {
      const types = verb.name === 'setDefaultACLAccess' ? DEFAULT_ACL_TYPES : ACL_TYPES;
      args.push(await promptSelect('acltype', types.map((t) => ({ name: t, value: t })), io));
    } else if (token === 'allow|deny') {
      args.push(await promptSelect('access', [{ name: 'allow', value: 'allow' }, { name: 'deny', value: 'deny' }], io));
    } else if (token.startsWith('<')) {
      args.push(await promptInput(token.slice(1, -1), io, { required: true }));
    } else if (token === '[-c clientid]') {
      const id = await promptInput('clientid (optional)', io);
      if (id !== '') args.push('-c', id);
    } else if (token.startsWith('[-p') || token === '[password') {
      // Asked for masked by fillPassword, never echoed as a plain argument.
    } else if (!optionalDone) {
      const value = await promptInput(`${token.slice(1)} (optional)`, io);
      if (value === '') optionalDone = true;
      else args.push(value);
    }
  }
  return args;
}

export async function runInteractive(link: DynsecLink, mode: OutputMode, term: Terminal, hooks: InteractiveHooks): Promise<number> {
  const io = { input: term.stdin };
  const choices = [...DYNSEC_VERBS.map((v) => ({ name: v.name, value: v.name, description: `${v.describe}: ${v.name} ${v.args}` })), { name: 'exit', value: 'exit' }];
  term.stderr.write('Connected. Pick a dynsec command; Ctrl-C or "exit" leaves.\n');
  for (;;) {
    let name: string;
    try {
      name = await promptSelect('dynsec command', choices, io);
    } catch (err) {
      if (err instanceof PromptCancelledError) return 0;
      throw err;
    }
    if (name === 'exit') return 0;
    const verb = DYNSEC_VERBS.find((v) => v.name === name)!;
    try {
      const request = verb.build(await askArguments(verb, term), { table: mode !== 'json' });
      await hooks.fillPassword(request, verb.name);
      const response = await link.send(request.command);
      if (hooks.print(response) === 0 && mode === 'text') term.stderr.write(`${verb.name}: OK\n`);
    } catch (err) {
      // A cancelled prompt or a refused command returns to the menu; a lost connection ends it.
      if (err instanceof PromptCancelledError) continue;
      // The line main would print, without ending the session.
      const prefix = 'Error: ';
      if (err instanceof UsageError) term.stderr.write(`${prefix}${err.message}\n`);
      else if (err instanceof ExitError && err.code !== 7 && err.code !== 27) term.stderr.write(err.message ? `${err.verbatim ? '' : prefix}${err.message}\n` : '');
      else throw err;
    }
  }
}
