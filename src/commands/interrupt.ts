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
  let stop!: (err: Interrupted) => void;
  const stopped = new Promise<never>((_resolve, reject) => (stop = reject));
  // Nobody may be racing at the moment of the signal: that is not an unhandled rejection.
  stopped.catch(() => {});
  const remove = term.onSignal((s) => {
    if (signal) return;
    signal = s;
    stop(new Interrupted(s));
    onStop?.(s);
  });
  const race = <T>(p: Promise<T>): Promise<T> => Promise.race([p, stopped]);
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
