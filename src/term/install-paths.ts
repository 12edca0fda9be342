// Where mqtk was installed, for the `man ...` line that ends every --help: after
// `npm install -g` (npm links man/ into PREFIX/share/man) `man mqtk-pub` works; in a
// clone or a local install it does not, so the help names the page's file instead.
import { existsSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The package root, from the path of the running bin/mqtk (process.argv[1]). */
function packageRoot(binPath: string): string | undefined {
  try {
    return dirname(dirname(realpathSync(binPath)));
  } catch {
    return undefined;
  }
}

/** `man mqtk-pub` when man finds the page by name, else `man /path/to/man/mqtk-pub.1`. */
export function manCommand(page: string, binPath: string | undefined): string {
  const root = binPath === undefined ? undefined : packageRoot(binPath);
  const file = root === undefined ? undefined : join(root, 'man', `${page}.1`);
  if (root === undefined || file === undefined || !existsSync(file)) return `man ${page}`;
  // A global install: PREFIX/lib/node_modules/mqtk, pages linked into PREFIX/share/man/man1.
  const prefix = dirname(dirname(dirname(root)));
  if (existsSync(join(prefix, 'share', 'man', 'man1', `${page}.1`))) return `man ${page}`;
  return `man ${file}`;
}
