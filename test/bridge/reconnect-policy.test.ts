import { describe, expect, it } from 'vitest';
import { AddressRotation, Backoff } from '../../src/bridge/reconnect-policy.js';

const a = { host: 'a', port: 1 };
const b = { host: 'b', port: 2 };
const c = { host: 'c', port: 3 };

describe('bridge address rotation (address a b c, round_robin)', () => {
  it('tries the addresses in order, round the list, on each failure', () => {
    const r = new AddressRotation([a, b, c], true);
    const seen = [r.current];
    for (let i = 0; i < 3; i++) {
      r.failed();
      seen.push(r.current);
    }
    expect(seen).toEqual([a, b, c, a]);
  });

  it('round_robin false watches for the main address only while on a secondary', () => {
    const r = new AddressRotation([a, b], false);
    expect(r.wantsMain).toBe(false);
    r.failed();
    expect([r.current, r.wantsMain]).toEqual([b, true]);
    r.backToMain();
    expect([r.current, r.wantsMain]).toEqual([a, false]);
    expect(new AddressRotation([a, b], true).wantsMain).toBe(false);
  });
});

describe('bridge backoff (restart_timeout BASE CAP)', () => {
  it('connects at once first, then waits base, doubling up to cap', () => {
    const b = new Backoff(1000, 5000);
    expect([b.next(), b.next(), b.next(), b.next(), b.next()]).toEqual([0, 1000, 2000, 4000, 5000]);
  });

  it('after a connection, a loss waits base again; a planned switch not at all', () => {
    const b = new Backoff(1000, 5000);
    b.next();
    b.next();
    b.next();
    b.connected();
    expect(b.next()).toBe(1000);
    b.reset();
    expect(b.next()).toBe(0);
  });
});
