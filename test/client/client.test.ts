import { describe, expect, it } from 'vitest';
import { MqttClient } from '../../src/client/client.js';
import type { ClientConfig } from '../../src/client/config.js';
import { ClientError } from '../../src/client/errors.js';
import type { IncomingMessage } from '../../src/client/events.js';
import { encode } from '../../src/codec/encode.js';
import type { ProtocolVersion } from '../../src/codec/types.js';
import { duplexPair, ScriptedPeer } from '../helpers/peer.js';

function config(version: ProtocolVersion = 4, extra: Partial<ClientConfig['connect']> = {}): ClientConfig {
  return {
    transport: { kind: 'tcp', host: 'unused', port: 0 },
    connect: { protocolVersion: version, clientId: 'c1', clean: true, keepalive: 60, ...extra },
    maxInflight: 20,
    connectTimeoutMs: 2000,
  };
}

async function connected(version: ProtocolVersion = 4, connackProps?: object, extra: Partial<ClientConfig['connect']> = {}) {
  const [ours, theirs] = duplexPair();
  const peer = new ScriptedPeer(theirs, version);
  const pending = MqttClient.connect(config(version, extra), { dial: () => ours });
  const connect = await peer.expect('connect');
  peer.send({ type: 'connack', sessionPresent: false, reasonCode: 0, ...(connackProps ? { properties: connackProps } : {}) });
  const client = await pending;
  return { client, peer, connect };
}

describe('client engine: CONNECT', () => {
  it('sends CONNECT with the configured fields and resolves on CONNACK 0 [MQTT-3.1.4]', async () => {
    const { client, connect } = await connected(4, undefined, { username: 'u', password: Buffer.from('p'), keepalive: 30 });
    expect(connect).toMatchObject({ protocolVersion: 4, clientId: 'c1', clean: true, keepalive: 30, username: 'u' });
    expect(connect.password?.toString()).toBe('p');
    expect(client.connack?.reasonCode).toBe(0);
    client.destroy();
  });

  it('uses the client id the server assigns (MQTT 5) [MQTT-3.2.2-16]', async () => {
    const { client } = await connected(5, { assignedClientIdentifier: 'auto-1' }, { clientId: '' });
    expect(client.clientId).toBe('auto-1');
    client.destroy();
  });

  it('fails with the CONNACK return code when the server refuses [MQTT-3.2.2-7]', async () => {
    const [ours, theirs] = duplexPair();
    const peer = new ScriptedPeer(theirs, 4);
    const pending = MqttClient.connect(config(4), { dial: () => ours });
    await peer.expect('connect');
    peer.send({ type: 'connack', sessionPresent: false, reasonCode: 5 });
    const err = await pending.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ClientError);
    expect(err).toMatchObject({ kind: 'connack', reasonCode: 5 });
  });

  it('fails with a protocol error when the first packet is not CONNACK [MQTT-3.2.0-1]', async () => {
    const [ours, theirs] = duplexPair();
    const peer = new ScriptedPeer(theirs, 4);
    const pending = MqttClient.connect(config(4), { dial: () => ours });
    await peer.expect('connect');
    peer.send({ type: 'pingresp' });
    await expect(pending).rejects.toMatchObject({ kind: 'protocol' });
  });

  it('fails when the server closes before CONNACK', async () => {
    const [ours, theirs] = duplexPair();
    const peer = new ScriptedPeer(theirs, 4);
    const pending = MqttClient.connect(config(4), { dial: () => ours });
    await peer.expect('connect');
    theirs.end();
    await expect(pending).rejects.toMatchObject({ kind: 'lost' });
  });
});

