// roff man pages built from the option tables (man/mqtk-<cmd>.1, man/mqtk.1).
import type { OptionSpec } from './spec.js';
import type { UsageSource } from './usage.js';

/** Escapes text for roff: backslashes, and a leading dot or quote. */
function roff(text: string): string {
  return text.replace(/\\/g, '\\e').replace(/-/g, '\\-').replace(/^([.'])/gm, '\\&$1');
}

function optionLabel(o: OptionSpec): string {
  const flags = o.flags.map((f) => `\\fB${roff(f)}\\fR`).join(', ');
  return o.arg ? `${flags} \\fI${roff(o.arg)}\\fR` : flags;
}

export function formatManPage(cmd: UsageSource, version: string): string {
  const out: string[] = [];
  const name = `mqtk-${cmd.name}`;
  out.push(`.TH ${name.toUpperCase()} 1 "" "mqtk ${version}" "mqtk manual"`);
  out.push('.SH NAME', `${name} \\- ${roff(cmd.summary)}`);
  out.push('.SH SYNOPSIS');
  for (const u of cmd.usage) out.push(`.B mqtk ${cmd.name}`, roff(u), '.br');
  out.push('.SH DESCRIPTION');
  out.push(
    cmd.mirrors
      ? `\\fBmqtk ${cmd.name}\\fR takes the options of \\fB${cmd.mirrors}\\fR(1), with the same defaults, output and exit statuses; options marked (mqtk) are additions.`
      : `\\fBmqtk ${cmd.name}\\fR ${roff(cmd.summary)}.`,
  );
  const groups = new Map<string, OptionSpec[]>();
  for (const o of cmd.options) groups.set(o.group, [...(groups.get(o.group) ?? []), o]);
  for (const [group, opts] of groups) {
    out.push(`.SH ${roff(group.toUpperCase())} OPTIONS`);
    for (const o of opts) {
      out.push('.TP', optionLabel(o), `${roff(o.describe)}${o.mqtk ? ' (mqtk)' : ''}${o.choices ? `. One of: ${o.choices.map(roff).join(', ')}.` : ''}`);
    }
  }
  for (const section of cmd.manual ?? []) {
    out.push(`.SH ${roff(section.heading.toUpperCase())}`);
    for (const e of section.entries) out.push(...(e.term !== undefined ? ['.TP', `\\fB${roff(e.term)}\\fR`, roff(e.text)] : ['.PP', roff(e.text)]));
  }
  out.push('.SH FILES', `\\fI$XDG_CONFIG_HOME/mqtk/${cmd.name}\\fR or \\fI~/.config/mqtk/${cmd.name}\\fR: default options, one per line, read before the command line.`);
  out.push('.SH SEE ALSO', `\\fBmqtk\\fR(1)${cmd.mirrors ? `, \\fB${cmd.mirrors}\\fR(1)` : ''}`);
  return `${out.join('\n')}\n`;
}

export function formatIndexManPage(commands: readonly UsageSource[], version: string): string {
  const out: string[] = [];
  out.push(`.TH MQTK 1 "" "mqtk ${version}" "mqtk manual"`);
  out.push('.SH NAME', 'mqtk \\- an MQTT toolkit for the terminal');
  out.push('.SH SYNOPSIS', '.B mqtk', '\\fIcommand\\fR [\\fIoptions\\fR]');
  out.push('.SH COMMANDS');
  for (const c of commands) out.push('.TP', `\\fB${c.name}\\fR`, `${roff(c.summary)}; see \\fBmqtk\\-${c.name}\\fR(1).`);
  out.push('.SH SEE ALSO', commands.map((c) => `\\fBmqtk\\-${c.name}\\fR(1)`).join(', '));
  return `${out.join('\n')}\n`;
}
