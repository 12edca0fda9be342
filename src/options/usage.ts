// The one help renderer: `mqtk --help`, `mqtk help CMD` and `mqtk CMD --help` all
// print a HelpPage built from the option tables.
import { builtinCommands, globalOptions } from './general.js';
import type { OptionSpec } from './spec.js';

export interface Example {
  command: string;
  /** What it does, one line. */
  describe: string;
}

/** What a command's help, man page and completions are built from. */
export interface UsageSource {
  name: string;
  summary: string;
  mirrors?: string;
  usage: readonly string[];
  options: readonly OptionSpec[];
  /** 2-4 examples for --help (all of them go to the man page). */
  examples?: readonly Example[];
}

export interface HelpRow {
  label: string;
  text: string;
}

export interface HelpPage {
  head: readonly string[];
  /** Usage lines without the leading "Usage: ". */
  usage: readonly string[];
  sections: ReadonlyArray<{ heading: string; rows: readonly HelpRow[] }>;
  examples: readonly Example[];
  /** The command that shows the manual page, e.g. `man mqtk-pub`. */
  man: string;
}

export function formatHelp(page: HelpPage): string {
  const lines: string[] = [...page.head, ''];
  page.usage.forEach((u, i) => lines.push(`${i === 0 ? 'Usage: ' : '       '}${u}`));
  const labels = page.sections.flatMap((s) => s.rows.map((r) => r.label.length));
  const width = Math.min(40, Math.max(0, ...labels) + 2);
  for (const section of page.sections) {
    lines.push('', `${section.heading}:`);
    for (const r of section.rows) {
      lines.push(r.label.length + 2 > width ? ` ${r.label}\n ${' '.repeat(width)}${r.text}` : ` ${r.label.padEnd(width)}${r.text}`);
    }
  }
  if (page.examples.length > 0) {
    lines.push('', 'Examples:');
    for (const e of page.examples) lines.push(` ${e.command}`, `     ${e.describe}`);
  }
  lines.push('', `See '${page.man}' for more information.`, '');
  return lines.join('\n');
}

export function optionLabel(o: OptionSpec): string {
  return `${o.flags.join(', ')}${o.arg ? ` ${o.kind === 'property' ? o.arg : `<${o.arg}>`}` : ''}`;
}

/** Options by their group heading, in table order. */
export function groupOptions(options: readonly OptionSpec[]): Map<string, OptionSpec[]> {
  const groups = new Map<string, OptionSpec[]>();
  for (const o of options) groups.set(o.group, [...(groups.get(o.group) ?? []), o]);
  return groups;
}

/** How many examples --help shows; the man page has them all. */
const HELP_EXAMPLES = 4;

export function formatUsage(cmd: UsageSource, version: string, man = `man mqtk-${cmd.name}`): string {
  return formatHelp({
    head: [`mqtk ${cmd.name}: ${cmd.summary}`, `mqtk version ${version}${cmd.mirrors ? `; options and output follow ${cmd.mirrors}` : ''}.`],
    usage: cmd.usage.map((u) => `mqtk ${cmd.name} ${u}`),
    sections: [...groupOptions(cmd.options)].map(([heading, opts]) => ({
      heading,
      rows: opts.map((o) => ({ label: optionLabel(o), text: o.describe })),
    })),
    examples: (cmd.examples ?? []).slice(0, HELP_EXAMPLES),
    man,
  });
}

/** `mqtk --help`: the commands, the global options, and where to start. */
export function formatTopLevelHelp(commands: readonly UsageSource[], version: string, man = 'man mqtk'): string {
  return formatHelp({
    head: ['mqtk: an MQTT toolkit for the terminal; client commands take mosquitto\'s options.', `mqtk version ${version}.`],
    usage: ['mqtk COMMAND [options]', ...builtinCommands.map((b) => `mqtk ${b.name} ${b.args}`)],
    sections: [
      {
        heading: 'Commands',
        rows: [...commands.map((c) => ({ label: c.name, text: c.summary })), ...builtinCommands.map((b) => ({ label: b.name, text: b.summary }))],
      },
      { heading: 'Global options', rows: globalOptions.map((o) => ({ label: optionLabel(o), text: o.describe })) },
    ],
    examples: [
      { command: "mqtk serve & mqtk sub -t 'demo/#' -v & mqtk pub -t demo/hello -m hi", describe: 'a broker, a subscriber and one message, all local' },
      { command: 'mqtk help pub', describe: "the options of one command (same as 'mqtk pub --help')" },
      { command: 'source <(mqtk completion bash)', describe: 'TAB completion in this bash session' },
    ],
    man,
  });
}
