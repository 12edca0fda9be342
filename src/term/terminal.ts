// The only place that touches process stdio, the environment and signals. Commands get
// a Terminal and never reach for `process` themselves, so they can run under tests.
import type { Readable } from 'node:stream';

export interface OutputStream {
  /** Writes bytes or text; returns false when the caller should await drain(). */
  write(data: string | Uint8Array): boolean;
  drain(): Promise<void>;
  readonly isTTY: boolean;
}

export interface Terminal {
  stdout: OutputStream;
  stderr: OutputStream;
  stdin: Readable;
  readonly stdinIsTTY: boolean;
  env: NodeJS.ProcessEnv;
  pid: number;
  /** The effective user id (undefined where there is none, e.g. Windows). */
  uid?: number;
  /** Called on SIGINT/SIGTERM; returns a function that removes the handler. */
  onSignal(handler: (signal: 'SIGINT' | 'SIGTERM') => void): () => void;
  /**
   * Called on SIGHUP instead of the default (exit); returns a function that removes the
   * handler. Only a long-running server asks for it (serve reloads its files, as
   * mosquitto): under `nohup` the hang-up then reloads once per signal, never exits.
   */
  onHangup?(handler: () => void): () => void;
}

function wrap(stream: NodeJS.WriteStream, onClosed: () => void): OutputStream {
  // A closed pipe (`mqtk sub ... | head -1`) is not an error worth a message.
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') onClosed();
    else throw err;
  });
  return {
    write: (data) => stream.write(data),
    drain: () =>
      stream.writableNeedDrain ? new Promise<void>((resolve) => stream.once('drain', () => resolve())) : Promise.resolve(),
    get isTTY() {
      return stream.isTTY === true;
    },
  };
}

export interface ProcessTerminalOptions {
  /** What to do when stdout's reader went away (main exits quietly). */
  onOutputClosed: () => void;
}

export function createProcessTerminal(opts: ProcessTerminalOptions): Terminal {
  // process.stdout/stderr/stdin are created on first access, which costs several ms
  // (tty or pipe setup); a successful `mqtk pub -m x` never touches them.
  let stdout: OutputStream | undefined;
  let stderr: OutputStream | undefined;
  return {
    get stdout() {
      return (stdout ??= wrap(process.stdout, opts.onOutputClosed));
    },
    get stderr() {
      return (stderr ??= wrap(process.stderr, () => {}));
    },
    get stdin() {
      return process.stdin;
    },
    get stdinIsTTY() {
      return process.stdin.isTTY === true;
    },
    env: process.env,
    pid: process.pid,
    uid: process.geteuid?.(),
    onSignal(handler) {
      const int = (): void => handler('SIGINT');
      const term = (): void => handler('SIGTERM');
      process.on('SIGINT', int);
      process.on('SIGTERM', term);
      return () => {
        process.off('SIGINT', int);
        process.off('SIGTERM', term);
      };
    },
    onHangup(handler) {
      const hup = (): void => handler();
      process.on('SIGHUP', hup);
      return () => process.off('SIGHUP', hup);
    },
  };
}
