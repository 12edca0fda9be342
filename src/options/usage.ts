// Usage text built from the option table (what `mqtk <cmd> --help` prints).
import type { OptionSpec } from './spec.js';

export interface UsageSource {
  name: string;
  summary: string;
  mirrors?: string;
  usage: readonly string[];
  options: readonly OptionSpec[];
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
