// mqtk bench --reconnect against a real mosquitto killed with -9 mid-run and started again
// on the same port: every connection is counted lost once and comes back, QoS 1 messages
// not acknowledged before the kill are sent again, and every message a subscriber should
// have had is still accounted for (received, repeated or lost). And --num-retry-connect:
// clients started before the broker's port opens.
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, skipWithoutMosquitto, startCommand, startMosquitto, waitFor, type Mosquitto } from '../helpers/mosquitto.js';
import { MQTK } from '../helpers/mqtk.js';

interface Summary {
  clients: { requested: number; connected: number; failed: number; disconnects: number; reconnects: number };
  messages: { sent: number; acked: number; received: number };
  sequence: { lost: number; duplicates: number; reordered: number };
  errors: Record<string, number>;
}

describe.skipIf(skipWithoutMosquitto())('mqtk bench --reconnect', () => {
  let broker: Mosquitto | undefined;
  let child: ReturnType<typeof startCommand>['child'] | undefined;
  afterEach(async () => {
    child?.kill('SIGKILL');
    await broker?.stop();
  });

  it('rides out a broker killed with -9 and restarted: losses and reconnects counted, no message unaccounted for', async () => {
    broker = await startMosquitto();
    const { host, port } = broker;
    const run = startCommand(MQTK, ['bench', '-h', host, '-p', String(port), '-c', '2', '--subscribers', '2', '--rate', '200', '-d', '6', '-q', '1',
      '--reconnect', '50', '--reconnect-delay', '100ms', '--workers', '1', '--json']);
    child = run.child;
    let err = '';
    run.child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    await waitFor(() => /recv [1-9]/.test(err), 20_000, 'messages flowing');
    await broker.kill();
    broker = await startMosquitto({ port });
    // The live line says so once they are back.
    await waitFor(() => /reconnected 4|reconnected [1-3]/.test(err), 20_000, 'a live line with reconnects');
    const r = await run.done;
    expect(r.status).toBe(0);
    const s = JSON.parse(r.stdout.toString()) as Summary;
    expect(s.clients).toEqual({ requested: 4, connected: 4, failed: 0, disconnects: 4, reconnects: 4 });
    expect(s.errors['connection lost: lost']).toBe(4);
    // Only losses and failed attempts while the broker was down (refused), nothing else.
    expect(Object.keys(s.errors).filter((k) => k !== 'connection lost: lost' && !k.startsWith('reconnect failed: '))).toEqual([]);
    // QoS 1: what the dead broker never acknowledged was sent again to the new one.
    expect(s.messages.acked).toBe(s.messages.sent);
    expect(s.messages.received - s.sequence.duplicates + s.sequence.lost).toBe(2 * s.messages.sent);
  }, 60_000);

  it('--num-retry-connect: clients started before the broker connect once it is up; the refused tries are counted as retries', async () => {
    const port = await freePort();
    const run = startCommand(MQTK, ['bench', '-h', '127.0.0.1', '-p', String(port), '-c', '1', '--subscribers', '1', '--limit', '200', '--rate', '200', '-q', '1',
      '--num-retry-connect', '30', '--reconnect-delay', '100ms', '--workers', '1', '--json']);
    child = run.child;
    let err = '';
    run.child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    // Refused at least once (the live line counts it) before the port opens.
    await waitFor(() => /errors [1-9]/.test(err), 20_000, 'a refused connect');
    broker = await startMosquitto({ port });
    const r = await run.done;
    expect(r.status).toBe(0);
    const s = JSON.parse(r.stdout.toString()) as Summary;
    expect(s.clients).toEqual({ requested: 2, connected: 2, failed: 0, disconnects: 0, reconnects: 0 });
    expect(Object.keys(s.errors)).toEqual(['retried connect: refused']);
    expect(s.errors['retried connect: refused']).toBeGreaterThanOrEqual(1);
    expect(s.messages).toMatchObject({ sent: 200, acked: 200, received: 200 });
  }, 60_000);
});
