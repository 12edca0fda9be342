// Client id and topic templates, compiled once: %i client index, %c client id, %w
// worker index, %rand_N a random integer 1..N (emqtt-bench's meaning), %% a percent sign.
import { UsageError } from '../../errors.js';

export interface TemplateContext {
  index: number;
  clientId: string;
  worker: number;
}

export type Template = (ctx: TemplateContext) => string;

const TOKEN = /%(?:rand_(\d+)|([icw%]))/g;

export function compileTemplate(text: string, what: string): Template {
  const parts: Array<string | ((ctx: TemplateContext) => string)> = [];
  let last = 0;
  for (const m of text.matchAll(TOKEN)) {
    parts.push(text.slice(last, m.index));
    last = m.index + m[0].length;
    if (m[1] !== undefined) {
      const n = Number(m[1]);
      if (!(n >= 1)) throw new UsageError(`Invalid ${what} template '${text}': %rand_N needs N ≥ 1.`);
      parts.push(() => String(1 + Math.floor(Math.random() * n)));
      continue;
    }
    switch (m[2]) {
      case 'i': parts.push((c) => String(c.index)); break;
      case 'c': parts.push((c) => c.clientId); break;
      case 'w': parts.push((c) => String(c.worker)); break;
      default: parts.push(() => '%');
    }
  }
  parts.push(text.slice(last));
  if (parts.some((p) => typeof p === 'string' && p.includes('%'))) throw new UsageError(`Invalid ${what} template '${text}': use %i, %c, %w, %rand_N or %%.`);
  return (ctx) => parts.map((p) => (typeof p === 'string' ? p : p(ctx))).join('');
}

/** The filter that matches every topic a template makes: a level with a placeholder becomes '+'. */
export function templateFilter(text: string): string {
  return text.split('/').map((level) => (/%(?:rand_\d+|[icw])/.test(level) ? '+' : level.replaceAll('%%', '%'))).join('/');
}
