import { copyFileSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Broker } from '../../src/broker/broker.js';
import { waitFor } from '../helpers/mosquitto.js';
import { connect, nextOrTimeout, subscribe, testBroker } from './harness.js';

/** Rows as the files are now: a copy of the store and its WAL is what a kill -9 would leave. */
function onDisk(dir: string, sql: string): unknown[] {
  const copy = join(mkdtempSync(join(tmpdir(), 'mqtk-crash-copy-')), 'mqtk.sqlite');
  copyFileSync(join(dir, 'mqtk.sqlite'), copy);
  if (existsSync(join(dir, 'mqtk.sqlite-wal'))) copyFileSync(join(dir, 'mqtk.sqlite-wal'), `${copy}-wal`);
  const db = new Database(copy, { readonly: true });
  try {
    return db.prepare(sql).all();
  } finally {
    db.close();
  }
}

let broker: Broker | undefined;
afterEach(async () => broker?.close());

async function started(dir: string): Promise<Broker> {
  const b = testBroker({ persistence: true, persistenceLocation: dir, listeners: [] });
  await b.listen();
  return b;
}

describe('broker persistence (record store)', () => {
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
    // The session's record exists (SUBACK came after its commit); what follows changes it.
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
    expect(onDisk(dir, 'SELECT client_id FROM sessions')).toEqual([]);
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

describe('acknowledgements wait for the commit', () => {
  it('a QoS 1 message queued for an offline session is in the file when PUBACK arrives, and gone once delivered and acknowledged', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mqtk-persist-'));
    broker = await started(dir);
    const a = await connect(broker, 'away', 4, { clean: false });
    await subscribe(a.peer, 'q/#', 1);
    a.peer.send({ type: 'disconnect' });
    await a.peer.closed;
    const p = await connect(broker, 'pub', 4);
    p.peer.send({ type: 'publish', topic: 'q/1', payload: Buffer.from('kept'), qos: 1, packetId: 7, retain: false, dup: false });
    await p.peer.expect('puback');
    expect(onDisk(dir, 'SELECT d.client_id, m.topic, m.payload FROM deliveries d JOIN messages m ON m.id = d.message_id')).toEqual([
      { client_id: 'away', topic: 'q/1', payload: Buffer.from('kept') },
    ]);
    const back = await connect(broker, 'away', 4, { clean: false });
    const msg = await back.peer.expect('publish');
    back.peer.send({ type: 'puback', packetId: msg.packetId! });
    // The removal acknowledges nothing: it is committed with the next commit, not awaited by any packet.
    const counts = (): unknown => onDisk(dir, 'SELECT count(*) AS n FROM deliveries UNION ALL SELECT count(*) FROM messages');
    await waitFor(() => JSON.stringify(counts()) === JSON.stringify([{ n: 0 }, { n: 0 }]), 5000, 'the delivery and its message removed from the file');
  });

  it('stores a message queued for many sessions once, and a retained message before PUBACK', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mqtk-persist-'));
    broker = await started(dir);
    for (const id of ['s1', 's2', 's3']) {
      const c = await connect(broker, id, 4, { clean: false });
      await subscribe(c.peer, 'fan/#', 2);
      c.peer.send({ type: 'disconnect' });
      await c.peer.closed;
    }
    const p = await connect(broker, 'pub', 4);
    p.peer.send({ type: 'publish', topic: 'fan/x', payload: Buffer.alloc(1000, 1), qos: 1, packetId: 1, retain: true, dup: false });
    await p.peer.expect('puback');
    expect(onDisk(dir, 'SELECT count(*) AS n FROM deliveries UNION ALL SELECT count(*) FROM messages UNION ALL SELECT count(*) FROM retained')).toEqual([{ n: 3 }, { n: 1 }, { n: 1 }]);
  });

  it('a SUBACK of a persistent session comes after its subscription is in the file; QoS 2 ids are kept until PUBREL', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mqtk-persist-'));
    broker = await started(dir);
    const a = await connect(broker, 'subber', 5, { clean: false, properties: { sessionExpiryInterval: 60 } });
    await subscribe(a.peer, 'x/+', 1);
    expect(onDisk(dir, 'SELECT client_id, expiry, subscriptions FROM sessions')).toEqual([
      { client_id: 'subber', expiry: 60, subscriptions: expect.stringContaining('"filter":"x/+"') as unknown },
    ]);
    a.peer.send({ type: 'publish', topic: 'y', payload: Buffer.from('2'), qos: 2, packetId: 42, retain: false, dup: false });
    await a.peer.expect('pubrec');
    expect(onDisk(dir, 'SELECT client_id, packet_id FROM incoming')).toEqual([{ client_id: 'subber', packet_id: 42 }]);
    a.peer.send({ type: 'pubrel', packetId: 42 });
    await a.peer.expect('pubcomp');
    expect(onDisk(dir, 'SELECT * FROM incoming')).toEqual([]);
  });
});
