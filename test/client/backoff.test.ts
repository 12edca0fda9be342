import { describe, expect, it } from 'vitest';
import { reconnectWait } from '../../src/client/backoff.js';

describe('reconnect backoff', () => {
  it('without a cap waits the base every time (libmosquitto\'s fixed delay)', () => {
    expect([1, 2, 10].map((n) => reconnectWait({ baseMs: 500 }, n, () => 0.9))).toEqual([500, 500, 500]);
  });

  it('with a cap doubles per attempt up to the cap, each wait in the upper half of its step', () => {
    const top = (n: number): number => reconnectWait({ baseMs: 100, maxMs: 1000 }, n, () => 1);
    const bottom = (n: number): number => reconnectWait({ baseMs: 100, maxMs: 1000 }, n, () => 0);
    expect([1, 2, 3, 4, 5, 40].map(top)).toEqual([100, 200, 400, 800, 1000, 1000]);
    expect([1, 2, 3, 4, 5, 40].map(bottom)).toEqual([50, 100, 200, 400, 500, 500]);
  });
});
