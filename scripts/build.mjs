// Bundles the CLI into one ESM file (fast start: one module graph, no resolution at run time)
// and the codec into a library entry for `import ... from 'mqtk/codec'`.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';

rmSync('dist', { recursive: true, force: true });
const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  // Native and optional modules stay outside the bundle.
  external: ['argon2'],
  // Some bundled CJS dependencies call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __mqtkCreateRequire } from 'node:module'; const require = __mqtkCreateRequire(import.meta.url);" },
};
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
await build({ ...common, define: { __MQTK_VERSION__: JSON.stringify(version) }, entryPoints: { main: 'src/main.ts' }, outdir: 'dist', splitting: true, chunkNames: 'chunks/[name]-[hash]' });
await build({ ...common, entryPoints: { codec: 'src/codec/index.ts' }, outdir: 'dist', banner: {} });
// Type declarations for the codec library entry.
execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.codec.json'], { stdio: 'inherit' });
