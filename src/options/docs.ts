// Every generated documentation file, by path: man pages and completion scripts.
import { formatCompletion, type CompletionSource } from './completions.js';
import { formatIndexManPage, formatManPage, type ManSource } from './man-page.js';

export async function renderDocs(commands: ReadonlyArray<ManSource & CompletionSource>, version: string): Promise<Record<string, string>> {
  const docs: Record<string, string> = {
    'man/mqtk.1': formatIndexManPage(commands, version),
    'completions/mqtk.bash': formatCompletion('bash', commands),
    'completions/mqtk.fish': formatCompletion('fish', commands),
    'completions/mqtk.zsh': formatCompletion('zsh', commands),
  };
  for (const c of commands) docs[`man/mqtk-${c.name}.1`] = formatManPage(c, version, c.manual ? (await c.manual()).manual : undefined);
  return docs;
}
