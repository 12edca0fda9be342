// The import rules of ../shared/architecture.md, checked on every file of src/.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '..', 'src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

interface Import {
  from: string;
  to: string;
  typeOnly: boolean;
}

const IMPORT = /^\s*(import|export)\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/gm;

function imports(file: string): Import[] {
  const text = readFileSync(file, 'utf8');
  const out: Import[] = [];
  for (const m of text.matchAll(IMPORT)) {
    const spec = m[3] ?? m[4]!;
    const to = spec.startsWith('.') ? relative(SRC, resolve(dirname(file), spec)).replace(/\.js$/, '.ts') : spec;
    out.push({ from: relative(SRC, file), to, typeOnly: m[2] !== undefined });
  }
  return out;
}

const all = files(SRC).flatMap(imports);
const layer = (path: string): string => (path.includes('/') ? path.split('/')[0]! : path.replace(/\.ts$/, ''));
const isOurs = (to: string): boolean => !to.startsWith('node:') && (to.includes('/') || to.endsWith('.ts')) && !to.startsWith('@') && !/^[a-z][a-z0-9-]*$/.test(to);

function violations(fromLayer: string, allowed: (imp: Import) => boolean): string[] {
  return all.filter((i) => layer(i.from) === fromLayer && !allowed(i)).map((i) => `${i.from} → ${i.to}`);
}

describe('architecture: dependencies point one way', () => {
  it('codec is pure: only its own files and node:buffer', () => {
    expect(violations('codec', (i) => layer(i.to) === 'codec' || i.to === 'node:buffer')).toEqual([]);
  });

  it('topic and wire import only codec', () => {
    expect(violations('topic', (i) => ['topic', 'codec'].includes(layer(i.to)))).toEqual([]);
    expect(violations('wire', (i) => ['wire', 'codec'].includes(layer(i.to)) || i.to.startsWith('node:'))).toEqual([]);
  });

  it('auth imports only argon2 and node built-ins', () => {
    expect(violations('auth', (i) => layer(i.to) === 'auth' || i.to === 'argon2' || i.to.startsWith('node:'))).toEqual([]);
  });

  it('client imports codec, topic and wire, never broker, options, commands or the terminal', () => {
    expect(violations('client', (i) => ['client', 'codec', 'topic', 'wire'].includes(layer(i.to)) || i.to.startsWith('node:') || i.to === 'ws')).toEqual([]);
  });

  it('broker imports codec, topic, auth and wire, never client', () => {
    expect(violations('broker', (i) => ['broker', 'codec', 'topic', 'auth', 'wire'].includes(layer(i.to)) || !isOurs(i.to))).toEqual([]);
  });

  it('bridge imports client and broker (and what they import), never options, commands or the terminal', () => {
    expect(violations('bridge', (i) => ['bridge', 'client', 'broker', 'codec', 'topic', 'wire'].includes(layer(i.to)) || i.to.startsWith('node:'))).toEqual([]);
  });

  it('format is pure: types from other layers, values only from format, errors and node:buffer', () => {
    expect(violations('format', (i) => layer(i.to) === 'format' || i.to === 'errors.ts' || i.to === 'node:buffer' || (i.typeOnly && isOurs(i.to)))).toEqual([]);
  });

  it('options imports yargs-free tables, codec, topic and errors (client only for types)', () => {
    expect(violations('options', (i) => ['options', 'codec', 'topic', 'errors'].includes(layer(i.to)) || (i.typeOnly && layer(i.to) === 'client') || i.to.startsWith('node:'))).toEqual([]);
  });

  it('only term/ touches chalk, ora and inquirer', () => {
    const ui = all.filter((i) => /^(chalk|ora|inquirer|@inquirer\/)/.test(i.to) && layer(i.from) !== 'term');
    expect(ui.map((i) => `${i.from} → ${i.to}`)).toEqual([]);
  });

  it('commands never import another command, and only cli.ts imports commands', () => {
    const cross = all.filter((i) => i.from.startsWith('commands/') && i.to.startsWith('commands/') && i.from.split('/')[1] !== i.to.split('/')[1] && i.to.split('/').length > 2);
    expect(cross.map((i) => `${i.from} → ${i.to}`)).toEqual([]);
    const outside = all.filter((i) => i.to.startsWith('commands/') && !i.from.startsWith('commands/') && !['cli.ts', 'main.ts'].includes(i.from) && !i.typeOnly);
    expect(outside.map((i) => `${i.from} → ${i.to}`)).toEqual([]);
  });

  it('only main.ts exits the process', () => {
    const exits = files(SRC).filter((f) => relative(SRC, f) !== 'main.ts' && /process\.exit\s*\(/.test(readFileSync(f, 'utf8')));
    expect(exits.map((f) => relative(SRC, f))).toEqual([]);
  });
});
