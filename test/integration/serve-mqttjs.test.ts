// MQTT.js against mqtk serve, for the MQTT 5 features mosquitto's clients do not drive:
// topic aliases, flow control (receive maximum), subscription identifiers, no-local,
// message expiry, session take-over, assigned client ids, retain handling, will delay,
// and the client's maximum packet size.
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Serve, startServe } from '../helpers/serve.js';

let serve: Serve;
const clients: MqttClient[] = [];
beforeAll(async () => {
  serve = await startServe(['-p', '0'], { verbose: false });
});
afterAll(async () => {
  for (const c of clients) c.end(true);
  await serve?.stop();
});

async function client(opts: mqtt.IClientOptions = {}): Promise<MqttClient> {
  const c = await mqtt.connectAsync(`mqtt://127.0.0.1:${serve.port}`, { protocolVersion: 5, reconnectPeriod: 0, ...opts });
  clients.push(c);
  return c;
}

function collect(c: MqttClient): Array<{ topic: string; payload: string; packet: mqtt.IPublishPacket }> {
  const got: Array<{ topic: string; payload: string; packet: mqtt.IPublishPacket }> = [];
  c.on('message', (topic, payload, packet) => got.push({ topic, payload: payload.toString(), packet }));
  return got;
}

// Bounds a wait, not a duration: generous, as CI runs two integration files on two cores.
const until = async (fn: () => boolean, ms = 20_000): Promise<void> => {
  const end = Date.now() + ms;
  while (!fn()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('MQTT.js (MQTT 5) against mqtk serve', () => {
  it('resolves topic aliases sent by the client [MQTT-3.3.2-12]', async () => {
    const sub = await client();
    const got = collect(sub);
    await sub.subscribeAsync('alias/long/topic/name');
    const pub = await client();
    await pub.publishAsync('alias/long/topic/name', 'one', { properties: { topicAlias: 1 } });
    await pub.publishAsync('', 'two', { properties: { topicAlias: 1 } });
    await until(() => got.length === 2);
    expect(got.map((g) => `${g.topic}=${g.payload}`)).toEqual(['alias/long/topic/name=one', 'alias/long/topic/name=two']);
  });

  it('respects the client Receive Maximum while delivering everything [MQTT-3.3.4-7]', async () => {
    const sub = await client({ properties: { receiveMaximum: 3 }, clientId: 'flow' });
    const got = collect(sub);
    await sub.subscribeAsync('flow/t', { qos: 1 });
    const pub = await client();
    await Promise.all(Array.from({ length: 50 }, (_, i) => pub.publishAsync('flow/t', String(i), { qos: 1 })));
    await until(() => got.length === 50);
    expect(got.map((g) => Number(g.payload))).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it('tags messages with the subscription identifiers that matched [MQTT-3.3.4-3]', async () => {
    const sub = await client();
    const got = collect(sub);
    await sub.subscribeAsync('sid/#', { qos: 0, properties: { subscriptionIdentifier: 11 } });
    await sub.subscribeAsync('sid/+/x', { qos: 0, properties: { subscriptionIdentifier: 22 } });
    const pub = await client();
    await pub.publishAsync('sid/a/x', 'both');
    await pub.publishAsync('sid/a/y', 'one');
    await until(() => got.length === 2);
    const ids = (p: mqtt.IPublishPacket): number[] => {
      const v = p.properties?.subscriptionIdentifier;
      return (Array.isArray(v) ? v : v === undefined ? [] : [v]).sort();
    };
    expect(ids(got[0]!.packet)).toEqual([11, 22]);
    expect(ids(got[1]!.packet)).toEqual([11]);
  });

  it('does not echo a client its own messages with No Local [MQTT-3.8.3-3]', async () => {
    const c = await client();
    const got = collect(c);
    await c.subscribeAsync('nl/t', { qos: 1, nl: true });
    const other = await client();
    await c.publishAsync('nl/t', 'mine', { qos: 1 });
    await other.publishAsync('nl/t', 'theirs', { qos: 1 });
    // 'mine' was acknowledged before 'theirs' was sent: an echo would have come first.
    await until(() => got.some((g) => g.payload === 'theirs'));
    expect(got.map((g) => g.payload)).toEqual(['theirs']);
  });

  it('drops queued messages whose Message Expiry Interval ran out, and counts down the rest [MQTT-3.3.2-5] [MQTT-3.3.2-6]', async () => {
    const opts = { clientId: 'expiry', clean: false, properties: { sessionExpiryInterval: 60 } };
    const first = await client(opts);
    await first.subscribeAsync('exp/t', { qos: 1 });
    await first.endAsync();
    const pub = await client();
    await pub.publishAsync('exp/t', 'short', { qos: 1, properties: { messageExpiryInterval: 1 } });
    await pub.publishAsync('exp/t', 'long', { qos: 1, properties: { messageExpiryInterval: 60 } });
    await new Promise((r) => setTimeout(r, 1300));
    const again = mqtt.connect(`mqtt://127.0.0.1:${serve.port}`, { protocolVersion: 5, reconnectPeriod: 0, ...opts });
    clients.push(again);
    const got = collect(again);
    // The session queue keeps order: 'short', if kept, would come before 'long'.
    await until(() => got.some((g) => g.payload === 'long'));
    expect(got.map((g) => g.payload)).toEqual(['long']);
    expect(got[0]!.packet.properties?.messageExpiryInterval).toBeLessThanOrEqual(59);
  });

  it('passes user properties, content type, correlation data and payload format through', async () => {
    const sub = await client();
    const got = collect(sub);
    await sub.subscribeAsync('props/t');
    const pub = await client();
    await pub.publishAsync('props/t', '{"a":1}', { properties: { userProperties: { k: ['v1', 'v2'] }, contentType: 'application/json', correlationData: Buffer.from('id-1'), payloadFormatIndicator: true, responseTopic: 'props/reply' } });
    await until(() => got.length === 1);
    const p = got[0]!.packet.properties!;
    expect(p.userProperties).toEqual({ k: ['v1', 'v2'] });
    expect(p.contentType).toBe('application/json');
    expect(p.correlationData?.toString()).toBe('id-1');
    expect(p.payloadFormatIndicator).toBe(true);
    expect(p.responseTopic).toBe('props/reply');
  });

  it('tells the old connection of a taken-over session why: DISCONNECT 0x8E [MQTT-3.1.4-3]', async () => {
    const first = await client({ clientId: 'twin' });
    const reason = new Promise<number | undefined>((r) => first.on('disconnect', (p) => r(p.reasonCode)));
    await client({ clientId: 'twin' });
    expect(await reason).toBe(0x8e);
  });

  it('assigns a client id to a client that sends none [MQTT-3.2.2-16]', async () => {
    const c = mqtt.connect(`mqtt://127.0.0.1:${serve.port}`, { protocolVersion: 5, reconnectPeriod: 0, clientId: '', clean: true });
    clients.push(c);
    const connack = await new Promise<mqtt.IConnackPacket>((r) => c.once('connect', r));
    expect(connack.properties?.assignedClientIdentifier).toMatch(/\S+/);
  });

  it('sends retained messages per Retain Handling: 0 always, 1 only for a new subscription, 2 never [MQTT-3.3.1-9] [MQTT-3.3.1-10]', async () => {
    const pub = await client();
    await pub.publishAsync('rh/t', 'kept', { qos: 1, retain: true });
    const c = await client();
    const got = collect(c);
    await c.subscribeAsync('rh/t', { qos: 0, rh: 2 });
    await c.subscribeAsync('rh/+', { qos: 0, rh: 1 }); // new: sent
    await c.subscribeAsync('rh/+', { qos: 0, rh: 1 }); // exists already: not sent again
    await c.subscribeAsync('rh/#', { qos: 0, rh: 0 });
    await c.subscribeAsync('rh/#', { qos: 0, rh: 0 }); // always
    // A message published after the last SUBACK reaches c behind every retained copy sent.
    await c.subscribeAsync('rh-end', { qos: 1 });
    await pub.publishAsync('rh-end', 'end', { qos: 1 });
    await until(() => got.some((g) => g.topic === 'rh-end'));
    expect(got.map((g) => g.payload)).toEqual(['kept', 'kept', 'kept', 'end']);
  });

  it('holds a will for its Will Delay Interval, and drops it when the client comes back in time [MQTT-3.1.3-9]', async () => {
    const watcher = await client();
    const got = collect(watcher);
    await watcher.subscribeAsync('delayed/#', { qos: 1 });
    const opts = (id: string): mqtt.IClientOptions => ({
      clientId: id, clean: false, properties: { sessionExpiryInterval: 30 },
      will: { topic: `delayed/${id}`, payload: Buffer.from('gone'), qos: 1, retain: false, properties: { willDelayInterval: 1 } },
    });
    const late = await client(opts('late'));
    const back = await client(opts('back'));
    const dropped = Date.now();
    late.stream.destroy(); // no DISCONNECT: the wills are due
    back.stream.destroy();
    await client(opts('back')); // within the delay: no will [MQTT-3.1.3-9]
    await until(() => got.length >= 1);
    expect(Date.now() - dropped).toBeGreaterThanOrEqual(900);
    await new Promise((r) => setTimeout(r, 300));
    expect(got.map((g) => g.topic)).toEqual(['delayed/late']);
  });

  it('does not send a client a packet over the Maximum Packet Size it announced [MQTT-3.1.2-24]', async () => {
    const small = await client({ properties: { maximumPacketSize: 64 } });
    const got = collect(small);
    await small.subscribeAsync('mps/t');
    const pub = await client();
    await pub.publishAsync('mps/t', 'x'.repeat(200));
    await pub.publishAsync('mps/t', 'fits');
    // Sent in order: the oversized one, if it were sent, would come before 'fits'.
    await until(() => got.some((g) => g.payload === 'fits'));
    expect(got.map((g) => g.payload)).toEqual(['fits']);
    expect(small.connected).toBe(true);
  });
});
