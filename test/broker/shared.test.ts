import { afterEach, describe, expect, it } from 'vitest';
import type { Broker } from '../../src/broker/broker.js';
import { connect, nextOrTimeout, subscribe, testBroker } from './harness.js';

let broker: Broker;
afterEach(async () => broker?.close());

describe('broker: shared subscriptions', () => {
  it('distributes $share/group/filter messages round robin, one member each [MQTT-4.8.2-4]', async () => {
    broker = testBroker();
    const members = [await connect(broker, 'm1', 5), await connect(broker, 'm2', 5), await connect(broker, 'm3', 4)];
    for (const m of members) await subscribe(m.peer, '$share/g/jobs/+');
    const normal = await connect(broker, 'n', 5);
    await subscribe(normal.peer, 'jobs/#');
    const p = await connect(broker, 'p');
    for (let i = 0; i < 6; i++) p.peer.send({ type: 'publish', topic: `jobs/${i}`, payload: Buffer.from(String(i)), qos: 0, retain: false, dup: false });
    // Two each, and between them every message exactly once.
    const topics: string[] = [];
    for (const m of members) {
      topics.push((await m.peer.expect('publish')).topic, (await m.peer.expect('publish')).topic);
      expect(await nextOrTimeout(m.peer, 30)).toBe('timeout');
    }
    expect(topics.sort()).toEqual(Array.from({ length: 6 }, (_, i) => `jobs/${i}`));
    for (let i = 0; i < 6; i++) expect((await normal.peer.expect('publish')).topic).toBe(`jobs/${i}`);
  });

  it('gives each group its own copy', async () => {
    broker = testBroker();
    const a = await connect(broker, 'a');
    const b = await connect(broker, 'b');
    await subscribe(a.peer, '$share/one/t');
    await subscribe(b.peer, '$share/two/t');
    const p = await connect(broker, 'p');
    p.peer.send({ type: 'publish', topic: 't', payload: Buffer.from('x'), qos: 0, retain: false, dup: false });
    expect((await a.peer.expect('publish')).topic).toBe('t');
    expect((await b.peer.expect('publish')).topic).toBe('t');
  });

  it('skips disconnected members while others are online', async () => {
    broker = testBroker();
    const gone = await connect(broker, 'gone', 4, { clean: false });
    await subscribe(gone.peer, '$share/g/t', 1);
    gone.peer.send({ type: 'disconnect' });
    await gone.peer.closed;
    const live = await connect(broker, 'live');
    await subscribe(live.peer, '$share/g/t', 1);
    const p = await connect(broker, 'p');
    for (let i = 0; i < 3; i++) p.peer.send({ type: 'publish', topic: 't', payload: Buffer.from(String(i)), qos: 1, packetId: i + 1, retain: false, dup: false });
    for (let i = 0; i < 3; i++) {
      const m = await live.peer.expect('publish');
      live.peer.send({ type: 'puback', packetId: m.packetId! });
    }
  });

  it('refuses No Local on a shared subscription as a protocol error [MQTT-3.8.3-4]', async () => {
    broker = testBroker();
    const c = await connect(broker, 'c', 5);
    c.peer.send({ type: 'subscribe', packetId: 1, subscriptions: [{ topicFilter: '$share/g/t', qos: 0 }] });
    await c.peer.expect('suback');
    // The codec refuses to encode No Local + $share, so the bytes are written by hand.
    c.peer.sendRaw(Buffer.from([0x82, 0x10, 0x00, 0x02, 0x00, 0x00, 0x0a, ...Buffer.from('$share/g/t'), 0x04]));
    expect(await c.peer.expect('disconnect')).toMatchObject({ reasonCode: 0x82 });
  });
});

describe('broker: bridges connecting with try_private (protocol level 0x84)', () => {
  it('never sends a bridge its own messages back, and keeps RETAIN as published', async () => {
    broker = testBroker();
    const bridge = await connect(broker, 'bridge', 4, { bridge: true });
    await subscribe(bridge.peer, 'chat/#');
    bridge.peer.send({ type: 'publish', topic: 'chat/a', payload: Buffer.from('mine'), qos: 0, retain: false, dup: false });
    const other = await connect(broker, 'other', 4);
    other.peer.send({ type: 'publish', topic: 'chat/b', payload: Buffer.from('theirs'), qos: 0, retain: true, dup: false });
    const got = await bridge.peer.expect('publish');
    expect(got).toMatchObject({ topic: 'chat/b', retain: true });
    expect(await nextOrTimeout(bridge.peer, 50)).toBe('timeout');
  });
});
