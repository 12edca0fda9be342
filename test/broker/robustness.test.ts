import { afterEach, describe, expect, it } from 'vitest';
import type { Broker } from '../../src/broker/broker.js';
import { encode } from '../../src/codec/encode.js';
import type { ProtocolVersion } from '../../src/codec/types.js';
import type { ScriptedPeer } from '../helpers/peer.js';
import { connect, open, subscribe, testBroker } from './harness.js';

let broker: Broker;
afterEach(async () => broker?.close());

/** A bystander that must keep receiving while another client misbehaves. */
async function bystander() {
  const s = await connect(broker, 'bystander', 5);
  await subscribe(s.peer, 'still/#');
  return s.peer;
}

async function stillServed(peer: ScriptedPeer): Promise<void> {
  const p = await connect(broker, `check-${Math.random()}`, 4);
  p.peer.send({ type: 'publish', topic: 'still/ok', payload: Buffer.from('yes'), qos: 0, retain: false, dup: false });
  expect((await peer.expect('publish')).payload.toString()).toBe('yes');
}

/** PUBLISH QoS 0 with the topic bytes given raw (v5: empty property block). */
function rawPublish(topic: Buffer, version: ProtocolVersion): Buffer {
  const props = version === 5 ? [0] : [];
  const body = Buffer.from([topic.length >> 8, topic.length & 0xff, ...topic, ...props, 0x41]);
  return Buffer.from([0x30, body.length, ...body]);
}

describe('broker robustness: a misbehaving client is dropped, others go on', () => {
  it.each([[5, 0x81], [4, undefined]] as const)('malformed packet (v%i) → DISCONNECT 0x81 or close [MQTT-4.13.1-1]', async (v, code) => {
    broker = testBroker();
    const by = await bystander();
    const bad = await connect(broker, 'bad', v);
    bad.peer.sendRaw(Buffer.from([0x40, 0x01, 0x00])); // PUBACK with a 1-byte packet id
    if (code !== undefined) expect(await bad.peer.expect('disconnect')).toMatchObject({ reasonCode: code });
    await bad.peer.closed;
    await stillServed(by);
  });

  it('a packet before CONNECT closes the connection [MQTT-3.1.0-1]', async () => {
    broker = testBroker();
    const by = await bystander();
    const peer = open(broker);
    peer.send({ type: 'pingreq' });
    await peer.closed;
    await stillServed(by);
  });

  it('a second CONNECT is a protocol error: DISCONNECT 0x82 in MQTT 5 [MQTT-3.1.0-2]', async () => {
    broker = testBroker();
    const by = await bystander();
    const bad = await connect(broker, 'bad', 5);
    bad.peer.send({ type: 'connect', protocolVersion: 5, clientId: 'bad', clean: true, keepalive: 0 });
    expect(await bad.peer.expect('disconnect')).toMatchObject({ reasonCode: 0x82 });
    await bad.peer.closed;
    await stillServed(by);
  });

  it('an oversized packet → DISCONNECT 0x95 before it is buffered (§3.1.2.11.4)', async () => {
    broker = testBroker({ maxPacketSize: 1024 });
    const by = await bystander();
    const bad = await connect(broker, 'bad', 5);
    const big = encode({ type: 'publish', topic: 'x', payload: Buffer.alloc(4096), qos: 0, retain: false, dup: false }, 5);
    bad.peer.sendRaw(big.subarray(0, 10));
    expect(await bad.peer.expect('disconnect')).toMatchObject({ reasonCode: 0x95 });
    await bad.peer.closed;
    await stillServed(by);
  });

  it.each([5, 4] as const)('invalid UTF-8 in a topic (v%i) → 0x81 / close [MQTT-1.5.4-1]', async (v) => {
    broker = testBroker();
    const by = await bystander();
    const bad = await connect(broker, 'bad', v);
    bad.peer.sendRaw(rawPublish(Buffer.from([0x61, 0xff, 0x62]), v));
    if (v === 5) expect(await bad.peer.expect('disconnect')).toMatchObject({ reasonCode: 0x81 });
    await bad.peer.closed;
    await stillServed(by);
  });

  it.each([5, 4] as const)('a wildcard in a PUBLISH topic (v%i) → 0x90 Topic Name invalid / close [MQTT-3.3.2-2]', async (v) => {
    broker = testBroker();
    const by = await bystander();
    const bad = await connect(broker, 'bad', v);
    bad.peer.sendRaw(rawPublish(Buffer.from('a/+'), v));
    if (v === 5) expect(await bad.peer.expect('disconnect')).toMatchObject({ reasonCode: 0x90 });
    await bad.peer.closed;
    await stillServed(by);
  });

  it('a server-only packet from a client is a protocol error', async () => {
    broker = testBroker();
    const bad = await connect(broker, 'bad', 5);
    bad.peer.send({ type: 'pingresp' });
    expect(await bad.peer.expect('disconnect')).toMatchObject({ reasonCode: 0x82 });
  });

  it('answers an invalid subscription filter with 0x8F (v5) / 0x80 (v3) and keeps the connection [MQTT-4.7.1-2]', async () => {
    broker = testBroker();
    const a = await connect(broker, 'a', 5);
    expect(await subscribe(a.peer, 'a/#/b')).toEqual([0x8f]);
    const b = await connect(broker, 'b', 4);
    expect(await subscribe(b.peer, 'a+')).toEqual([0x80]);
    b.peer.send({ type: 'pingreq' });
    await b.peer.expect('pingresp');
  });

  it('refuses connections beyond max_connections', async () => {
    broker = testBroker({ maxConnections: 1 });
    await connect(broker, 'one');
    const second = open(broker);
    await second.closed;
    expect(broker.core.stats.refused).toBe(1);
  });
});

describe('broker robustness: slow consumers', () => {
  it('holds publishers instead of dropping messages for a connected slow subscriber, and never loses one', async () => {
    broker = testBroker({ maxQueuedMessages: 100, maxInflightMessages: 10 });
    const s = await connect(broker, 'slow', 4);
    await subscribe(s.peer, 't', 1);
    const p = await connect(broker, 'fast', 4);
    const total = 1000;
    for (let i = 1; i <= total; i++) p.peer.send({ type: 'publish', topic: 't', payload: Buffer.from(String(i)), qos: 1, packetId: (i % 60000) + 1, retain: false, dup: false });
    const got: number[] = [];
    while (got.length < total) {
      const m = await s.peer.expect('publish');
      got.push(Number(m.payload.toString()));
      expect(broker.core.sessions.get('slow')!.queued).toBeLessThanOrEqual(100);
      s.peer.send({ type: 'puback', packetId: m.packetId! });
    }
    expect(got).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(broker.core.stats.dropped).toBe(0);
  });
});
