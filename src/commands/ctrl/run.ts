// mqtk ctrl: `dynsec <command> [args]` → one request to the dynamic-security plugin
// (reference §10.2) → its response printed as mosquitto_ctrl prints it, or as JSON.
// Unlike mosquitto_ctrl 2.0.11, an error response or a refused connection exits non-zero.
import { randomBytes } from 'node:crypto';
import { ExitError, UsageError } from '../../errors.js';
import { formatDynsecData, type DynsecResponse } from '../../format/dynsec.js';
import { toConnectionSetup } from '../../options/client-config.js';
import { parseQos, str } from '../../options/numbers.js';
import { toOutputMode, type OutputMode } from '../../options/output-mode.js';
import type { ParsedArgs } from '../../options/spec.js';
import { toTimeoutMs } from '../../options/subscribe-config.js';
import type { Terminal } from '../../term/terminal.js';
import { badArguments, findDynsecVerb, formatDynsecHelp, INIT_ARGS, type DynsecRequest } from './dynsec.js';
import { askNewPassword } from './password.js';
import { openDynsecLink, type DynsecLinkOptions } from './request.js';

/** The plugin answered with an error (mosquitto_ctrl prints it and exits 0). */
export const ERROR_RESPONSE_EXIT = 1;

export async function run(args: ParsedArgs, term: Terminal): Promise<number> {
  const mode = toOutputMode(args.values);
  const [module, name, ...rest] = args.positionals;
  if (module === undefined && term.stdinIsTTY && term.stdout.isTTY) {
    const { runInteractive } = await import('./interactive.js');
    const link = await openDynsecLink(linkOptions(args, mode, term));
    try {
      return await runInteractive(link, mode, term, { fillPassword: (r, verb) => fillPassword(r, term, verb), print: (r) => printResponse(r, mode, mode !== 'json', term) });
    } finally {
      await link.close();
    }
  }
  if (module === undefined) {
    throw new UsageError('No module given: use mqtk ctrl [options] dynsec <command> (mqtk ctrl dynsec help lists the commands); on a terminal, mqtk ctrl alone is interactive.', { showUsage: true });
  }
  if (module !== 'dynsec') throw new ExitError(10, `Module '${module}' not supported.`);
  if (name === undefined) throw new UsageError("No dynsec command given: 'mqtk ctrl dynsec help' lists them.");
  if (name === 'help') {
    term.stdout.write(formatDynsecHelp());
    return 0;
  }
  if (name === 'init') {
    const { writeInitialConfig, formatInitDone } = await import('./init.js');
    if (rest.length < 2 || rest.length > 3) throw badArguments('init', `expected init ${INIT_ARGS}`);
    const [file, admin, given] = rest as [string, string, string?];
    const password = given ?? (await askNewPassword(admin, 'required', term, 'init'));
    await writeInitialConfig(file, admin, password!);
    if (mode !== 'json') term.stdout.write(formatInitDone(file, admin));
    // The plugin reads the file as the broker's user: say so when that user cannot (0600, root's).
    const { warnBrokerAccess } = await import('../broker-access.js');
    warnBrokerAccess(term, file);
    return 0;
  }
  const verb = findDynsecVerb(name);
  if (!verb) throw new ExitError(13, `Command '${name}' not recognised.`);
  // On a terminal, text output shows list* as tables of full entries; a pipe gets
  // mosquitto_ctrl's names (and the same request), and JSON keeps the plugin's default data.
  const tables = mode !== 'json' && term.stdout.isTTY === true;
  const request = verb.build(rest, { table: tables });
  await fillPassword(request, term, verb.name);

  const link = await openDynsecLink(linkOptions(args, mode, term));
  let response;
  try {
    response = await link.send(request.command);
  } finally {
    await link.close();
  }
  return printResponse(response, mode, tables, term);
}

function linkOptions(args: ParsedArgs, mode: OutputMode, term: Terminal): DynsecLinkOptions {
  const setup = toConnectionSetup(args, { protocolVersion: 5, pid: term.pid });
  const qos = args.values.qos !== undefined ? parseQos(str(args.values.qos)!) : 1;
  const timeoutMs = toTimeoutMs(args.values) ?? 10_000;
  return { setup, qos, timeoutMs, mode, term, nextCorrelation: () => randomBytes(12).toString('hex') };
}

async function fillPassword(request: DynsecRequest, term: Terminal, verb: string): Promise<void> {
  if (!request.askPassword) return;
  const password = await askNewPassword(request.askPassword.username, request.askPassword.mode, term, verb);
  if (password !== undefined) request.command.password = password;
}

function printResponse(response: DynsecResponse, mode: OutputMode, tables: boolean, term: Terminal): number {
  if (mode === 'json') {
    term.stdout.write(`${JSON.stringify({ command: response.command, ...(response.error !== undefined ? { error: response.error } : {}), ...(response.data !== undefined ? { data: response.data } : {}) })}\n`);
  }
  if (response.error !== undefined) {
    term.stderr.write(`${response.command}: Error: ${response.error}\n`);
    return ERROR_RESPONSE_EXIT;
  }
  if (mode !== 'json') term.stdout.write(formatDynsecData(response, { tables }));
  return 0;
}
