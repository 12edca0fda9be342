// The engine against a strict scripted broker and lost connections: what it resends,
// what it must never send, and what it reports. Each test fails on the engine as it
// was before the client-faults issue.
import { describe, expect, it } from 'vitest';
import { MqttClient } from '../../src/client/client.js';
import type { ClientConfig } from '../../src/client/config.js';
import type { ClientError } from '../../src/client/errors.js';
import { encode } from '../../src/codec/encode.js';
import type { Packet, PublishPacket } from '../../src/codec/types.js';
import { accept, dialer, reconnectingConfig } from '../helpers/dialer.js';
import type { ScriptedPeer } from '../helpers/peer.js';

const config = (version: 4 | 5, clean: boolean): ClientConfig => reconnectingConfig(version, clean);

const msg = (topic: string, qos: 0 | 1 | 2, extra: Partial<PublishPacket> = {}) => ({ topic, payload: Buffer.from('x'), qos, retain: false, ...extra });

/** A client connected to the first of a dialer's scripted peers (later peers are its reconnects). */
async function connected(version: 4 | 5, clean: boolean, connack?: object, extras: { onMessage?: () => void } = {}) {
  const d = dialer(version);
  const connecting = MqttClient.connect(config(version, clean), { dial: d.dial, ...extras });
  const first = await d.nextPeer();
  await accept(first, false, connack);
  return { d, first, client: await connecting };
}

/** Packets from the client until `stop` says enough, or none for 100 ms. */
async function drain(peer: ScriptedPeer, stop: (p: Packet) => boolean = () => false): Promise<Packet[]> {
  const got: Packet[] = [];
  for (;;) {
    const p = await peer.nextWithin(100);
    if (!p) return got;
    got.push(p);
    if (stop(p)) return got;
  }
}

/** A QoS 2 publish whose PUBREC arrived and PUBREL went out, then the connection lost; the reconnect accepted. */
async function lostAfterPubrec(version: 4 | 5, sessionPresent: boolean) {
  const { d, first, client } = await connected(version, !sessionPresent);
  const done = client.publish(msg('q2', 2));
  const pub = await first.expect('publish');
  first.send({ type: 'pubrec', packetId: pub.packetId! });
  await first.expect('pubrel');
  first.stream.destroy();
  const second = await d.nextPeer();
  await accept(second, sessionPresent);
  return { client, done, second, pub };
}

describe('client faults: QoS 2 across a lost connection', () => {
  it('does not publish again a message whose PUBREC arrived, when the new connection has a new session', async () => {
    const { client, done, second } = await lostAfterPubrec(4, false);
    // The broker owns it: done, never sent again (that delivered it twice).
    await expect(done).resolves.toMatchObject({ reasonCode: 0, unconfirmed: true });
    expect(await drain(second)).toEqual([]);
    client.destroy();
  });

  it('sends PUBREL again with a kept session, and takes PUBCOMP 0x92 as delivered (§4.3.3)', async () => {
    const { client, done, second, pub } = await lostAfterPubrec(5, true);
    const pubrel = await second.expect('pubrel');
    expect(pubrel.packetId).toBe(pub.packetId);
    // The server had completed it before the connection went: it no longer knows the id.
    second.send({ type: 'pubcomp', packetId: pubrel.packetId, reasonCode: 0x92 });
    await expect(done).resolves.toMatchObject({ reasonCode: 0 });
    client.destroy();
  });

  it('publishes again, as new, a QoS 2 message whose PUBREC never came, when the session is new', async () => {
    const { d, first, client } = await connected(4, true);
    const done = client.publish(msg('q2', 2));
    await first.expect('publish');
    first.stream.destroy();
    const second = await d.nextPeer();
    await accept(second, false);
    const again = await second.expect('publish');
    expect([again.topic, again.dup]).toEqual(['q2', false]);
    second.send({ type: 'pubrec', packetId: again.packetId! });
    await second.expect('pubrel');
    second.send({ type: 'pubcomp', packetId: again.packetId! });
    await expect(done).resolves.toEqual({ packetId: again.packetId, reasonCode: 0 });
    client.destroy();
  });
});

describe('client faults: topic aliases belong to one connection [MQTT-3.3.2-7]', () => {
  it('resends with the full topic through a fresh alias map, never an empty topic with an old alias', async () => {
    const { d, first, client } = await connected(5, false, { topicAliasMaximum: 2 });
    const a = client.publish(msg('long/topic', 1, { properties: { topicAlias: 1 } }));
    const b = client.publish(msg('long/topic', 1, { properties: { topicAlias: 1 } }));
    const sent = [await first.expect('publish'), await first.expect('publish')];
    expect(sent.map((p) => p.topic)).toEqual(['long/topic', '']);
    first.stream.destroy();
    const second = await d.nextPeer();
    await accept(second, true, { topicAliasMaximum: 2 });
    const resent = [await second.expect('publish'), await second.expect('publish')];
    // The first resend binds alias 1 again on this connection; the second may then use it.
    expect(resent.map((p) => [p.topic, p.dup, p.properties?.topicAlias])).toEqual([
      ['long/topic', true, 1],
      ['', true, 1],
    ]);
    for (const p of resent) second.send({ type: 'puback', packetId: p.packetId! });
    await Promise.all([a, b]);
    client.destroy();
  });

  it('drops the alias from a resend when the new server allows no aliases', async () => {
    const { d, first, client } = await connected(5, false, { topicAliasMaximum: 2 });
    const done = client.publish(msg('t', 1, { properties: { topicAlias: 2, contentType: 'text/plain' } }));
    await first.expect('publish');
    first.stream.destroy();
    const second = await d.nextPeer();
    await accept(second, true);
    const resent = await second.expect('publish');
    expect([resent.topic, resent.properties]).toEqual(['t', { contentType: 'text/plain' }]);
    second.send({ type: 'puback', packetId: resent.packetId! });
    await done;
    client.destroy();
  });
});

