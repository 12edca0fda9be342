import { afterEach, describe, expect, it } from 'vitest';
import type { Broker } from '../../src/broker/broker.js';
import { OutboundAliases } from '../../src/broker/topic-alias-out.js';
import type { PublishPacket } from '../../src/codec/types.js';
import { connect, nextOrTimeout, subscribe, testBroker } from './harness.js';

let broker: Broker;
afterEach(async () => broker?.close());

const pub = (topic: string, payload: string): PublishPacket => ({ type: 'publish', topic, payload: Buffer.from(payload), qos: 0, retain: false, dup: false });

describe('OutboundAliases (the policy)', () => {
  it('assigns on first use, then reuses; never beyond the maximum; the least recently used alias goes to a new topic', () => {
    const a = new OutboundAliases(2);
    expect(a.use('sensors/one')).toEqual({ alias: 1, known: false });
    expect(a.use('sensors/two')).toEqual({ alias: 2, known: false });
    expect(a.use('sensors/one')).toEqual({ alias: 1, known: true });
    // sensors/two is the least recently used: its alias 2 now means sensors/three.
    expect(a.use('sensors/three')).toEqual({ alias: 2, known: false });
    expect(a.use('sensors/two')).toEqual({ alias: 1, known: false });
  });

  it('leaves out topics too short to gain anything, and forgets an alias whose PUBLISH was not sent', () => {
    const a = new OutboundAliases(5);
    expect(a.use('a/b')).toBeUndefined();
    expect(a.use('sensors/x')).toEqual({ alias: 1, known: false });
    a.forget('sensors/x');
    expect(a.use('sensors/x')).toEqual({ alias: 1, known: false });
  });
});

describe('broker: topic aliases towards MQTT 5 clients [MQTT-3.3.2-12]', () => {
  async function deliveries(topicAliasMaximum: number | undefined, topics: string[]): Promise<PublishPacket[]> {
    broker = testBroker();
    const s = await connect(broker, 's', 5, topicAliasMaximum === undefined ? {} : { properties: { topicAliasMaximum } });
    await subscribe(s.peer, 'sensors/#');
    const p = await connect(broker, 'p', 5);
    topics.forEach((t, i) => p.peer.send(pub(t, String(i))));
    const got: PublishPacket[] = [];
    for (const _ of topics) got.push(await s.peer.expect('publish'));
    expect(await nextOrTimeout(s.peer, 30)).toBe('timeout');
    return got;
  }

  it('with Topic Alias Maximum 2: aliased PUBLISH packets decode to the right topics, no alias above 2', async () => {
    const topics = ['sensors/kitchen/temperature', 'sensors/kitchen/temperature', 'sensors/hall/humidity', 'sensors/kitchen/temperature', 'sensors/garden/light', 'sensors/hall/humidity', 'sensors/garden/light'];
    const got = await deliveries(2, topics);
    // The client's view [MQTT-3.3.2-12]: a topic with an alias sets it, an empty topic looks it up.
    const map = new Map<number, string>();
    const decoded = got.map((p) => {
      const alias = p.properties?.topicAlias;
      expect(alias, 'every delivery carries an alias').toBeDefined();
      expect(alias!).toBeGreaterThanOrEqual(1);
      expect(alias!).toBeLessThanOrEqual(2);
      if (p.topic !== '') map.set(alias!, p.topic);
      return map.get(alias!);
    });
    expect(decoded).toEqual(topics);
    expect(got.map((p) => p.payload.toString())).toEqual(topics.map((_, i) => String(i)));
    // Repeats of a topic still holding its alias are sent without the topic.
    expect(got[1]!.topic).toBe('');
    expect(got[3]!.topic).toBe('');
  });

  it('never sends an alias to a client whose Topic Alias Maximum is 0 or absent [MQTT-3.3.2-11]', async () => {
    for (const max of [0, undefined]) {
      const got = await deliveries(max, ['sensors/kitchen/temperature', 'sensors/kitchen/temperature']);
      expect(got.map((p) => [p.topic, p.properties?.topicAlias])).toEqual([['sensors/kitchen/temperature', undefined], ['sensors/kitchen/temperature', undefined]]);
      await broker.close();
    }
  });

  it('starts a fresh map on each connection [MQTT-3.3.2-10]', async () => {
    broker = testBroker();
    const p = await connect(broker, 'p', 5);
    for (let round = 0; round < 2; round++) {
      const s = await connect(broker, 's', 5, { clean: round === 0, properties: { topicAliasMaximum: 2, sessionExpiryInterval: 60 } });
      if (round === 0) await subscribe(s.peer, 'sensors/#');
      p.peer.send(pub('sensors/kitchen/temperature', String(round)));
      const d = await s.peer.expect('publish');
      expect([d.topic, d.properties?.topicAlias]).toEqual(['sensors/kitchen/temperature', 1]);
      s.peer.send({ type: 'disconnect' });
      await s.peer.closed;
    }
  });
});
