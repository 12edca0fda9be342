// How rr's session ends: at the caller's word (count reached), on -W (stderr "Timed
// out", exit 27), on SIGINT/SIGTERM (exit 0, as sub once connected), or when the
// connection is lost for good (the failure is rethrown). `end` sends DISCONNECT first.
import type { MqttClient } from '../client/client.js';
import type { ConnectionSetup } from '../options/client-config.js';
import type { Terminal } from '../term/terminal.js';
import { INTERRUPTED_DISCONNECT_MS, watchSignals } from './interrupt.js';

export interface SessionEnd {
  /** Resolves with the exit status once the connection is closed; rejects on a failure. */
  done: Promise<number>;
  end(code: number): void;
  fail(err: unknown): void;
  readonly ending: boolean;
  /** Removes the signal handler and the timer. */
  dispose(): void;
}

export function watchSessionEnd(client: MqttClient, setup: ConnectionSetup, term: Terminal, timeoutMs: number | undefined): SessionEnd {
  let finish!: (code: number) => void;
  let reject!: (err: unknown) => void;
  const done = new Promise<number>((resolve, rej) => {
    finish = resolve;
    reject = rej;
  });
  let ending = false;
  let exitCode = 0;
  const end = (code: number, timeoutMs?: number): void => {
    if (ending) return;
    ending = true;
    exitCode = code;
    client.disconnect({ properties: setup.properties.disconnect, ...(timeoutMs !== undefined ? { timeoutMs } : {}) }).then(() => finish(exitCode), reject);
  };
  client.on('close', (err) => {
    if (err && !ending) reject(err);
    else finish(exitCode);
  });
  const signals = watchSignals(term, () => end(0, INTERRUPTED_DISCONNECT_MS));
  const timer =
    timeoutMs !== undefined
      ? setTimeout(() => {
          if (!setup.quiet) term.stderr.write('Timed out\n');
          end(27);
        }, timeoutMs)
      : undefined;
  return {
    done,
    end,
    fail: reject,
    get ending() {
      return ending;
    },
    dispose() {
      if (timer) clearTimeout(timer);
      signals.dispose();
    },
  };
}
