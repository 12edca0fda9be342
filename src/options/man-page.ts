// roff man pages built from the option tables (man/mqtk-<cmd>.1, man/mqtk.1), plus each
// command's Manual: the prose sections a table cannot give (format specifiers, output
// samples, exit statuses, files, environment). `groff -ww -man -z` is clean for each.
import { builtinCommands, globalOptions } from './general.js';
import type { OptionSpec } from './spec.js';
import { groupOptions, type UsageSource } from './usage.js';

/** A paragraph of plain text, a term/description list, or lines printed as they are. */
export type ManBlock = string | { list: ReadonlyArray<readonly [string, string]> } | { literal: readonly string[] };

export interface ManSection {
  title: string;
  blocks: readonly ManBlock[];
}

export interface Manual {
  /** Paragraphs after the generated first one. */
  description?: readonly ManBlock[];
  /** Sections after OPTIONS: FORMAT SPECIFIERS, OUTPUT FORMATS ... */
  sections?: readonly ManSection[];
  exitStatus: ReadonlyArray<readonly [string, string]>;
  environment: ReadonlyArray<readonly [string, string]>;
  files: ReadonlyArray<readonly [string, string]>;
  /** Other pages, e.g. 'mosquitto_sub(1)'; mqtk(1) comes first by itself. */
  seeAlso: readonly string[];
}

/** What a man page is built from: the command's table and its Manual. */
export interface ManSource extends UsageSource {
  manual?: () => Promise<{ manual: Manual }>;
}

