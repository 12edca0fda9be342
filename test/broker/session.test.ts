import { afterEach, describe, expect, it } from 'vitest';
import type { Broker } from '../../src/broker/broker.js';
import type { PublishPacket } from '../../src/codec/types.js';
import { connect, nextOrTimeout, subscribe, testBroker, tick } from './harness.js';

let broker: Broker;
afterEach(async () => broker?.close());

const pub = (topic: string, payload: string, qos: 0 | 1 | 2, packetId?: number): PublishPacket => ({
  type: 'publish', topic, payload: Buffer.from(payload), qos, retain: false, dup: false, ...(packetId ? { packetId } : {}),
});

async function publishAll(messages: PublishPacket[]): Promise<void> {
  const p = await connect(broker, 'pub');
  for (const m of messages) p.peer.send(m);
  p.peer.send({ type: 'pingreq' });
  while ((await p.peer.next()).type !== 'pingresp');
}

describe('broker: persistent sessions', () => {
  it('queues QoS 1/2 (not QoS 0) for an offline session and delivers them on reconnect (3.1.1 clean session 0) [MQTT-3.1.2-5]', async () => {
    broker = testBroker();
    const a = await connect(broker, 'p', 4, { clean: false });
    await subscribe(a.peer, 't', 2);
    a.peer.send({ type: 'disconnect' });
    await a.peer.closed;
    await publishAll([pub('t', 'q0', 0), pub('t', 'q1', 1, 1), pub('t', 'q2', 2, 2)]);
    const b = await connect(broker, 'p', 4, { clean: false });
    expect(b.connack.sessionPresent).toBe(true);
    const one = await b.peer.expect('publish');
    const two = await b.peer.expect('publish');
    expect([one.payload.toString(), two.payload.toString()]).toEqual(['q1', 'q2']);
    expect([one.qos, two.qos]).toEqual([1, 2]);
  });

  it('resends unacknowledged messages with DUP on reconnect, and PUBREL for released ones [MQTT-4.4.0-1]', async () => {
    broker = testBroker();
    const a = await connect(broker, 'p', 4, { clean: false });
    await subscribe(a.peer, 't', 2);
    await publishAll([pub('t', 'unacked', 1, 1), pub('t', 'half', 2, 2)]);
    const first = await a.peer.expect('publish');
    const second = await a.peer.expect('publish');
    a.peer.send({ type: 'pubrec', packetId: second.packetId! });
    await a.peer.expect('pubrel');
    a.peer.stream.destroy();
    await a.peer.closed;
    await tick(20);
    const b = await connect(broker, 'p', 4, { clean: false });
    const again = await b.peer.expect('publish');
    expect(again).toMatchObject({ dup: true, packetId: first.packetId, qos: 1 });
    expect(await b.peer.expect('pubrel')).toMatchObject({ packetId: second.packetId });
  });

  it('bounds the offline queue by max_queued_messages and counts drops', async () => {
    broker = testBroker({ maxQueuedMessages: 3 });
    const a = await connect(broker, 'p', 4, { clean: false });
    await subscribe(a.peer, 't', 1);
    a.peer.send({ type: 'disconnect' });
    await a.peer.closed;
    await publishAll([1, 2, 3, 4, 5].map((i) => pub('t', String(i), 1, i)));
    expect(broker.core.stats.dropped).toBe(2);
    const b = await connect(broker, 'p', 4, { clean: false });
    const got: string[] = [];
    for (let i = 0; i < 3; i++) {
      const m = await b.peer.expect('publish');
      got.push(m.payload.toString());
      b.peer.send({ type: 'puback', packetId: m.packetId! });
    }
    expect(got).toEqual(['1', '2', '3']);
    expect(await nextOrTimeout(b.peer, 50)).toBe('timeout');
  });

  it('discards the session at disconnect when Session Expiry Interval is 0 (MQTT 5) [MQTT-3.1.2-23]', async () => {
    broker = testBroker();
    const a = await connect(broker, 'p', 5, { clean: false });
    await subscribe(a.peer, 't', 1);
    a.peer.send({ type: 'disconnect' });
    await a.peer.closed;
    const b = await connect(broker, 'p', 5, { clean: false });
    expect(b.connack.sessionPresent).toBe(false);
  });

  it('keeps the session for its expiry interval, then discards it [MQTT-3.1.2-23]', async () => {
    broker = testBroker();
    const a = await connect(broker, 'p', 5, { clean: false, properties: { sessionExpiryInterval: 1 } });
    await subscribe(a.peer, 't', 1);
    a.peer.send({ type: 'disconnect' });
    await a.peer.closed;
    expect(broker.core.sessions.has('p')).toBe(true);
    await tick(1200);
    expect(broker.core.sessions.has('p')).toBe(false);
  });

  it('ends sessions that never expire after persistent_client_expiration offline (3.1.1 clean session 0, MQTT 5 0xFFFFFFFF)', async () => {
    broker = testBroker({ persistentClientExpiration: 1 });
    const old = await connect(broker, 'v4', 4, { clean: false });
    const v5 = await connect(broker, 'v5', 5, { clean: false, properties: { sessionExpiryInterval: 0xffffffff } });
    const short = await connect(broker, 'short', 5, { clean: false, properties: { sessionExpiryInterval: 60 } });
    for (const c of [old, v5, short]) {
      c.peer.send({ type: 'disconnect' });
      await c.peer.closed;
    }
    expect([...broker.core.sessions.keys()].sort()).toEqual(['short', 'v4', 'v5']);
    await tick(1300);
    // A session with its own expiry keeps it: persistent_client_expiration applies to the never-expiring ones only.
    expect([...broker.core.sessions.keys()]).toEqual(['short']);
  });

  it('keeps sessions that never expire without persistent_client_expiration', async () => {
    broker = testBroker();
    const old = await connect(broker, 'v4', 4, { clean: false });
    old.peer.send({ type: 'disconnect' });
    await old.peer.closed;
    await tick(1300);
    expect(broker.core.sessions.has('v4')).toBe(true);
  });

  it('lets DISCONNECT change a non-zero expiry, and refuses 0 → non-zero with 0x82 [MQTT-3.14.2-2]', async () => {
    broker = testBroker();
    const kept = await connect(broker, 'k', 5, { clean: true, properties: { sessionExpiryInterval: 60 } });
    kept.peer.send({ type: 'disconnect', properties: { sessionExpiryInterval: 1 } });
    await kept.peer.closed;
    expect(broker.core.sessions.get('k')?.expiryInterval).toBe(1);
    const a = await connect(broker, 'p', 5, { clean: true });
    a.peer.send({ type: 'disconnect', properties: { sessionExpiryInterval: 60 } });
    expect(await a.peer.expect('disconnect')).toMatchObject({ reasonCode: 0x82 });
  });

  it('removes subscriptions on UNSUBSCRIBE and reports 0x11 for unknown filters in MQTT 5 [MQTT-3.10.4-1]', async () => {
    broker = testBroker();
    const s = await connect(broker, 's', 5);
    await subscribe(s.peer, 't');
    s.peer.send({ type: 'unsubscribe', packetId: 2, topicFilters: ['t', 'never'] });
    expect(await s.peer.expect('unsuback')).toMatchObject({ packetId: 2, reasonCodes: [0x00, 0x11] });
    await publishAll([pub('t', 'x', 0)]);
    expect(await nextOrTimeout(s.peer, 50)).toBe('timeout');
    expect(broker.core.tree.size).toBe(0);
  });
});
