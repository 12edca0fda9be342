import { afterEach, describe, expect, it } from 'vitest';
import type { Broker } from '../../src/broker/broker.js';
import type { PublishPacket } from '../../src/codec/types.js';
import { connect, nextOrTimeout, subscribe, testBroker, tick } from './harness.js';

let broker: Broker;
afterEach(async () => broker?.close());

const pub = (topic: string, payload: string, extra: Partial<PublishPacket> = {}): PublishPacket => ({
  type: 'publish', topic, payload: Buffer.from(payload), qos: 0, retain: false, dup: false, ...extra,
});

describe('broker: MQTT 5 features', () => {
  it('resolves topic aliases set by the client [MQTT-3.3.2-12]', async () => {
    broker = testBroker();
    const s = await connect(broker, 's', 5);
    await subscribe(s.peer, 'long/topic/name');
    const p = await connect(broker, 'p', 5);
    p.peer.send(pub('long/topic/name', 'first', { properties: { topicAlias: 3 } }));
    p.peer.send(pub('', 'second', { properties: { topicAlias: 3 } }));
    expect((await s.peer.expect('publish')).payload.toString()).toBe('first');
    const second = await s.peer.expect('publish');
    expect(second.topic).toBe('long/topic/name');
    expect(second.properties?.topicAlias).toBeUndefined();
  });

  it('disconnects with 0x94 for an alias above the Topic Alias Maximum [MQTT-3.3.2-9]', async () => {
    broker = testBroker({ maxTopicAlias: 2 });
    const p = await connect(broker, 'p', 5);
    p.peer.send(pub('t', 'x', { properties: { topicAlias: 3 } }));
    expect(await p.peer.expect('disconnect')).toMatchObject({ reasonCode: 0x94 });
  });

  it('disconnects with 0x82 for an unknown alias with an empty topic [MQTT-3.3.2-12]', async () => {
    broker = testBroker();
    const p = await connect(broker, 'p', 5);
    p.peer.send(pub('', 'x', { properties: { topicAlias: 1 } }));
    expect(await p.peer.expect('disconnect')).toMatchObject({ reasonCode: 0x82 });
  });

  it('does not send a message back to its publisher with No Local [MQTT-3.8.3-3]', async () => {
    broker = testBroker();
    const c = await connect(broker, 'c', 5);
    await subscribe(c.peer, 't', 0, 1, { noLocal: true });
    const other = await connect(broker, 'o', 5);
    await subscribe(other.peer, 't');
    c.peer.send(pub('t', 'mine'));
    expect((await other.peer.expect('publish')).payload.toString()).toBe('mine');
    expect(await nextOrTimeout(c.peer, 50)).toBe('timeout');
  });

  it('passes user properties, response topic, correlation data, content type and payload format through unaltered [MQTT-3.3.2-17] [MQTT-3.3.2-20]', async () => {
    broker = testBroker();
    const s = await connect(broker, 's', 5);
    await subscribe(s.peer, 'req');
    const p = await connect(broker, 'p', 5);
    const properties = {
      payloadFormatIndicator: 1, contentType: 'application/json', responseTopic: 'resp/1',
      correlationData: Buffer.from([1, 2, 3]), userProperties: [['a', '1'], ['a', '2'], ['b', '3']] as Array<[string, string]>,
    };
    p.peer.send(pub('req', '{}', { properties }));
    const got = await s.peer.expect('publish');
    expect(got.properties).toEqual(properties);
  });

  it('counts down the Message Expiry Interval and drops expired queued messages [MQTT-3.3.2-5] [MQTT-3.3.2-6]', async () => {
    broker = testBroker();
    const a = await connect(broker, 's', 5, { clean: false, properties: { sessionExpiryInterval: 60 } });
    await subscribe(a.peer, 't', 1);
    a.peer.send({ type: 'disconnect' });
    await a.peer.closed;
    const p = await connect(broker, 'p', 5);
    p.peer.send(pub('t', 'short', { qos: 1, packetId: 1, properties: { messageExpiryInterval: 1 } }));
    p.peer.send(pub('t', 'long', { qos: 1, packetId: 2, properties: { messageExpiryInterval: 100 } }));
    await p.peer.expect('puback');
    await p.peer.expect('puback');
    await tick(1100);
    const b = await connect(broker, 's', 5, { clean: false, properties: { sessionExpiryInterval: 60 } });
    const got = await b.peer.expect('publish');
    expect(got.payload.toString()).toBe('long');
    expect(got.properties?.messageExpiryInterval).toBeLessThanOrEqual(99);
    expect(await nextOrTimeout(b.peer, 50)).toBe('timeout');
  });

  it('disconnects with 0x93 when the client exceeds our Receive Maximum [MQTT-3.3.4-9]', async () => {
    broker = testBroker({ maxInflightMessages: 2 });
    const p = await connect(broker, 'p', 5);
    expect(p.connack.properties?.receiveMaximum).toBe(2);
    for (let i = 1; i <= 3; i++) p.peer.send(pub('t', 'x', { qos: 2, packetId: i }));
    await p.peer.expect('pubrec');
    await p.peer.expect('pubrec');
    expect(await p.peer.expect('disconnect')).toMatchObject({ reasonCode: 0x93 });
  });

  it('request/response: the responder answers on the response topic with the correlation data', async () => {
    broker = testBroker();
    const responder = await connect(broker, 'responder', 5);
    await subscribe(responder.peer, 'service');
    const requester = await connect(broker, 'requester', 5);
    await subscribe(requester.peer, 'reply/me');
    requester.peer.send(pub('service', 'ping', { properties: { responseTopic: 'reply/me', correlationData: Buffer.from('c1') } }));
    const req = await responder.peer.expect('publish');
    responder.peer.send(pub(req.properties!.responseTopic!, 'pong', { properties: { correlationData: req.properties!.correlationData! } }));
    const resp = await requester.peer.expect('publish');
    expect(resp.payload.toString()).toBe('pong');
    expect(resp.properties?.correlationData?.toString()).toBe('c1');
  });

  it('publishes $SYS/broker basics at sys_interval', async () => {
    broker = testBroker({ sysInterval: 1, version: 'mqtk test' });
    const s = await connect(broker, 's', 4);
    s.peer.send({ type: 'subscribe', packetId: 1, subscriptions: [{ topicFilter: '$SYS/broker/version', qos: 0 }, { topicFilter: '$SYS/broker/clients/connected', qos: 0 }] });
    await s.peer.expect('suback');
    const got = new Map<string, string>();
    got.set(...((m) => [m.topic, m.payload.toString()] as [string, string])(await s.peer.expect('publish')));
    got.set(...((m) => [m.topic, m.payload.toString()] as [string, string])(await s.peer.expect('publish')));
    expect(got.get('$SYS/broker/version')).toBe('mqtk test');
    const connected = await s.peer.expect('publish');
    expect(connected).toMatchObject({ topic: '$SYS/broker/clients/connected' });
    expect(connected.payload.toString()).toBe('1');
  });
});