describe('client faults: a strict broker (Receive Maximum 2, Maximum Packet Size 256, Topic Alias Maximum 2)', () => {
  const strict = { receiveMaximum: 2, maximumPacketSize: 256, topicAliasMaximum: 2 };

  it('never has more than 2 QoS 1/2 messages unacknowledged, and none larger than 256 bytes goes out [MQTT-3.3.4-7] [MQTT-3.2.2-15]', async () => {
    const { first: peer, client } = await connected(5, true, strict);
    const results = Array.from({ length: 10 }, (_, i) => client.publish({ topic: `t/${i}`, payload: Buffer.alloc(i === 4 ? 300 : 10), qos: i % 2 === 0 ? 1 : 2, retain: false }));
    const outcomes = Promise.allSettled(results);
    let open = 0;
    let most = 0;
    for (let acked = 0; acked < 9; ) {
      const p = await peer.next();
      if (p.type === 'publish') {
        expect(encode(p, 5).length).toBeLessThanOrEqual(256);
        most = Math.max(most, ++open);
        peer.send({ type: p.qos === 1 ? 'puback' : 'pubrec', packetId: p.packetId! });
        if (p.qos === 1) {
          open--;
          acked++;
        }
      } else if (p.type === 'pubrel') {
        peer.send({ type: 'pubcomp', packetId: p.packetId });
        open--;
        acked++;
      }
    }
    expect(most).toBeLessThanOrEqual(2);
    const settled = await outcomes;
    // The 300-byte message was refused here, naming both sizes; the other nine went through.
    expect(settled[4]).toMatchObject({ status: 'rejected', reason: { kind: 'packet-too-large', reasonCode: 0x95 } });
    expect((settled[4] as PromiseRejectedResult).reason.message).toMatch(/3\d\d bytes.*256 bytes/);
    expect(settled.filter((s) => s.status === 'fulfilled')).toHaveLength(9);
    expect(client.isConnected).toBe(true);
    client.destroy();
  });

  it('refuses a too-large QoS 0 message locally and keeps the connection', async () => {
    const { first: peer, client } = await connected(5, true, strict);
    await expect(client.publish({ topic: 'big', payload: Buffer.alloc(300), qos: 0, retain: false })).rejects.toMatchObject({ kind: 'packet-too-large' });
    await client.publish(msg('small', 0));
    expect((await peer.expect('publish')).topic).toBe('small');
    client.destroy();
  });

  it('refuses an alias above the server\'s Topic Alias Maximum without sending it [MQTT-3.3.2-8]', async () => {
    const { first: peer, client } = await connected(5, true, strict);
    await expect(client.publish(msg('a', 1, { properties: { topicAlias: 3 } }))).rejects.toMatchObject({ reasonCode: 0x94 });
    expect(await peer.nextWithin(50)).toBeUndefined();
    client.destroy();
  });
});

describe('client faults: errors in our own code are not network errors', () => {
  it('reports a throwing message listener once, as an internal error, and does not reconnect', async () => {
    const { d, first: peer, client } = await connected(4, true, undefined, {
      onMessage: () => {
        throw new TypeError('formatter bug');
      },
    });
    const closed = new Promise<ClientError | undefined>((r) => client.on('close', r));
    peer.send({ type: 'publish', topic: 'a', payload: Buffer.from('1'), qos: 1, retain: false, dup: false, packetId: 1 });
    expect(await closed).toMatchObject({ kind: 'internal', message: 'TypeError: formatter bug' });
    expect(d.attempts).toBe(1);
  });

  it('gives up on a server that drops the connection right after the same packet twice running', async () => {
    const { d, first, client } = await connected(4, true);
    let peer = first;
    const done = client.publish(msg('refused/topic', 1));
    await peer.expect('publish');
    peer.stream.destroy();
    peer = await d.nextPeer();
    await accept(peer, false);
    // The resend meets the same end: the client stops retrying and says why.
    await peer.expect('publish');
    peer.stream.destroy();
    await expect(done).rejects.toMatchObject({ kind: 'rejected', message: expect.stringContaining('PUBLISH to "refused/topic"') });
    expect(d.attempts).toBe(2);
  });
});

describe('client faults: disconnect', () => {
  it('stops waiting for a server that never closes once timeoutMs passes', async () => {
    const { first: peer, client } = await connected(4, true);
    // Once subscribed, disconnect waits for the server to close; this server never does.
    client.subscribe([{ topicFilter: 't', qos: 0 }]).catch(() => {});
    const closed = new Promise((r) => client.on('close', r));
    await client.disconnect({ timeoutMs: 50 });
    await closed;
    expect(client.isConnected).toBe(false);
  });
});
