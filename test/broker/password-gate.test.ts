// The password gate (issue 11): bounded concurrent verifications, waits of departed
// clients dropped, failing addresses behind the others and delayed, successes cached.
import { describe, expect, it } from 'vitest';
import { hostOf, PasswordGate } from '../../src/broker/password-gate.js';
import { createPasswordCheck } from '../../src/broker/passwords.js';

/** A verify whose calls finish when the test says so; the password "good" is right. */
function controlledVerify() {
  const pending: Array<() => void> = [];
  let running = 0;
  let maxRunning = 0;
  let calls = 0;
  const verify = (_hash: string, password: Buffer): Promise<boolean> => {
    calls++;
    running++;
    maxRunning = Math.max(maxRunning, running);
    return new Promise((resolve) => pending.push(() => {
      running--;
      resolve(password.toString() === 'good');
    }));
  };
  return {
    verify,
    /** Finishes verifications as they start, until none has started for a few turns. */
    finishAll: async () => {
      for (let idle = 0; idle < 5; idle++) {
        await new Promise((r) => setImmediate(r));
        if (pending.length > 0) idle = -1;
        pending.splice(0).forEach((f) => f());
      }
    },
    get calls() { return calls; },
    get maxRunning() { return maxRunning; },
  };
}

const never = (): boolean => false;

describe('password gate', () => {
  it('runs at most `concurrency` verifications at once', async () => {
    const v = controlledVerify();
    const gate = new PasswordGate(v.verify, { concurrency: 2 });
    const checks = Array.from({ length: 10 }, (_, i) => gate.check('u', 'h', Buffer.from('bad'), `10.0.0.${i}:1`, never));
    await new Promise((r) => setImmediate(r));
    expect(gate.load).toEqual({ running: 2, waiting: 8 });
    await v.finishAll();
    expect(await Promise.all(checks)).toEqual(Array(10).fill(false));
    expect(v.maxRunning).toBe(2);
    expect(v.calls).toBe(10);
  });

  it('drops a waiting check whose client has gone, without verifying it', async () => {
    const v = controlledVerify();
    const gate = new PasswordGate(v.verify, { concurrency: 1 });
    let left = false;
    const first = gate.check('u', 'h', Buffer.from('good'), 'a:1', never);
    const waiting = Array.from({ length: 5 }, (_, i) => gate.check('u', 'h', Buffer.from('x'), `b:${i}`, () => left));
    left = true;
    await v.finishAll();
    expect(await first).toBe(true);
    expect(await Promise.all(waiting)).toEqual(Array(5).fill(false));
    expect(v.calls).toBe(1);
  });

  it('remembers a success: the same user and password cost no second verification', async () => {
    const v = controlledVerify();
    const gate = new PasswordGate(v.verify);
    const first = gate.check('alice', 'h', Buffer.from('good'), 'a:1', never);
    await v.finishAll();
    expect(await first).toBe(true);
    expect(await gate.check('alice', 'h', Buffer.from('good'), 'b:2', never)).toBe(true);
    expect(v.calls).toBe(1);
    // Not for another password, user or hash.
    const other = [gate.check('alice', 'h', Buffer.from('goo'), 'a:1', never), gate.check('bob', 'h', Buffer.from('good'), 'a:1', never), gate.check('alice', 'h2', Buffer.from('good'), 'a:1', never)];
    await v.finishAll();
    await Promise.all(other);
    expect(v.calls).toBe(4);
  });

  it('verifies clients from addresses in good standing before those from a failing address, which also wait', async () => {
    const v = controlledVerify();
    const gate = new PasswordGate(v.verify, { concurrency: 1 });
    const fail = gate.check('u', 'h', Buffer.from('bad'), '10.0.0.66:1', never);
    await v.finishAll();
    expect(await fail).toBe(false);
    const order: string[] = [];
    const started = Date.now();
    const busy = gate.check('u', 'h', Buffer.from('bad'), '10.0.0.9:1', never);
    const attacker = gate.check('u', 'h', Buffer.from('bad'), '10.0.0.66:2', never).then(() => order.push('attacker'));
    // The attacker's address waits first (50 ms after one failure); let it queue.
    await new Promise((r) => setTimeout(r, 80));
    const legit = gate.check('u', 'h', Buffer.from('good'), '10.0.0.1:3', never).then(() => order.push('legit'));
    await v.finishAll();
    await Promise.all([busy, attacker, legit]);
    expect(order).toEqual(['legit', 'attacker']);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
  });

  it('finds the host in "host:port" addresses, IPv6 too', () => {
    expect(hostOf('127.0.0.1:5000')).toBe('127.0.0.1');
    expect(hostOf('::1:5000')).toBe('::1');
    expect(hostOf('memory')).toBe('memory');
  });

  it('backs the password_file check, which passes `gone` through', async () => {
    const v = controlledVerify();
    const check = createPasswordCheck(new Map([['alice', 'h']]), false, new PasswordGate(v.verify, { concurrency: 1 }));
    const client = { clientId: 'c', username: 'alice', address: '1.2.3.4:5' };
    const first = check(client, Buffer.from('good'));
    const gone = check(client, Buffer.from('bad'), () => true);
    await v.finishAll();
    expect([await first, await gone]).toEqual([true, false]);
    expect(v.calls).toBe(1);
    expect(await check({ ...client, username: 'nobody' }, Buffer.from('good'))).toBe(false);
  });
});
