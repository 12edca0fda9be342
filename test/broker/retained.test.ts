import { afterEach, describe, expect, it } from 'vitest';
import type { Broker } from '../../src/broker/broker.js';
import type { PublishPacket } from '../../src/codec/types.js';
import { connect, nextOrTimeout, subscribe, testBroker } from './harness.js';

let broker: Broker;
afterEach(async () => broker?.close());

const retained = (topic: string, payload: string, qos: 0 | 1 = 0): PublishPacket => ({
  type: 'publish', topic, payload: Buffer.from(payload), qos, retain: true, dup: false, ...(qos ? { packetId: 1 } : {}),
});

async function seed(topics: Record<string, string>): Promise<void> {
  const p = await connect(broker, 'seed');
  for (const [t, m] of Object.entries(topics)) p.peer.send(retained(t, m));
  p.peer.send({ type: 'pingreq' });
  await p.peer.expect('pingresp');
}

describe('broker: retained messages', () => {
  it('sends the retained message to a new subscriber with RETAIN 1 [MQTT-3.3.1-6] [MQTT-3.3.1-9]', async () => {
    broker = testBroker();
    await seed({ 'r/a': 'A', 'r/b': 'B', 'other': 'O' });
    const s = await connect(broker, 's');
    await subscribe(s.peer, 'r/+');
    const got = [await s.peer.expect('publish'), await s.peer.expect('publish')];
    expect(got.map((g) => `${g.topic}=${g.payload}`).sort()).toEqual(['r/a=A', 'r/b=B']);
    expect(got.every((g) => g.retain)).toBe(true);
  });

  it('replaces and clears with an empty payload [MQTT-3.3.1-10] [MQTT-3.3.1-11]', async () => {
    broker = testBroker();
    await seed({ t: 'one' });
    await seed({ t: 'two' });
    let s = await connect(broker, 's');
    await subscribe(s.peer, 't');
    expect((await s.peer.expect('publish')).payload.toString()).toBe('two');
    await seed({ t: '' });
    s = await connect(broker, 's2');
    await subscribe(s.peer, 't');
    expect(await nextOrTimeout(s.peer, 50)).toBe('timeout');
  });

  it('forwards a live retained message with RETAIN 0 unless Retain As Published [MQTT-3.3.1-12] [MQTT-3.3.1-13]', async () => {
    broker = testBroker();
    const plain = await connect(broker, 'plain', 5);
    const rap = await connect(broker, 'rap', 5);
    await subscribe(plain.peer, 't');
    await subscribe(rap.peer, 't', 0, 1, { retainAsPublished: true });
    await seed({ t: 'live' });
    expect((await plain.peer.expect('publish')).retain).toBe(false);
    expect((await rap.peer.expect('publish')).retain).toBe(true);
  });

  it('honours Retain Handling 1 (only new subscriptions) and 2 (never) [MQTT-3.3.1-10] (§3.8.3.1)', async () => {
    broker = testBroker();
    await seed({ t: 'kept' });
    const s = await connect(broker, 's', 5);
    await subscribe(s.peer, 't', 0, 1, { retainHandling: 1 });
    expect((await s.peer.expect('publish')).payload.toString()).toBe('kept');
    await subscribe(s.peer, 't', 0, 2, { retainHandling: 1 });
    expect(await nextOrTimeout(s.peer, 50)).toBe('timeout');
    const n = await connect(broker, 'n', 5);
    await subscribe(n.peer, 't', 0, 1, { retainHandling: 2 });
    expect(await nextOrTimeout(n.peer, 50)).toBe('timeout');
  });

  it('does not match $ topics with a leading wildcard [MQTT-4.7.2-1]', async () => {
    broker = testBroker();
    await seed({ '$data/x': 'sys', 'a': 'a' });
    const s = await connect(broker, 's');
    await subscribe(s.peer, '#');
    expect((await s.peer.expect('publish')).topic).toBe('a');
    expect(await nextOrTimeout(s.peer, 50)).toBe('timeout');
    await subscribe(s.peer, '$data/#', 0, 2);
    expect((await s.peer.expect('publish')).topic).toBe('$data/x');
  });

  it('keeps retained messages only until their Message Expiry Interval [MQTT-3.3.2-5]', async () => {
    broker = testBroker();
    const p = await connect(broker, 'p', 5);
    p.peer.send({ ...retained('e', 'brief'), properties: { messageExpiryInterval: 1 } });
    await new Promise((r) => setTimeout(r, 1100));
    const s = await connect(broker, 's', 5);
    await subscribe(s.peer, 'e');
    expect(await nextOrTimeout(s.peer, 50)).toBe('timeout');
  });

  it('refuses RETAIN when retain_available is false, with DISCONNECT 0x9A in MQTT 5 [MQTT-3.3.1-8]', async () => {
    broker = testBroker({ retainAvailable: false });
    const p = await connect(broker, 'p', 5);
    p.peer.send(retained('t', 'x'));
    expect(await p.peer.expect('disconnect')).toMatchObject({ reasonCode: 0x9a });
  });
});
