// bench against a scripted broker: lost, repeated and swapped messages are found and
// counted exactly, and a broker that stalls for a second shows in the latency (open
// loop), where a closed loop would have hidden it (coordinated omission).
import { describe, expect, it } from 'vitest';
import { benchInProcess, createScriptedBroker } from './scripted-broker.js';

describe('bench against a scripted broker', () => {
  it('counts every message when nothing goes wrong', async () => {
    const broker = createScriptedBroker({});
    const s = await benchInProcess(['-c', '2', '--subscribers', '2', '--limit', '500', '-q', '1', '--quiet'], broker.dial);
    expect(s.messages).toMatchObject({ sent: 500, acked: 500, received: 1000 });
    expect(s.sequence).toEqual({ duplicates: 0, reordered: 0, lost: 0 });
    expect(s.latency.e2e.count).toBe(1000);
  });

  it('finds dropped, repeated and swapped messages, per subscriber', async () => {
    // 2 dropped, 1 repeated, 2 swapped with their successors; the last one dropped is a tail loss.
    const broker = createScriptedBroker({ drop: [10, 399], repeat: [20], swap: [30, 200] });
    const s = await benchInProcess(['-c', '1', '--subscribers', '2', '--limit', '400', '-q', '1', '--quiet'], broker.dial);
    expect(broker.relayed()).toBe(400);
    expect(s.messages.sent).toBe(400);
    // Each of the 2 subscribers: 400 − 2 dropped + 1 repeated.
    expect(s.messages.received).toBe(2 * 399);
    expect(s.sequence).toEqual({ lost: 2 * 2, duplicates: 2 * 1, reordered: 2 * 2 });
    // Per client: each subscriber found them on its own.
    const subs = s.perClient.filter((c) => c.role === 'sub');
    expect(subs.map((c) => [c.clientId, c.received, c.sequence])).toEqual([0, 1].map((k) => [`mqtk-bench-pubsub-${1 + k}`, 399, { lost: 2, duplicates: 1, reordered: 2 }]));
  });

  it('keeps publishers apart: a loss in one stream is not hidden by another', async () => {
    const broker = createScriptedBroker({ drop: [0] });
    const s = await benchInProcess(['-c', '3', '--limit', '300', '--quiet'], broker.dial);
    expect(s.messages.received).toBe(299);
    expect(s.sequence.lost).toBe(1);
  });

  it('counts the members of a shared subscription together: each gets a share, nothing is lost', async () => {
    const broker = createScriptedBroker({ drop: [7] });
    const s = await benchInProcess(['-c', '2', '--subscribers', '3', '--filter', '$share/g/mqtk-bench/+', '--limit', '300', '--quiet'], broker.dial);
    expect(s.messages.received).toBe(299);
    expect(s.sequence).toEqual({ lost: 1, duplicates: 0, reordered: 0 });
  });

  it('measures from the intended send time: a 1 s stall shows in p99 (no coordinated omission)', async () => {
    // 100 msg/s for 2.5 s; the broker reads nothing for 1 s after the 50th message.
    const broker = createScriptedBroker({ stall: { at: 50, ms: 1000 } });
    const s = await benchInProcess(['pub', '-c', '1', '--rate', '100', '--limit', '250', '-q', '1', '--quiet'], broker.dial);
    expect(s.messages.acked).toBe(250);
    expect(s.latency.ack.count).toBe(250);
    // About 100 messages were due during the stall, up to 1 s before they could go out.
    expect(s.latency.ack.p99).toBeGreaterThanOrEqual(900);
    expect(s.latency.ack.p90).toBeGreaterThanOrEqual(300);
    // Behind schedule when sent: the first 20 of the stall went out on time (into the inflight window).
    expect(s.maxLagMs).toBeGreaterThanOrEqual(500);
  }, 20_000);

  it('--reconnect: every dropped connection comes back, and each message is still received, lost or repeated', async () => {
    // pubsub, QoS 1: the broker drops all 4 connections after relaying message 100 and
    // keeps no sessions. Publishers resend what was not acknowledged; subscribers
    // subscribe again; what was published while they were away is lost.
    const broker = createScriptedBroker({ kick: 100 });
    const s = await benchInProcess(['-c', '2', '--subscribers', '2', '--limit', '400', '--rate', '800', '-q', '1', '--reconnect', '3', '--reconnect-delay', '20ms', '--quiet'], broker.dial);
    expect(broker.connections()).toBe(8);
    expect(s.clients).toEqual({ requested: 4, connected: 4, failed: 0, disconnects: 4, reconnects: 4 });
    expect(s.perClient.map((c) => [c.disconnects, c.reconnects])).toEqual([[1, 1], [1, 1], [1, 1], [1, 1]]);
    expect(s.errors).toEqual({ 'connection lost: lost': 4 });
    expect(s.messages).toMatchObject({ sent: 400, acked: 400 });
    // Accounting across the gap: each subscriber saw each of the 400 once, or repeated, or lost it.
    expect(s.messages.received - s.sequence.duplicates + s.sequence.lost).toBe(2 * 400);
    // They subscribed again: far more than the 101 before the drop reached each of them.
    expect(s.messages.received).toBeGreaterThan(2 * 300);
  }, 20_000);

  it('--num-retry-connect: a port that opens late is retried with backoff; retries count apart from failures', async () => {
    // 2 clients, the first 3 dials refused: 3 retries in all, then both connect.
    const broker = createScriptedBroker({ refuse: 3 });
    const s = await benchInProcess(['-c', '1', '--subscribers', '1', '--limit', '100', '-q', '1', '--num-retry-connect', '3', '--reconnect-delay', '10ms', '--quiet'], broker.dial);
    expect(broker.dials()).toBe(5);
    expect(s.clients).toMatchObject({ requested: 2, connected: 2, failed: 0 });
    expect(s.errors).toEqual({ 'retried connect: refused': 3 });
    expect(s.messages).toMatchObject({ sent: 100, received: 100 });
  });

  it('--num-retry-connect gives up after N retries, and without it a refused connect is not retried', async () => {
    const broker = createScriptedBroker({ refuse: 100 });
    const s = await benchInProcess(['pub', '-c', '2', '--limit', '10', '--num-retry-connect', '2', '--reconnect-delay', '5ms', '--quiet'], broker.dial);
    expect(broker.dials()).toBe(6);
    expect(s.clients).toMatchObject({ requested: 2, connected: 0, failed: 2 });
    expect(s.errors).toEqual({ 'retried connect: refused': 4, 'connect: refused': 2 });
    const once = createScriptedBroker({ refuse: 100 });
    const t = await benchInProcess(['pub', '-c', '2', '--limit', '10', '--quiet'], once.dial);
    expect(once.dials()).toBe(2);
    expect(t.errors).toEqual({ 'connect: refused': 2 });
  });

  it('--num-retry-connect retries "server unavailable" but not "not authorized"', async () => {
    const busy = createScriptedBroker({ connack: { first: 2, code: 3 } });
    const s = await benchInProcess(['pub', '-c', '1', '--limit', '10', '--num-retry-connect', '5', '--reconnect-delay', '5ms', '--quiet'], busy.dial);
    expect(s.clients).toMatchObject({ connected: 1, failed: 0 });
    expect(Object.keys(s.errors)).toEqual([expect.stringMatching(/^retried connect refused: /)]);
    expect(Object.values(s.errors)).toEqual([2]);
    const denied = createScriptedBroker({ connack: { first: 2, code: 5 } });
    const t = await benchInProcess(['pub', '-c', '1', '--limit', '10', '--num-retry-connect', '5', '--reconnect-delay', '5ms', '--quiet'], denied.dial);
    expect(denied.connections()).toBe(1);
    expect(t.clients).toMatchObject({ connected: 0, failed: 1 });
    expect(Object.keys(t.errors)).toEqual([expect.stringMatching(/^connect refused: /)]);
  });

  it('without --reconnect a dropped connection stays lost, counted by reason', async () => {
    const broker = createScriptedBroker({ kick: 50 });
    const s = await benchInProcess(['-c', '1', '--subscribers', '1', '--limit', '400', '--rate', '800', '-q', '1', '--quiet'], broker.dial);
    expect(broker.connections()).toBe(2);
    expect(s.clients).toMatchObject({ disconnects: 2, reconnects: 0 });
    expect(s.errors['connection lost: lost']).toBe(2);
    expect(s.messages.sent).toBeLessThan(400);
  }, 20_000);

  it('--reconnect N gives up after N failed attempts in a row, and says so', async () => {
    const broker = createScriptedBroker({});
    let gone = false;
    // Once the broker has dropped everyone it is gone: every attempt fails before CONNACK.
    const dial = () => {
      if (gone) throw new Error('connect ECONNREFUSED');
      return broker.dial();
    };
    const run = benchInProcess(['conn', '-c', '2', '-d', '1.5', '--reconnect', '2', '--reconnect-delay', '10ms', '--quiet'], dial);
    await new Promise((r) => setTimeout(r, 300));
    gone = true;
    broker.kickAll();
    const s = await run;
    expect(s.clients).toMatchObject({ connected: 2, disconnects: 2, reconnects: 0 });
    expect(s.errors).toEqual({ 'connection lost: lost': 2, 'reconnect failed: lost': 2 * 2, 'reconnect: gave up': 2 });
  }, 20_000);
});