describe('client engine: outgoing PUBLISH', () => {
  it('completes QoS 1 on PUBACK [MQTT-4.3.2]', async () => {
    const { client, peer } = await connected();
    const done = client.publish({ topic: 't', payload: Buffer.from('x'), qos: 1, retain: false });
    const pub = await peer.expect('publish');
    expect(pub).toMatchObject({ qos: 1, dup: false, topic: 't' });
    expect(pub.packetId).toBeGreaterThan(0);
    peer.send({ type: 'puback', packetId: pub.packetId! });
    await expect(done).resolves.toMatchObject({ reasonCode: 0, packetId: pub.packetId });
    client.destroy();
  });

  it('runs the QoS 2 exchange PUBREC → PUBREL → PUBCOMP [MQTT-4.3.3]', async () => {
    const { client, peer } = await connected();
    const done = client.publish({ topic: 't', payload: Buffer.from('x'), qos: 2, retain: true });
    const pub = await peer.expect('publish');
    peer.send({ type: 'pubrec', packetId: pub.packetId! });
    const rel = await peer.expect('pubrel');
    expect(rel.packetId).toBe(pub.packetId);
    peer.send({ type: 'pubcomp', packetId: pub.packetId! });
    await expect(done).resolves.toMatchObject({ reasonCode: 0 });
    client.destroy();
  });

  it('reports a v5 PUBACK refusal with its reason code and string', async () => {
    const { client, peer } = await connected(5);
    const done = client.publish({ topic: 't', payload: Buffer.alloc(0), qos: 1, retain: false });
    const pub = await peer.expect('publish');
    peer.send({ type: 'puback', packetId: pub.packetId!, reasonCode: 0x87, properties: { reasonString: 'nope' } });
    await expect(done).resolves.toMatchObject({ reasonCode: 0x87, reasonString: 'nope' });
    client.destroy();
  });

  it("never has more QoS 1 messages in flight than the server's Receive Maximum [MQTT-3.3.4-7]", async () => {
    const { client, peer } = await connected(5, { receiveMaximum: 2 });
    const all = [1, 2, 3, 4].map((i) => client.publish({ topic: 't', payload: Buffer.from(String(i)), qos: 1, retain: false }));
    const first = await peer.expect('publish');
    const second = await peer.expect('publish');
    // Nothing more until an acknowledgement frees a slot.
    const third = peer.next();
    const raced = await Promise.race([third.then(() => 'third'), new Promise((r) => setTimeout(() => r('waited'), 50))]);
    expect(raced).toBe('waited');
    peer.send({ type: 'puback', packetId: first.packetId! });
    const p3 = (await third) as { type: string; packetId?: number };
    expect(p3.type).toBe('publish');
    peer.send({ type: 'puback', packetId: second.packetId! });
    const p4 = await peer.expect('publish');
    peer.send({ type: 'puback', packetId: p3.packetId! });
    peer.send({ type: 'puback', packetId: p4.packetId! });
    await Promise.all(all);
    client.destroy();
  });

  it('fails pending publishes when the connection is lost', async () => {
    const { client, peer } = await connected();
    const done = client.publish({ topic: 't', payload: Buffer.alloc(0), qos: 1, retain: false });
    await peer.expect('publish');
    peer.stream.destroy();
    await expect(done).rejects.toMatchObject({ kind: 'lost' });
  });
});

describe('client engine: incoming PUBLISH', () => {
  it('acknowledges QoS 1 with PUBACK after delivery [MQTT-4.3.2-4]', async () => {
    const { client, peer } = await connected();
    const got: IncomingMessage[] = [];
    client.on('message', (m) => got.push(m));
    peer.send({ type: 'publish', topic: 'a', payload: Buffer.from('hi'), qos: 1, retain: false, dup: false, packetId: 7 });
    const ack = await peer.expect('puback');
    expect(ack.packetId).toBe(7);
    expect(got.map((m) => m.packet.payload.toString())).toEqual(['hi']);
    client.destroy();
  });

  it('delivers a QoS 2 message once even when the server resends it with DUP [MQTT-4.3.3]', async () => {
    const { client, peer } = await connected();
    const got: string[] = [];
    client.on('message', (m) => got.push(m.packet.payload.toString()));
    const pub = { type: 'publish' as const, topic: 'a', payload: Buffer.from('once'), qos: 2 as const, retain: false, dup: false, packetId: 9 };
    peer.send(pub);
    expect((await peer.expect('pubrec')).packetId).toBe(9);
    peer.send({ ...pub, dup: true });
    expect((await peer.expect('pubrec')).packetId).toBe(9);
    peer.send({ type: 'pubrel', packetId: 9 });
    expect((await peer.expect('pubcomp')).packetId).toBe(9);
    expect(got).toEqual(['once']);
    client.destroy();
  });

  it('resolves topic aliases the server sets, within our Topic Alias Maximum [MQTT-3.3.2-12]', async () => {
    const { client, peer } = await connected(5, undefined, { properties: { topicAliasMaximum: 5 } });
    const topics: string[] = [];
    client.on('message', (m) => topics.push(m.packet.topic));
    peer.send({ type: 'publish', topic: 'long/topic', payload: Buffer.from('1'), qos: 0, retain: false, dup: false, properties: { topicAlias: 3 } });
    peer.send({ type: 'publish', topic: '', payload: Buffer.from('2'), qos: 1, retain: false, dup: false, packetId: 1, properties: { topicAlias: 3 } });
    await peer.expect('puback');
    expect(topics).toEqual(['long/topic', 'long/topic']);
    client.destroy();
  });

  it('closes with DISCONNECT 0x94 on an alias above our maximum [MQTT-3.3.2-9]', async () => {
    const { client, peer } = await connected(5, undefined, { properties: { topicAliasMaximum: 2 } });
    const closed = new Promise<ClientError | undefined>((r) => client.on('close', r));
    peer.send({ type: 'publish', topic: 'x', payload: Buffer.alloc(0), qos: 0, retain: false, dup: false, properties: { topicAlias: 3 } });
    const disc = await peer.expect('disconnect');
    expect(disc.reasonCode).toBe(0x94);
    expect(await closed).toMatchObject({ kind: 'protocol', reasonCode: 0x94 });
  });

  it('closes with DISCONNECT 0x94 on any alias when we allowed none (Topic Alias Maximum 0) [MQTT-3.3.2-10]', async () => {
    const { client, peer } = await connected(5);
    const got: string[] = [];
    client.on('message', (m) => got.push(m.packet.topic));
    const closed = new Promise<ClientError | undefined>((r) => client.on('close', r));
    peer.send({ type: 'publish', topic: 'x', payload: Buffer.alloc(0), qos: 0, retain: false, dup: false, properties: { topicAlias: 1 } });
    expect((await peer.expect('disconnect')).reasonCode).toBe(0x94);
    expect(await closed).toMatchObject({ kind: 'protocol', reasonCode: 0x94 });
    expect(got).toEqual([]);
  });
});

