import { afterEach, describe, expect, it } from 'vitest';
import type { Broker } from '../../src/broker/broker.js';
import type { PublishPacket } from '../../src/codec/types.js';
import { connect, nextOrTimeout, subscribe, testBroker } from './harness.js';

let broker: Broker;
afterEach(async () => broker?.close());

const pub = (topic: string, payload: string, qos: 0 | 1 | 2, packetId?: number, extra: Partial<PublishPacket> = {}): PublishPacket => ({
  type: 'publish', topic, payload: Buffer.from(payload), qos, retain: false, dup: false, ...(packetId ? { packetId } : {}), ...extra,
});

describe('broker: QoS flows', () => {
  it('routes QoS 0 to a matching subscriber and not to others', async () => {
    broker = testBroker();
    const sub = await connect(broker, 's');
    const other = await connect(broker, 'o');
    await subscribe(sub.peer, 'a/+');
    await subscribe(other.peer, 'b/#');
    const p = await connect(broker, 'p');
    p.peer.send(pub('a/x', 'hi', 0));
    const got = await sub.peer.expect('publish');
    expect(got).toMatchObject({ topic: 'a/x', qos: 0, retain: false });
    expect(got.payload.toString()).toBe('hi');
    expect(await nextOrTimeout(other.peer, 50)).toBe('timeout');
  });

  it('acknowledges QoS 1 with PUBACK and delivers at the subscription QoS [MQTT-4.3.2-2] [MQTT-3.8.4-8]', async () => {
    broker = testBroker();
    const s1 = await connect(broker, 's1');
    const s0 = await connect(broker, 's0');
    await subscribe(s1.peer, 't', 1);
    await subscribe(s0.peer, 't', 0);
    const p = await connect(broker, 'p');
    p.peer.send(pub('t', 'm', 1, 7));
    expect(await p.peer.expect('puback')).toMatchObject({ packetId: 7 });
    const d1 = await s1.peer.expect('publish');
    expect(d1.qos).toBe(1);
    expect(d1.packetId).toBeGreaterThan(0);
    s1.peer.send({ type: 'puback', packetId: d1.packetId! });
    expect((await s0.peer.expect('publish')).qos).toBe(0);
  });

  it('delivers QoS 2 exactly once even when the publisher resends with DUP [MQTT-4.3.3-9]', async () => {
    broker = testBroker();
    const s = await connect(broker, 's');
    await subscribe(s.peer, 't', 2);
    const p = await connect(broker, 'p');
    p.peer.send(pub('t', 'once', 2, 9));
    expect(await p.peer.expect('pubrec')).toMatchObject({ packetId: 9 });
    p.peer.send(pub('t', 'once', 2, 9, { dup: true }));
    expect(await p.peer.expect('pubrec')).toMatchObject({ packetId: 9 });
    p.peer.send({ type: 'pubrel', packetId: 9 });
    expect(await p.peer.expect('pubcomp')).toMatchObject({ packetId: 9 });
    const d = await s.peer.expect('publish');
    expect(d.qos).toBe(2);
    s.peer.send({ type: 'pubrec', packetId: d.packetId! });
    expect(await s.peer.expect('pubrel')).toMatchObject({ packetId: d.packetId });
    s.peer.send({ type: 'pubcomp', packetId: d.packetId! });
    expect(await nextOrTimeout(s.peer, 50)).toBe('timeout');
  });

  it('after PUBREL the same packet id starts a new QoS 2 message [MQTT-4.3.3-10]', async () => {
    broker = testBroker();
    const s = await connect(broker, 's');
    await subscribe(s.peer, 't', 0);
    const p = await connect(broker, 'p');
    for (const text of ['one', 'two']) {
      p.peer.send(pub('t', text, 2, 3));
      await p.peer.expect('pubrec');
      p.peer.send({ type: 'pubrel', packetId: 3 });
      await p.peer.expect('pubcomp');
      expect((await s.peer.expect('publish')).payload.toString()).toBe(text);
    }
  });

  it('answers PUBREL for an unknown id with PUBCOMP 0x92 in MQTT 5 (§3.7.2.1)', async () => {
    broker = testBroker();
    const p = await connect(broker, 'p', 5);
    p.peer.send({ type: 'pubrel', packetId: 77 });
    expect(await p.peer.expect('pubcomp')).toMatchObject({ packetId: 77, reasonCode: 0x92 });
  });

  it('answers PUBACK 0x10 when no subscriber matched (MQTT 5)', async () => {
    broker = testBroker();
    const p = await connect(broker, 'p', 5);
    p.peer.send(pub('nobody', 'x', 1, 1));
    expect(await p.peer.expect('puback')).toMatchObject({ packetId: 1, reasonCode: 0x10 });
  });

  it('sends one copy for overlapping subscriptions, at the highest QoS, with every subscription identifier [MQTT-3.3.4-2] [MQTT-3.3.4-3]', async () => {
    broker = testBroker();
    const s = await connect(broker, 's', 5);
    s.peer.send({ type: 'subscribe', packetId: 1, subscriptions: [{ topicFilter: 'a/#', qos: 0 }], properties: { subscriptionIdentifier: [1] } });
    await s.peer.expect('suback');
    s.peer.send({ type: 'subscribe', packetId: 2, subscriptions: [{ topicFilter: 'a/b', qos: 1 }], properties: { subscriptionIdentifier: [2] } });
    await s.peer.expect('suback');
    const p = await connect(broker, 'p', 5);
    p.peer.send(pub('a/b', 'x', 1, 1));
    const d = await s.peer.expect('publish');
    expect(d.qos).toBe(1);
    expect(d.properties?.subscriptionIdentifier?.sort()).toEqual([1, 2]);
    s.peer.send({ type: 'puback', packetId: d.packetId! });
    expect(await nextOrTimeout(s.peer, 50)).toBe('timeout');
  });

  it('never exceeds the client Receive Maximum; the rest follow as acks come [MQTT-3.3.4-7]', async () => {
    broker = testBroker();
    const s = await connect(broker, 's', 5, { properties: { receiveMaximum: 2 } });
    await subscribe(s.peer, 't', 1);
    const p = await connect(broker, 'p', 5);
    for (let i = 1; i <= 5; i++) p.peer.send(pub('t', String(i), 1, i));
    const a = await s.peer.expect('publish');
    const b = await s.peer.expect('publish');
    expect(await nextOrTimeout(s.peer, 50)).toBe('timeout');
    s.peer.send({ type: 'puback', packetId: a.packetId! });
    const c = await s.peer.expect('publish');
    expect(c.payload.toString()).toBe('3');
    expect(await nextOrTimeout(s.peer, 50)).toBe('timeout');
    s.peer.send({ type: 'puback', packetId: b.packetId! });
    s.peer.send({ type: 'puback', packetId: c.packetId! });
    expect((await s.peer.expect('publish')).payload.toString()).toBe('4');
    expect((await s.peer.expect('publish')).payload.toString()).toBe('5');
  });

  it('does not send a packet larger than the client Maximum Packet Size [MQTT-3.1.2-24] [MQTT-3.1.2-25]', async () => {
    broker = testBroker();
    const s = await connect(broker, 's', 5, { properties: { maximumPacketSize: 30 } });
    await subscribe(s.peer, 't', 0);
    const p = await connect(broker, 'p', 5);
    p.peer.send(pub('t', 'x'.repeat(100), 0));
    p.peer.send(pub('t', 'small', 0));
    expect((await s.peer.expect('publish')).payload.toString()).toBe('small');
  });
});
