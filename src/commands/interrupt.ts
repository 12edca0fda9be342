// One way for the client commands to stop on SIGINT/SIGTERM: every wait they make
// (connecting, the inflight window, stdin, --repeat-delay, acknowledgements, SUBACK)
// races the first signal, so no wait outlives it.
import type { Terminal } from '../term/terminal.js';

export type StopSignal = 'SIGINT' | 'SIGTERM';

/** Thrown out of a wait by the first signal. */
export class Interrupted extends Error {
  constructor(readonly signal: StopSignal) {
    super(`Interrupted by ${signal}`);
    this.name = 'Interrupted';
  }

  /** The shell's status for death by this signal: 128 + its number. */
  get exitCode(): number {
    return this.signal === 'SIGINT' ? 130 : 143;
  }
}

/** How long an interrupted command waits for its DISCONNECT to go out before it just closes. */
export const INTERRUPTED_DISCONNECT_MS = 800;

export interface Interrupt {
  /** The signal received, if any. */
  readonly signal: StopSignal | undefined;
  /** Settles as `p` does, or rejects with Interrupted at the first signal (at once if it came already). */
  race<T>(p: Promise<T>): Promise<T>;
  /** A pause that a signal cuts short (with Interrupted). */
  sleep(ms: number): Promise<void>;
  /** Stops listening for signals. */
  dispose(): void;
}

/** `onStop` runs once, at the first signal (e.g. to begin a graceful end). */
export function watchSignals(term: Terminal, onStop?: (signal: StopSignal) => void): Interrupt {
  let signal: StopSignal | undefined;
  let interrupted: Interrupted | undefined;
  // The waits now in progress. Not Promise.race(p, stopped) with one long-lived
  // `stopped`: every race would leave a reaction on that never-settled promise, so a
  // `pub -l` run (a race each time the inflight window fills, thousands per second)
  // kept them all alive and the garbage collector traced them again and again.
  const waiting = new Set<(err: Interrupted) => void>();
  const remove = term.onSignal((s) => {
    if (signal) return;
    signal = s;
    interrupted = new Interrupted(s);
    for (const reject of waiting) reject(interrupted);
    waiting.clear();
    onStop?.(s);
  });
  const race = <T>(p: Promise<T>): Promise<T> => {
    if (interrupted) {
      // `p` may still reject; nobody is waiting for it any more.
      p.catch(() => {});
      return Promise.reject(interrupted);
    }
    return new Promise<T>((resolve, reject) => {
      waiting.add(reject);
      p.then(
        (value) => {
          waiting.delete(reject);
          resolve(value);
        },
        (err: unknown) => {
          waiting.delete(reject);
          reject(err);
        },
      );
    });
  };
  return {
    get signal() {
      return signal;
    },
    race,
    sleep: (ms) => {
      let timer: NodeJS.Timeout | undefined;
      return race(new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))).finally(() => clearTimeout(timer));
    },
    dispose: remove,
  };
}