describe('client engine: the server ends the connection', () => {
  it('reports a server DISCONNECT with its reason code [MQTT-3.14.2]', async () => {
    const { client, peer } = await connected(5);
    const closed = new Promise<ClientError | undefined>((r) => client.on('close', r));
    peer.send({ type: 'disconnect', reasonCode: 0x8e, properties: { reasonString: 'taken over' } });
    peer.stream.end();
    expect(await closed).toMatchObject({ kind: 'server-disconnect', reasonCode: 0x8e, reasonString: 'taken over' });
  });

  it('reports a malformed packet as a protocol error and tells a v5 server why [MQTT-4.13.1-1]', async () => {
    const { client, peer } = await connected(5);
    const closed = new Promise<ClientError | undefined>((r) => client.on('close', r));
    // PUBLISH with QoS 3 is malformed [MQTT-3.3.1-4].
    peer.sendRaw(Buffer.from([0x36, 0x03, 0x00, 0x01, 0x61]));
    const disc = await peer.expect('disconnect');
    expect(disc.reasonCode).toBe(0x81);
    expect(await closed).toMatchObject({ kind: 'protocol', reasonCode: 0x81 });
  });

  it('sends DISCONNECT and closes cleanly on disconnect()', async () => {
    const { client, peer } = await connected();
    const closed = new Promise<ClientError | undefined>((r) => client.on('close', r));
    const done = client.disconnect();
    await peer.expect('disconnect');
    peer.stream.end();
    await done;
    expect(await closed).toBeUndefined();
  });

  it('disconnect() resolves once DISCONNECT is flushed, without waiting for the server to close', async () => {
    const { client, peer } = await connected();
    let closed = false;
    client.on('close', () => (closed = true));
    let ended = false;
    peer.stream.on('end', () => (ended = true));
    peer.stream.resume();
    // The server never closes; a publisher must still be able to exit (as mosquitto_pub does).
    await client.disconnect();
    await new Promise((r) => setImmediate(r));
    expect(ended).toBe(true); // our FIN after the DISCONNECT
    expect(closed).toBe(false); // the socket itself closes on the server's EOF
    peer.stream.end();
    await new Promise((r) => setImmediate(r));
    expect(closed).toBe(true);
  });

  it('disconnect() from a message handler goes out after that PUBACK, before the next message of the chunk is acknowledged [MQTT-4.3.2-4]', async () => {
    const { client, peer } = await connected();
    let done: Promise<void> | undefined;
    client.on('message', () => {
      done ??= client.disconnect();
    });
    const publish = (payload: string, packetId: number) => encode({ type: 'publish', topic: 'q', payload: Buffer.from(payload), qos: 1, retain: false, dup: false, packetId }, 4);
    peer.sendRaw(Buffer.concat([publish('one', 1), publish('two', 2)]));
    expect((await peer.expect('puback')).packetId).toBe(1);
    await peer.expect('disconnect');
    // "two" is not acknowledged: the server keeps it for the session [MQTT-4.4.0-1].
    expect(await peer.nextWithin(50)).toBeUndefined();
    peer.stream.end();
    await done;
  });

  it('disconnect() after subscribing waits for the server to close (no reset that could overtake DISCONNECT)', async () => {
    const { client, peer } = await connected();
    const sub = client.subscribe([{ topicFilter: 't', qos: 0 }]);
    const packet = await peer.expect('subscribe');
    peer.send({ type: 'suback', packetId: packet.packetId, reasonCodes: [0] });
    await sub;
    let resolved = false;
    const done = client.disconnect().then(() => (resolved = true));
    await peer.expect('disconnect');
    await new Promise((r) => setTimeout(r, 20));
    expect(resolved).toBe(false);
    peer.stream.end();
    await done;
    expect(resolved).toBe(true);
  });
});

describe('client engine: SUBSCRIBE', () => {
  it('matches SUBACK to its SUBSCRIBE by packet id [MQTT-3.8.4-2]', async () => {
    const { client, peer } = await connected();
    const done = client.subscribe([{ topicFilter: 'a/#', qos: 1 }, { topicFilter: 'b', qos: 2 }]);
    const sub = await peer.expect('subscribe');
    expect(sub.subscriptions.map((s) => s.topicFilter)).toEqual(['a/#', 'b']);
    peer.send({ type: 'suback', packetId: sub.packetId, reasonCodes: [1, 0x80] });
    await expect(done).resolves.toMatchObject({ reasonCodes: [1, 0x80] });
    const un = client.unsubscribe(['a/#']);
    const unsub = await peer.expect('unsubscribe');
    peer.send({ type: 'unsuback', packetId: unsub.packetId });
    await expect(un).resolves.toMatchObject({ type: 'unsuback' });
    client.destroy();
  });
});
