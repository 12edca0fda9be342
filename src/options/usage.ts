// Usage text built from the option table (what `mqtk <cmd> --help` prints).
import type { OptionSpec } from './spec.js';

/** A man page section beyond the options (e.g. ctrl's dynsec command reference, examples). */
export interface ManualSection {
  heading: string;
  /** With `term`: an indented paragraph under it (.TP); without: a plain paragraph. */
  entries: readonly { term?: string; text: string }[];
}

/**
 * Words completed after the options: `words` are offered when the word `distance` places
 * before the cursor is `after` ('' with distance 0: the first word after the options).
 */
export interface PositionalWords {
  after: string;
  distance: number;
  words: readonly string[];
}

export interface UsageSource {
  name: string;
  summary: string;
  mirrors?: string;
  usage: readonly string[];
  options: readonly OptionSpec[];
  manual?: readonly ManualSection[];
  positionalWords?: readonly PositionalWords[];
}

export function formatUsage(cmd: UsageSource, version: string): string {
  const lines: string[] = [];
  lines.push(`mqtk ${cmd.name}: ${cmd.summary}`);
  lines.push(`mqtk version ${version}${cmd.mirrors ? `; options and output follow ${cmd.mirrors}` : ''}.`);
  lines.push('');
  cmd.usage.forEach((u, i) => lines.push(`${i === 0 ? 'Usage: ' : '       '}mqtk ${cmd.name} ${u}`));
  const groups = new Map<string, OptionSpec[]>();
  for (const o of cmd.options) {
    const g = groups.get(o.group) ?? [];
    g.push(o);
    groups.set(o.group, g);
  }
  const label = (o: OptionSpec): string => `${o.flags.join(', ')}${o.arg ? ` ${o.kind === 'property' ? o.arg : `<${o.arg}>`}` : ''}`;
  const width = Math.min(40, Math.max(...cmd.options.map((o) => label(o).length)) + 2);
  for (const [group, opts] of groups) {
    lines.push('', `${group}:`);
    for (const o of opts) {
      const l = label(o);
      lines.push(l.length + 2 > width ? ` ${l}\n ${' '.repeat(width)}${o.describe}` : ` ${l.padEnd(width)}${o.describe}`);
    }
  }
  lines.push('', `See 'man mqtk-${cmd.name}' for more information.`, '');
  return lines.join('\n');
}
