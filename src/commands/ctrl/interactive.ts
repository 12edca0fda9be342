// `mqtk ctrl [connection options]` on a terminal: connect once, then pick a dynsec
// command, fill in its arguments, see the result, repeat (like mosquitto 2.1's ctrl
// shell). An error response or bad arguments are shown and the loop goes on; Ctrl-C or
// "exit" leaves. Never entered when stdin is not a terminal.
import { ExitError, UsageError } from '../../errors.js';
import type { OutputMode } from '../../options/output-mode.js';
import { promptInput, promptSelect } from '../../term/ask.js';
import { PromptCancelledError } from '../../term/prompt.js';
import type { Terminal } from '../../term/terminal.js';
import { DYNSEC_VERBS, type DynsecVerb } from './dynsec.js';
import type { DynsecLink } from './request.js';

export interface InteractiveHooks {
  fillPassword(request: ReturnType<DynsecVerb['build']>, verb: string): Promise<void>;
  print(response: Awaited<ReturnType<DynsecLink['send']>>): number;
}

/**
 * Asks for each of the verb's arguments, as it declares them: words (acltype, allow|deny) as
 * menus, required ones until given, optional ones until one is left empty.
 */
export async function askArguments(verb: DynsecVerb, term: Terminal): Promise<string[]> {
  const io = { input: term.stdin };
  const args: string[] = [];
  for (const p of verb.params) {
    if (p.words) {
      args.push(await promptSelect(p.name, p.words.map((w) => ({ name: w, value: w })), io));
    } else if (p.name === 'password') {
      // Asked for masked by fillPassword, never echoed as a plain argument.
    } else if (p.usage !== undefined) {
      // createClient's [-c clientid] [-p password]: the password is asked for by fillPassword.
      const id = await promptInput('clientid (optional)', io);
      if (id !== '') args.push('-c', id);
    } else if (!p.optional) {
      args.push(await promptInput(p.name, io, { required: true }));
    } else {
      const value = await promptInput(`${p.name} (optional)`, io);
      if (value === '') break;
      args.push(value);
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