/** Escapes text for roff: backslashes, dashes, a leading dot or quote, and non-ASCII characters (∞ → \\[u221E]). */
function roff(text: string): string {
  return text
    .replace(/\\/g, '\\e')
    .replace(/-/g, '\\-')
    .replace(/^([.'])/gm, '\\&$1')
    .replace(/[^\x00-\x7f]/gu, (c) => `\\[u${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}]`);
}

function optionLabel(o: OptionSpec): string {
  const flags = o.flags.map((f) => `\\fB${roff(f)}\\fR`).join(', ');
  return o.arg ? `${flags} \\fI${roff(o.arg)}\\fR` : flags;
}

function blocks(list: readonly ManBlock[]): string[] {
  const out: string[] = [];
  for (const b of list) {
    if (typeof b === 'string') out.push('.PP', roff(b));
    else if ('list' in b) for (const [term, text] of b.list) out.push('.TP', `\\fB${roff(term)}\\fR`, roff(text));
    else out.push('.PP', '.RS 4', '.nf', ...b.literal.map((l) => (l === '' ? '.sp' : roff(l))), '.fi', '.RE');
  }
  return out;
}

const pageRef = (ref: string): string => {
  const m = /^(.+)\((\d)\)$/.exec(ref);
  return m ? `\\fB${roff(m[1]!)}\\fR(${m[2]})` : roff(ref);
};

export function formatManPage(cmd: UsageSource, version: string, manual?: Manual): string {
  const out: string[] = [];
  const name = `mqtk-${cmd.name}`;
  out.push(`.TH ${name.toUpperCase()} 1 "" "mqtk ${version}" "mqtk manual"`);
  out.push('.SH NAME', `${name} \\- ${roff(cmd.summary)}`);
  out.push('.SH SYNOPSIS');
  cmd.usage.forEach((u, i) => out.push(...(i > 0 ? ['.br'] : []), `\\fBmqtk ${cmd.name}\\fR ${roff(u)}`));
  out.push('.SH DESCRIPTION');
  out.push(
    cmd.mirrors
      ? `\\fBmqtk ${cmd.name}\\fR takes the options of \\fB${cmd.mirrors}\\fR(${cmd.mirrors === 'mosquitto' ? 8 : 1}), with the same defaults, output and exit statuses; options marked (mqtk) are additions.`
      : `\\fBmqtk ${cmd.name}\\fR ${roff(cmd.summary)}.`,
  );
  out.push(...blocks(manual?.description ?? []));
  out.push('.SH OPTIONS');
  for (const [group, opts] of groupOptions(cmd.options)) {
    out.push(`.SS ${roff(group)}`);
    for (const o of opts) {
      out.push('.TP', optionLabel(o), `${roff(o.describe)}${o.mqtk ? ' (mqtk)' : ''}${o.choices ? `. One of: ${o.choices.map(roff).join(', ')}.` : ''}`);
    }
  }
  for (const s of manual?.sections ?? []) out.push(`.SH ${roff(s.title.toUpperCase())}`, ...blocks(s.blocks));
  if (manual) {
    out.push('.SH EXIT STATUS', ...blocks([{ list: manual.exitStatus }]));
    out.push('.SH ENVIRONMENT', ...blocks([{ list: manual.environment }]));
    out.push('.SH FILES', ...blocks([{ list: manual.files }]));
  }
  if (cmd.examples && cmd.examples.length > 0) {
    out.push('.SH EXAMPLES');
    for (const e of cmd.examples) out.push('.PP', roff(e.describe), '.RS 4', '.nf', `\\fB${roff(e.command)}\\fR`, '.fi', '.RE');
  }
  out.push('.SH SEE ALSO', ['mqtk(1)', ...(manual?.seeAlso ?? [])].map(pageRef).join(', '));
  return `${out.join('\n')}\n`;
}

export function formatIndexManPage(commands: readonly UsageSource[], version: string): string {
  const out: string[] = [];
  out.push(`.TH MQTK 1 "" "mqtk ${version}" "mqtk manual"`);
  out.push('.SH NAME', 'mqtk \\- an MQTT toolkit for the terminal');
  out.push('.SH SYNOPSIS', '\\fBmqtk\\fR [\\fIglobal options\\fR] \\fIcommand\\fR [\\fIoptions\\fR]');
  for (const b of builtinCommands) out.push('.br', `\\fBmqtk ${b.name}\\fR ${roff(b.args)}`);
  out.push('.SH DESCRIPTION', blocks([
    'mqtk is one binary with subcommands. Its client commands take the options of the Eclipse Mosquitto clients, print what they print and exit with their statuses; the broker takes a subset of mosquitto.conf.',
    "Options go after the command. Before it, only the global options below are accepted; any other option there is an error naming it, and a mistyped command gets a suggestion.",
  ]).join('\n'));
  out.push('.SH COMMANDS');
  for (const c of commands) out.push('.TP', `\\fB${c.name}\\fR`, `${roff(c.summary)}; see \\fBmqtk\\-${c.name}\\fR(1).`);
  for (const b of builtinCommands) out.push('.TP', `\\fB${b.name}\\fR ${roff(b.args)}`, `${roff(b.summary)}.`);
  out.push('.SH GLOBAL OPTIONS');
  for (const o of globalOptions) out.push('.TP', optionLabel(o), roff(o.describe));
  out.push('.SH EXIT STATUS', roff('0 on success, 1 for a command-line error; each command page lists its own statuses.'));
  out.push('.SH ENVIRONMENT', ...blocks([{ list: [['NO_COLOR', 'when set and not empty, no colour'], ['MQTK_DEBUG', 'when set, an internal error also prints its stack trace']] }]));
  out.push('.SH FILES', ...blocks([{ list: [['~/.config/mqtk/COMMAND', 'default options of a command (or $XDG_CONFIG_HOME/mqtk/COMMAND)']] }]));
  out.push('.SH EXAMPLES', '.nf', '\\fBmqtk serve & mqtk sub \\-t \'demo/#\' \\-v & mqtk pub \\-t demo/hello \\-m hi\\fR', '\\fBsource <(mqtk completion bash)\\fR', '.fi');
  out.push('.SH SEE ALSO', commands.map((c) => `\\fBmqtk\\-${c.name}\\fR(1)`).join(', '));
  return `${out.join('\n')}\n`;
}
