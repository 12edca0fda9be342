// How an rr session runs and ends: subscribed to its one topic (again after a
// reconnection that lost the session), until the caller's word (count reached), -W
// (stderr "Timed out", exit 27), SIGINT/SIGTERM (exit 0, as sub once connected), or a
// failure (the connection lost for good, a refusal): mosquitto's message and status.
import type { MqttClient } from '../client/client.js';
import type { Subscription } from '../codec/types.js';
import type { ConnectionSetup } from '../options/client-config.js';
import type { Terminal } from '../term/terminal.js';
import { closeSession, failureExit } from './client-session.js';
import { INTERRUPTED_DISCONNECT_MS, watchSignals } from './interrupt.js';
import { subscribeOrFail } from './subscribe-or-fail.js';

export interface SessionEnd {
  /** DISCONNECT, then `run` resolves with `code`. */
  end(code: number): void;
  fail(err: unknown): void;
  readonly ending: boolean;
  /** Subscribes, runs `start`, and resolves with the exit status once the session is over. */
  run(start: () => Promise<void>): Promise<number>;
}

export function watchSessionEnd(client: MqttClient, setup: ConnectionSetup, term: Terminal, opts: { timeoutMs?: number; subscription: Subscription }): SessionEnd {
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
  const subscribe = (): Promise<void> => subscribeOrFail(client, opts.subscription, setup);
  // A reconnection that did not resume the session lost the subscription.
  client.on('connect', (connack) => {
    if (!connack.sessionPresent) subscribe().catch(reject);
  });
  const signals = watchSignals(term, () => end(0, INTERRUPTED_DISCONNECT_MS));
  const timer =
    opts.timeoutMs !== undefined
      ? setTimeout(() => {
          if (!setup.quiet) term.stderr.write('Timed out\n');
          end(27);
        }, opts.timeoutMs)
      : undefined;
  return {
    end,
    fail: reject,
    get ending() {
      return ending;
    },
    async run(start) {
      try {
        await subscribe();
        try {
          await start();
        } catch (err) {
          // Ending fails what still waits (e.g. a PUBACK overtaken by the reply): no failure.
          if (!ending) throw err;
        }
        return await done;
      } catch (err) {
        await closeSession(client);
        throw failureExit(err, setup.client.connect.protocolVersion, setup.quiet, 'rr');
      } finally {
        if (timer) clearTimeout(timer);
        signals.dispose();
      }
    },
  };
}

/** `{ timeoutMs }` when -W was given. */
export const optionalTimeout = (timeoutMs: number | undefined): { timeoutMs?: number } => (timeoutMs === undefined ? {} : { timeoutMs });
