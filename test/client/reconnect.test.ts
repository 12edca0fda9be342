import { describe, expect, it } from 'vitest';
import { MqttClient } from '../../src/client/client.js';
import type { ClientConfig } from '../../src/client/config.js';
import type { ClientError } from '../../src/client/errors.js';
import { encode } from '../../src/codec/encode.js';
import type { Packet } from '../../src/codec/types.js';
import { accept, dialer, reconnectingConfig } from '../helpers/dialer.js';

const config: ClientConfig = reconnectingConfig();

describe('client engine: reconnecting', () => {
  it('holds a QoS 0 publish made while reconnecting and sends it once connected again', async () => {
    const { dial, nextPeer } = dialer();
    const connecting = MqttClient.connect(config, { dial });
    const first = await nextPeer();
    await accept(first, false);
    const client = await connecting;
    const offline = new Promise((r) => client.on('offline', r));
    first.stream.destroy();
    await offline;
    const done = client.publish({ topic: 'late', payload: Buffer.from('q0'), qos: 0, retain: false });
    const second = await nextPeer();
    await accept(second, true);
    const got = await second.expect('publish');
    expect([got.topic, got.payload.toString(), got.qos]).toEqual(['late', 'q0', 0]);
    await done;
    client.destroy();
  });

  it('forgets the server\'s topic aliases with the connection they were set on [MQTT-3.3.2-7]', async () => {
    const { dial, nextPeer } = dialer(5);
    const v5: ClientConfig = { ...config, connect: { ...config.connect, protocolVersion: 5, properties: { topicAliasMaximum: 4 } } };
    const connecting = MqttClient.connect(v5, { dial });
    const first = await nextPeer();
    await accept(first, false);
    const client = await connecting;
    const topics: string[] = [];
    client.on('message', (m) => topics.push(m.packet.topic));
    first.send({ type: 'publish', topic: 'set/here', payload: Buffer.alloc(0), qos: 0, retain: false, dup: false, properties: { topicAlias: 1 } });
    first.send({ type: 'publish', topic: '', payload: Buffer.alloc(0), qos: 0, retain: false, dup: false, properties: { topicAlias: 1 } });
    first.stream.destroy();
    const second = await nextPeer();
    await accept(second, true);
    // Alias 1 was never set on this connection: a Protocol Error [MQTT-3.3.2-12].
    second.send({ type: 'publish', topic: '', payload: Buffer.alloc(0), qos: 0, retain: false, dup: false, properties: { topicAlias: 1 } });
    expect((await second.expect('disconnect')).reasonCode).toBe(0x82);
    expect(topics).toEqual(['set/here', 'set/here']);
    client.destroy();
  });

  it('resends an unacknowledged QoS 1 PUBLISH with DUP after reconnecting to a kept session [MQTT-4.4.0-1]', async () => {
    const { dial, nextPeer } = dialer();
    const connecting = MqttClient.connect(config, { dial });
    const first = await nextPeer();
    await accept(first, false);
    const client = await connecting;
    const offline = new Promise<ClientError | undefined>((r) => client.on('offline', r));
    const done = client.publish({ topic: 't', payload: Buffer.from('keep me'), qos: 1, retain: false });
    const original = await first.expect('publish');
    expect(original.dup).toBe(false);
    first.stream.destroy(); // the connection drops before the PUBACK
    expect(await offline).toMatchObject({ kind: 'lost' });

    const second = await nextPeer();
    const reconnected = new Promise((r) => client.on('connect', r));
    await accept(second, true);
    await reconnected;
    const again = await second.expect('publish');
    expect(again).toMatchObject({ dup: true, packetId: original.packetId, topic: 't' });
    expect(again.payload.toString()).toBe('keep me');
    second.send({ type: 'puback', packetId: again.packetId! });
    await expect(done).resolves.toMatchObject({ reasonCode: 0 });
    client.destroy();
  });

  it('resends PUBREL, not PUBLISH, for a QoS 2 message already received by the server [MQTT-4.4.0-1]', async () => {
    const { dial, nextPeer } = dialer();
    const connecting = MqttClient.connect(config, { dial });
    const first = await nextPeer();
    await accept(first, false);
    const client = await connecting;
    const done = client.publish({ topic: 't', payload: Buffer.from('x'), qos: 2, retain: false });
    const pub = await first.expect('publish');
    first.send({ type: 'pubrec', packetId: pub.packetId! });
    await first.expect('pubrel');
    first.stream.destroy();
    const second = await nextPeer();
    await accept(second, true);
    const rel = await second.expect('pubrel');
    expect(rel.packetId).toBe(pub.packetId);
    second.send({ type: 'pubcomp', packetId: pub.packetId! });
    await expect(done).resolves.toMatchObject({ reasonCode: 0 });
    client.destroy();
  });

  it('sends the message again as new when the server lost the session', async () => {
    const { dial, nextPeer } = dialer();
    const connecting = MqttClient.connect(config, { dial });
    const first = await nextPeer();
    await accept(first, false);
    const client = await connecting;
    const done = client.publish({ topic: 't', payload: Buffer.from('x'), qos: 1, retain: false });
    await first.expect('publish');
    first.stream.destroy();
    const second = await nextPeer();
    await accept(second, false);
    const again = await second.expect('publish');
    expect(again.dup).toBe(false);
    second.send({ type: 'puback', packetId: again.packetId! });
    await expect(done).resolves.toMatchObject({ reasonCode: 0 });
    client.destroy();
  });

  it('holds publishes while offline: ready() waits for the reconnection', async () => {
    const { dial, nextPeer } = dialer();
    const connecting = MqttClient.connect(config, { dial });
    const first = await nextPeer();
    await accept(first, false);
    const client = await connecting;
    first.stream.destroy();
    await new Promise((r) => client.on('offline', r));
    const wait = client.ready(0);
    expect(wait).toBeInstanceOf(Promise);
    let ready = false;
    void wait!.then(() => (ready = true));
    const second = await nextPeer();
    await new Promise((r) => setTimeout(r, 5));
    expect(ready).toBe(false);
    await accept(second, false);
    await wait;
    expect(ready).toBe(true);
    client.destroy();
  });

  it('gives up when the server refuses the reconnection', async () => {
    const { dial, nextPeer } = dialer();
    const connecting = MqttClient.connect(config, { dial });
    const first = await nextPeer();
    await accept(first, false);
    const client = await connecting;
    const closed = new Promise<ClientError | undefined>((r) => client.on('close', r));
    first.stream.destroy();
    const second = await nextPeer();
    await second.expect('connect');
    second.send({ type: 'connack', sessionPresent: false, reasonCode: 5 });
    expect(await closed).toMatchObject({ kind: 'connack', reasonCode: 5 });
  });

  it('runs onConnect inside every CONNACK: its SUBSCRIBE goes out before the PUBACK of a queued message in the same chunk', async () => {
    const { dial, nextPeer } = dialer();
    const seen: string[] = [];
    const onConnect = (c: MqttClient, connack: { sessionPresent: boolean }): void => {
      seen.push(`connect ${connack.sessionPresent}`);
      c.subscribe([{ topicFilter: 'q', qos: 1 }]).catch(() => {});
    };
    const connecting = MqttClient.connect(config, { dial, onConnect, onMessage: (m) => seen.push(`message ${m.packet.payload.toString()}`) });
    const queued = (payload: string, packetId: number): Packet => ({ type: 'publish', topic: 'q', payload: Buffer.from(payload), qos: 1, retain: false, dup: false, packetId });
    /** CONNACK and a queued QoS 1 message in one write, as a broker resuming a session sends them. */
    const resume = async (peer: Awaited<ReturnType<typeof nextPeer>>, sessionPresent: boolean, payload: string): Promise<void> => {
      await peer.expect('connect');
      peer.sendRaw(Buffer.concat([encode({ type: 'connack', sessionPresent, reasonCode: 0 }, 4), encode(queued(payload, 7), 4)]));
      expect((await peer.expect('subscribe')).subscriptions[0]?.topicFilter).toBe('q');
      expect((await peer.expect('puback')).packetId).toBe(7);
    };
    const first = await nextPeer();
    await resume(first, true, 'one');
    const client = await connecting;
    first.stream.destroy();
    await resume(await nextPeer(), false, 'two');
    expect(seen).toEqual(['connect true', 'message one', 'connect false', 'message two']);
    client.destroy();
  });

  it('gives up after reconnectAttempts failed attempts in a row, telling each one', async () => {
    const { dial, nextPeer } = dialer();
    const connecting = MqttClient.connect(reconnectingConfig(4, false, { reconnectAttempts: 2 }), { dial });
    const first = await nextPeer();
    await accept(first, false);
    const client = await connecting;
    const retries: Array<[string, number]> = [];
    client.on('retry', (err, attempt) => retries.push([err.kind, attempt]));
    const closed = new Promise<ClientError | undefined>((r) => client.on('close', r));
    first.stream.destroy();
    // Each reconnect attempt dies before its CONNACK.
    for (let attempt = 1; attempt <= 2; attempt++) {
      const peer = await nextPeer();
      await peer.expect('connect');
      peer.stream.destroy();
    }
    expect(await closed).toMatchObject({ kind: 'lost' });
    expect(retries).toEqual([['lost', 1], ['lost', 2]]);
  });
});
