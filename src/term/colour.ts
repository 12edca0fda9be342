// The chalk palette for formatters (format/style.ts defines what can be coloured).
// chalk is imported only when colour is on, so piped runs do not pay for it.
import type { Palette } from '../format/style.js';
import { plainPalette } from '../format/style.js';

export async function createPalette(colour: boolean): Promise<Palette> {
  if (!colour) return plainPalette;
  const { Chalk } = await import('chalk');
  const c = new Chalk({ level: 1 });
  return {
    topic: c.cyan,
    payload: (t) => t,
    dim: c.dim,
    error: c.red.bold,
    inArrow: c.green,
    outArrow: c.magenta,
    packetType: c.bold,
    field: c.yellow,
    value: (t) => t,
  };
}
