import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Broker } from '../../src/broker/broker.js';
import type { Persistence } from '../../src/broker/persist/store.js';
import { connect, nextOrTimeout, subscribe, testBroker } from './harness.js';

let broker: Broker | undefined;
afterEach(async () => broker?.close());

async function started(dir: string): Promise<Broker> {
  const b = testBroker({ persistence: true, persistenceLocation: dir, listeners: [] });
  await b.listen();
  return b;
}

describe('broker persistence (nedb store)', () => {
  it('keeps retained messages and persistent sessions with their queued and in-flight messages across a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mqtk-persist-'));
    broker = await started(dir);
    const a = await connect(broker, 'keeper', 5, { clean: false, properties: { sessionExpiryInterval: 3600 } });
    await subscribe(a.peer, 'q/#', 2, 1, { noLocal: false });
    const p = await connect(broker, 'pub', 5);
    p.peer.send({ type: 'publish', topic: 'q/inflight', payload: Buffer.from('sent, unacked'), qos: 1, packetId: 1, retain: false, dup: false });
    const first = await a.peer.expect('publish');
    a.peer.stream.destroy();
    await a.peer.closed;
    p.peer.send({ type: 'publish', topic: 'q/queued', payload: Buffer.from('queued'), qos: 2, packetId: 2, retain: false, dup: false, properties: { correlationData: Buffer.from([9]) } });
    p.peer.send({ type: 'publish', topic: 'keep/me', payload: Buffer.from('retained'), qos: 0, retain: true, dup: false });
    await p.peer.expect('puback');
    await p.peer.expect('pubrec');
    await broker.close();

    broker = await started(dir);
    const b = await connect(broker, 'keeper', 5, { clean: false, properties: { sessionExpiryInterval: 3600 } });
    expect(b.connack.sessionPresent).toBe(true);
    const again = await b.peer.expect('publish');
    expect(again).toMatchObject({ topic: 'q/inflight', dup: true, packetId: first.packetId, qos: 1 });
    const queued = await b.peer.expect('publish');
    expect(queued).toMatchObject({ topic: 'q/queued', qos: 2 });
    expect(queued.properties?.correlationData).toEqual(Buffer.from([9]));
    // The subscription came back too.
    const p2 = await connect(broker, 'pub2', 5);
    p2.peer.send({ type: 'publish', topic: 'q/live', payload: Buffer.from('live'), qos: 0, retain: false, dup: false });
    expect((await b.peer.expect('publish')).topic).toBe('q/live');
    const s = await connect(broker, 'late', 5);
    await subscribe(s.peer, 'keep/#');
    expect((await s.peer.expect('publish')).payload.toString()).toBe('retained');
  });

  it('saves subscriptions and expiry changes made after the session was first written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mqtk-persist-'));
    broker = await started(dir);
    const a = await connect(broker, 'later', 5, { clean: false, properties: { sessionExpiryInterval: 3600 } });
    await subscribe(a.peer, 'early/#', 1);
    // Past a flush: the session's document exists; what follows changes it.
    await (broker.core.sink as Persistence).flush();
    await subscribe(a.peer, 'late/#', 1);
    a.peer.send({ type: 'unsubscribe', packetId: 9, topicFilters: ['early/#'] });
    await a.peer.expect('unsuback');
    a.peer.send({ type: 'disconnect', properties: { sessionExpiryInterval: 7200 } });
    await a.peer.closed;
    await broker.close();

    broker = await started(dir);
    const s = broker.core.sessions.get('later');
    expect([...(s?.subscriptions?.keys() ?? [])]).toEqual(['late/#']);
    expect(s?.expiryInterval).toBe(7200);
  });

  it('does not keep clean sessions, and forgets a session once it ends', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mqtk-persist-'));
    broker = await started(dir);
    const a = await connect(broker, 'temp', 4, { clean: true });
    await subscribe(a.peer, 't');
    const b = await connect(broker, 'gone', 4, { clean: false });
    await subscribe(b.peer, 't');
    await connect(broker, 'gone', 4, { clean: true });
    await broker.close();
    broker = await started(dir);
    expect([...broker.core.sessions.keys()].sort()).toEqual([]);
    expect(readFileSync(join(dir, 'mqtk.db'), 'utf8')).not.toContain('"temp"');
  });

  it('does not resurrect expired sessions', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mqtk-persist-'));
    broker = await started(dir);
    const a = await connect(broker, 'brief', 5, { clean: false, properties: { sessionExpiryInterval: 1 } });
    await subscribe(a.peer, 't');
    a.peer.send({ type: 'disconnect' });
    await a.peer.closed;
    await broker.close();
    await new Promise((r) => setTimeout(r, 1100));
    broker = await started(dir);
    expect(broker.core.sessions.has('brief')).toBe(false);
    expect(await nextOrTimeout((await connect(broker, 'x')).peer, 10)).toBe('timeout');
  });
});
