// The command registry (option tables only: cheap to import) and buildCli(), the
// yargs view of the same tables for top-level help. yargs costs
// ~40 ms to import, so it is loaded only when those are asked for; running a command
// goes through the table-driven parser in options/parse.ts.
import { benchCommand } from './commands/bench/command.js';
import { passwdCommand } from './commands/passwd/command.js';
import { pubCommand } from './commands/pub/command.js';
import { serveCommand } from './commands/serve/command.js';
import type { CommandSpec } from './commands/spec.js';
import { rrCommand } from './commands/rr/command.js';
import { ctrlCommand } from './commands/ctrl/command.js';
import { subCommand } from './commands/sub/command.js';
import { VERSION } from './version.js';

export const commands: readonly CommandSpec[] = [pubCommand, subCommand, rrCommand, ctrlCommand, passwdCommand, serveCommand, benchCommand];

export function findCommand(name: string | undefined): CommandSpec | undefined {
  return commands.find((c) => c.name === name);
}

/** yargs built from the same option tables; parsing with it never runs a command. */
export async function buildCli(argv: readonly string[]) {
  const { default: yargs } = await import('yargs');
  let cli = yargs([...argv])
    .scriptName('mqtk')
    .usage('mqtk <command> [options]\n\nAn MQTT toolkit for the terminal; client commands take mosquitto\'s options.')
    .version(VERSION)
    .strictCommands()
    .command('completion [shell]', 'print a shell completion script (bash or zsh)')
    .recommendCommands()
    .wrap(Math.min(100, process.stdout.columns || 80));
  for (const cmd of commands) {
    cli = cli.command(
      cmd.name,
      cmd.summary,
      (y) => {
        for (const o of cmd.options) {
          const [first, ...rest] = o.flags.map((f) => f.replace(/^-+/, ''));
          y.option(first!, {
            alias: rest,
            describe: o.describe,
            type: o.arg === undefined ? 'boolean' : o.repeat || o.kind === 'property' ? 'array' : 'string',
            ...(o.choices ? { choices: [...o.choices] } : {}),
            group: `${o.group}:`,
          });
        }
        return y;
      },
      () => {},
    );
  }
  return cli;
}
