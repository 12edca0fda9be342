// SIGINT and SIGTERM end every wait of pub and sub: a broker that never acknowledges,
// a reconnect loop, --repeat-delay, stdin that stays open, a SUBACK that never comes.
// pub leaves with DISCONNECT (no will) and the shell's status for the signal; sub ends
// quietly with 0 once connected, as mosquitto_sub does.
import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../helpers/mosquitto.js';
import { startMqtk } from '../helpers/mqtk.js';
import { ScriptedPeer } from '../helpers/peer.js';

interface ScriptedBroker {
  port: number;
  /** Every connection's peer, in order. */
  peers: ScriptedPeer[];
  close(): Promise<void>;
}

/**
 * A TCP broker that only answers CONNECT. With `goAway`, it drops the first connection
 * after its CONNACK and every later one before, so the client keeps reconnecting.
 */
async function scriptedBroker(opts: { goAway?: boolean } = {}): Promise<ScriptedBroker> {
  const peers: ScriptedPeer[] = [];
  const server: Server = createServer((socket) => {
    const peer = new ScriptedPeer(socket, 4);
    peers.push(peer);
    const first = peers.length === 1;
    void peer.expect('connect').then(() => {
      if (first || !opts.goAway) peer.send({ type: 'connack', sessionPresent: false, reasonCode: 0 });
      if (opts.goAway) socket.destroy();
    }, () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  return {
    port: typeof addr === 'object' && addr ? addr.port : 0,
    peers,
    close: () =>
      new Promise<void>((resolve) => {
        for (const p of peers) p.stream.destroy();
        server.close(() => resolve());
      }),
  };
}

describe('signals end every wait', () => {
  let broker: ScriptedBroker | undefined;
  const started: Array<ReturnType<typeof startMqtk>> = [];
  const run = (args: string[], opts: Parameters<typeof startMqtk>[1] = {}) => {
    const p = startMqtk(args, opts);
    started.push(p);
    return p;
  };
  afterEach(async () => {
    // A failed test must not leave a client waiting forever behind it.
    for (const p of started.splice(0)) if (p.child.exitCode === null) p.child.kill('SIGKILL');
    await broker?.close();
    broker = undefined;
  });
  const conn = (b: ScriptedBroker): string[] => ['-h', '127.0.0.1', '-p', String(b.port)];

  for (const [signal, status] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    it(`pub waiting for a PUBACK that never comes: ${signal} sends DISCONNECT and exits ${status}, naming what was not acknowledged`, async () => {
      broker = await scriptedBroker();
      const pub = run(['pub', ...conn(broker), '-t', 't', '-m', 'x', '-q', '1']);
      await waitFor(() => broker!.peers.length === 1, 10_000, 'a connection');
      const peer = broker.peers[0]!;
      await peer.expect('publish');
      pub.child.kill(signal);
      const done = await pub.done;
      expect(done.status).toBe(status);
      expect(done.stderr).toBe('Interrupted: 1 message was not acknowledged.\n');
      expect((await peer.next()).type).toBe('disconnect');
    });
  }

  it('pub -l waiting on an open stdin: SIGTERM exits 143 with nothing unacknowledged', async () => {
    broker = await scriptedBroker();
    const pub = run(['pub', ...conn(broker), '-t', 't', '-l'], { stdin: 'pipe' });
    pub.child.stdin!.write('one\n');
    await waitFor(() => broker!.peers.length === 1, 10_000, 'a connection');
    const peer = broker.peers[0]!;
    expect((await peer.expect('publish')).payload.toString()).toBe('one');
    pub.child.kill('SIGTERM');
    const done = await pub.done;
    expect([done.status, done.stderr]).toEqual([143, '']);
    expect((await peer.next()).type).toBe('disconnect');
  });

  it('pub during --repeat-delay: SIGINT exits 130 at once', async () => {
    broker = await scriptedBroker();
    const pub = run(['pub', ...conn(broker), '-t', 't', '-m', 'x', '--repeat', '5', '--repeat-delay', '3600']);
    await waitFor(() => broker!.peers.length === 1, 10_000, 'a connection');
    await broker.peers[0]!.expect('publish');
    pub.child.kill('SIGINT');
    expect((await pub.done).status).toBe(130);
  });

  it('pub reconnecting to a broker that keeps dropping it: SIGINT exits 130', async () => {
    broker = await scriptedBroker({ goAway: true });
    const pub = run(['pub', ...conn(broker), '-t', 't', '-m', 'x', '-q', '1']);
    await waitFor(() => broker!.peers.length >= 3, 10_000, 'reconnect attempts');
    pub.child.kill('SIGINT');
    const done = await pub.done;
    expect(done.status).toBe(130);
    expect(done.stderr).toBe('Interrupted: 1 message was not acknowledged.\n');
  });

  it('sub waiting for a SUBACK that never comes: SIGTERM ends it quietly with 0, as mosquitto_sub', async () => {
    broker = await scriptedBroker();
    const sub = run(['sub', ...conn(broker), '-t', 't']);
    await waitFor(() => broker!.peers.length === 1, 10_000, 'a connection');
    const peer = broker.peers[0]!;
    await peer.expect('subscribe');
    sub.child.kill('SIGTERM');
    const done = await sub.done;
    expect([done.status, done.stderr]).toEqual([0, '']);
    expect((await peer.next()).type).toBe('disconnect');
  });

  it('sub -C 1 with a retained message before the SUBACK: prints it and exits 0, not racing the outstanding SUBACK/UNSUBACK', async () => {
    broker = await scriptedBroker();
    const sub = run(['sub', ...conn(broker), '-t', 'o/#', '-t', 'o/x/#', '-U', 'o/#', '-C', '1', '-v']);
    await waitFor(() => broker!.peers.length === 1, 10_000, 'a connection');
    const peer = broker.peers[0]!;
    await peer.expect('subscribe');
    // Some brokers send retained messages before the SUBACK; this one never sends it.
    peer.send({ type: 'publish', topic: 'o/x/y', payload: Buffer.from('kept'), qos: 0, retain: true, dup: false });
    expect((await peer.next()).type).toBe('disconnect');
    peer.stream.end();
    const done = await sub.done;
    expect([done.status, done.stderr, done.stdout.toString()]).toEqual([0, '', 'o/x/y kept\n']);
  });
});
