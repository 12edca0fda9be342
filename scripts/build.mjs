// Bundles the CLI into one file (fast start: one read, no module resolution at run time)
// and the codec into a library entry for `import ... from 'mqtk/codec'`.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';

rmSync('dist', { recursive: true, force: true });
const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  // Dependencies that only some paths need stay outside the bundle and load from
  // node_modules when used (help, colour, WebSocket, prompts, hashing).
  external: ['argon2', 'chalk', 'ws', '@inquirer/*', 'better-sqlite3', 'ora', 'hdr-histogram-js'],
  // Some bundled CJS dependencies call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __mqtkCreateRequire } from 'node:module'; const require = __mqtkCreateRequire(import.meta.url);" },
};
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
// The CLI is one CommonJS file: Node loads it with one synchronous read and no ESM
// loader work, which is ~10 ms of user time per run (measured with hyperfine);
// bin/ has its own package.json saying "commonjs" so bin/mqtk can require() it.
// Whitespace and comments are left out (the source map still points into src/): V8
// reads, hashes and keeps the whole text on every start, and a comment with one
// non-ASCII character made all 630 KB a two-byte string (~3 ms of each start, measured
// with the code cache; npm run bench:pub). Names stay as they are, for readable traces.
await build({
  ...common,
  format: 'cjs',
  banner: {},
  minifyWhitespace: true,
  define: { __MQTK_VERSION__: JSON.stringify(version) },
  entryPoints: { main: 'src/main.ts' },
  outExtension: { '.js': '.cjs' },
  outdir: 'dist',
});
await build({ ...common, entryPoints: { codec: 'src/codec/index.ts' }, outdir: 'dist', banner: {} });
// The broker as a library: `import { createBroker } from 'mqtk/broker'`.
await build({ ...common, entryPoints: { broker: 'src/broker/index.ts' }, outdir: 'dist' });
// Type declarations for the codec library entry.
execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.codec.json'], { stdio: 'inherit' });
execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.broker.json'], { stdio: 'inherit' });

// bin/mqtk runs the bundle from V8's code cache, and Node 20 loses the dynamic-import
// hook of scripts read from that cache; so the bundle's import() of packages goes
// through a loader that bin/mqtk provides (a plain require() of the bundle still works).
{
  const bundle = readFileSync('dist/main.cjs', 'utf8');
  let count = 0;
  const routed = bundle.replace(/(?<![\w$.])import\((["'])([^"']+)\1\)/g, (_m, q, spec) => {
    count++;
    return `__mqtkImport(${q}${spec}${q})`;
  });
  if (count === 0) throw new Error('build: expected dynamic imports in dist/main.cjs');
  // esbuild escapes non-ASCII in strings and regular expressions (charset ascii).
  if (/[^\x00-\x7f]/.test(routed)) throw new Error('build: dist/main.cjs is not ASCII (see the minifyWhitespace note)');
  // A function declaration at the end is hoisted, and leaves the source map's lines as they are.
  const loader = '\nfunction __mqtkImport(spec) { return typeof globalThis.__mqtkImport === "function" ? globalThis.__mqtkImport(spec) : import(spec); }\n';
  writeFileSync('dist/main.cjs', routed + loader);
}

// V8 code cache for bin/mqtk: one representative run (option parsing, the client's
// connect path, the error path) against a port nothing listens on.
rmSync('dist/main.cjs.cache', { force: true });
try {
  execFileSync(process.execPath, ['bin/mqtk', 'pub', '-h', '127.0.0.1', '-p', '9', '-t', 'cache', '-m', 'x', '--quiet'], {
    stdio: 'ignore',
    env: { ...process.env, MQTK_WRITE_CODE_CACHE: '1', XDG_CONFIG_HOME: '/nonexistent' },
  });
} catch {
  // Exits 1 (connection refused) by design; the cache is written on exit.
}
