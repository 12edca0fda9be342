// Deep topics from hostile clients (issue 11): the tree walks are iterative, so no topic
// depth can overflow the call stack; and topics beyond max_topic_levels (200 by default,
// as mosquitto's TOPIC_HIERARCHY_LIMIT) are refused for PUBLISH, wills and SUBSCRIBE.
import { afterEach, describe, expect, it } from 'vitest';
import type { Broker } from '../../src/broker/broker.js';
import { parseMosquittoConf } from '../../src/broker/config.js';
import { connect, open, subscribe, testBroker } from './harness.js';

let broker: Broker;
afterEach(async () => broker?.close());

const deep = (level: string, n: number): string => Array.from({ length: n }, () => level).join('/');

describe('broker: deep topics never overflow the stack (max_topic_levels 0: no limit)', () => {
  it('delivers a will of 20,000 levels to a 20,000-level "+" subscription from the close handler', async () => {
    broker = testBroker({ maxTopicLevels: 0 });
    const watcher = await connect(broker, 'watch', 5);
    expect(await subscribe(watcher.peer, deep('+', 20_000))).toEqual([0]);
    const c = await connect(broker, 'c', 4, { will: { topic: deep('a', 20_000), payload: Buffer.from('gone'), qos: 0, retain: false } });
    c.peer.stream.destroy();
    const got = await watcher.peer.expect('publish');
    expect(got.topic.split('/')).toHaveLength(20_000);
    expect(got.payload.toString()).toBe('gone');
  });

  it.each(['#', 'a/#', '+/+/#'])('a retained message of 20,000 levels reaches a new "%s" subscriber, which stays connected', async (filter) => {
    broker = testBroker({ maxTopicLevels: 0 });
    const p = await connect(broker, 'p', 4);
    p.peer.send({ type: 'publish', topic: deep('a', 20_000), payload: Buffer.from('deep'), qos: 1, retain: true, dup: false, packetId: 1 });
    await p.peer.expect('puback');
    const s = await connect(broker, 's', 4);
    expect(await subscribe(s.peer, filter)).toEqual([0]);
    expect((await s.peer.expect('publish')).payload.toString()).toBe('deep');
    s.peer.send({ type: 'pingreq' });
    await s.peer.expect('pingresp');
    expect(broker.core.retained.all()).toHaveLength(1);
  });
});

describe('broker: max_topic_levels (default 200, as mosquitto)', () => {
  it('accepts a PUBLISH of 200 levels and drops one of 201 with DISCONNECT 0x90', async () => {
    broker = testBroker();
    const s = await connect(broker, 's', 5);
    await subscribe(s.peer, '#');
    const p = await connect(broker, 'p', 5);
    p.peer.send({ type: 'publish', topic: deep('a', 200), payload: Buffer.from('ok'), qos: 0, retain: false, dup: false });
    expect((await s.peer.expect('publish')).payload.toString()).toBe('ok');
    p.peer.send({ type: 'publish', topic: deep('a', 201), payload: Buffer.from('no'), qos: 0, retain: true, dup: false });
    expect(await p.peer.expect('disconnect')).toMatchObject({ reasonCode: 0x90 });
    await p.peer.closed;
    expect(broker.core.retained.size).toBe(0);
  });

  it('closes an MQTT 3.1.1 publisher of a 201-level topic', async () => {
    broker = testBroker();
    const p = await connect(broker, 'p', 4);
    p.peer.send({ type: 'publish', topic: deep('a', 201), payload: Buffer.from('no'), qos: 0, retain: false, dup: false });
    await p.peer.closed;
  });

  it('refuses a subscription of 201 levels with 0x8F / 0x80 and keeps the connection', async () => {
    broker = testBroker();
    const v5 = await connect(broker, 'v5', 5);
    expect(await subscribe(v5.peer, deep('+', 201))).toEqual([0x8f]);
    const v4 = await connect(broker, 'v4', 4);
    expect(await subscribe(v4.peer, `${deep('a', 200)}/#`)).toEqual([0x80]);
    expect(await subscribe(v4.peer, `${deep('a', 199)}/#`, 0, 2)).toEqual([0]);
    expect(broker.core.tree.size).toBe(1);
  });

  it('refuses a will topic of 201 levels: CONNACK 0x90 (v5), closed without CONNACK (3.1.1)', async () => {
    broker = testBroker();
    const will = { topic: deep('w', 201), payload: Buffer.from('x'), qos: 0 as const, retain: true };
    const v5 = await connect(broker, 'v5', 5, { will });
    expect(v5.connack.reasonCode).toBe(0x90);
    const v4 = open(broker, 4);
    v4.send({ type: 'connect', protocolVersion: 4, clientId: 'v4', clean: true, keepalive: 60, will });
    await v4.closed;
    expect(await v4.nextWithin(10)).toBeUndefined();
    expect(broker.core.clients.size).toBe(0);
  });

  it('takes the limit from max_topic_levels', async () => {
    expect(parseMosquittoConf('max_topic_levels 3\n').config.maxTopicLevels).toBe(3);
    broker = testBroker(parseMosquittoConf('max_topic_levels 3\n').config);
    const s = await connect(broker, 's', 5);
    expect(await subscribe(s.peer, 'a/b/c')).toEqual([0]);
    expect(await subscribe(s.peer, 'a/b/c/d', 0, 2)).toEqual([0x8f]);
  });
});
