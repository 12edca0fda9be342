// Every generated documentation file, by path: man pages and completion scripts.
import { formatCompletion } from './completions.js';
import { formatIndexManPage, formatManPage } from './man-page.js';
import type { UsageSource } from './usage.js';

export function renderDocs(commands: readonly UsageSource[], version: string): Record<string, string> {
  const docs: Record<string, string> = {
    'man/mqtk.1': formatIndexManPage(commands, version),
    'completions/mqtk.bash': formatCompletion('bash', commands),
    'completions/mqtk.fish': formatCompletion('fish', commands),
    'completions/mqtk.zsh': formatCompletion('zsh', commands),
  };
  for (const c of commands) docs[`man/mqtk-${c.name}.1`] = formatManPage(c, version);
  return docs;
}
