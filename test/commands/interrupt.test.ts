// watchSignals: every wait races the first SIGINT/SIGTERM (pub, sub and rr use it for
// connecting, the inflight window, stdin and acknowledgements).
import { describe, expect, it } from 'vitest';
import { Interrupted, watchSignals } from '../../src/commands/interrupt.js';
import type { Terminal } from '../../src/term/terminal.js';

function signals(): { term: Terminal; raise(s: 'SIGINT' | 'SIGTERM'): void } {
  const handlers = new Set<(s: 'SIGINT' | 'SIGTERM') => void>();
  const term = {
    onSignal(handler: (s: 'SIGINT' | 'SIGTERM') => void) {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
  } as unknown as Terminal;
  return { term, raise: (s) => handlers.forEach((h) => h(s)) };
}

describe('watchSignals', () => {
  it('settles a race as its promise does while no signal came', async () => {
    const { term } = signals();
    const interrupt = watchSignals(term);
    await expect(interrupt.race(Promise.resolve(7))).resolves.toBe(7);
    await expect(interrupt.race(Promise.reject(new Error('no')))).rejects.toThrow('no');
    expect(interrupt.signal).toBeUndefined();
  });

  it('rejects every wait in progress at the first signal, and runs onStop once', async () => {
    const { term, raise } = signals();
    const stops: string[] = [];
    const interrupt = watchSignals(term, (s) => stops.push(s));
    const never = new Promise<never>(() => {});
    const waits = [interrupt.race(never), interrupt.race(never), interrupt.sleep(60_000)];
    raise('SIGTERM');
    raise('SIGINT');
    for (const w of waits) {
      const err = await w.catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Interrupted);
      expect((err as Interrupted).exitCode).toBe(143);
    }
    expect(stops).toEqual(['SIGTERM']);
    expect(interrupt.signal).toBe('SIGTERM');
  });

  it('rejects at once after the signal, and a late rejection of the raced promise is handled', async () => {
    const { term, raise } = signals();
    const interrupt = watchSignals(term);
    raise('SIGINT');
    let fail!: (e: Error) => void;
    const late = new Promise<never>((_r, reject) => (fail = reject));
    const err = await interrupt.race(late).catch((e: unknown) => e);
    expect((err as Interrupted).exitCode).toBe(130);
    // An unhandled rejection here would fail the run (vitest reports it as an error).
    fail(new Error('late'));
    await new Promise((r) => setImmediate(r));
  });
});
