// Memory an unprivileged client can pin (issue 11), scaled to seconds: replies to a
// client that never reads, in-flight messages to a subscriber that never acknowledges,
// a huge CONNECT declared before any authentication, and idle Keep Alive 0 connections.
import { once } from 'node:events';
import { Duplex } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { Broker } from '../../src/broker/broker.js';
import { parseMosquittoConf } from '../../src/broker/config.js';
import { sweep } from '../../src/broker/keepalive.js';
import { encode } from '../../src/codec/encode.js';
import { connect, open, subscribe, testBroker } from './harness.js';

let broker: Broker;
afterEach(async () => broker?.close());

/**
 * A client that writes with backpressure but never reads: the broker's side never
 * finishes a write (as a socket whose peer's window is closed), and the client's writes
 * wait while the broker does not read.
 */
function nonReadingClient(): { broker: Duplex; client: Duplex } {
  let unblock: (() => void) | undefined;
  const ours: Duplex = new Duplex({
    read() {
      const cb = unblock;
      unblock = undefined;
      cb?.();
    },
    write(_chunk, _enc, _cb) {
      // Never acknowledged: the bytes stay in our writable buffer.
    },
  });
  const theirs = new Duplex({
    read() {},
    write(chunk: Buffer, _enc, cb) {
      if (ours.push(chunk)) cb();
      else unblock = cb;
    },
  });
  return { broker: ours, client: theirs };
}

/** Writes `chunk` up to `times` times, giving up when the broker stops reading for 200 ms. */
async function flood(client: Duplex, chunk: Buffer, times: number): Promise<number> {
  let sent = 0;
  for (; sent < times; sent++) {
    if (client.write(chunk)) continue;
    const drained = await Promise.race([once(client, 'drain').then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 200))]);
    if (!drained) break;
  }
  return sent;
}

describe('broker: replies to a client that does not read are bounded', () => {
  const pingreqs = Buffer.concat(Array.from({ length: 4096 }, () => encode({ type: 'pingreq' }, 4)));
  const publishes = Buffer.concat(Array.from({ length: 1024 }, (_, i) => encode({ type: 'publish', topic: 'x', payload: Buffer.alloc(1), qos: 1, retain: false, dup: false, packetId: (i % 65535) + 1 }, 4)));

  it.each([['PINGREQ', pingreqs], ['QoS 1 PUBLISH', publishes]])('stops reading a %s flood once its unread replies fill the stream buffer', async (_name, chunk) => {
    broker = testBroker();
    const pair = nonReadingClient();
    broker.handle(pair.broker, { address: '127.0.0.1:1' });
    pair.client.write(encode({ type: 'connect', protocolVersion: 4, clientId: 'flood', clean: true, keepalive: 60 }, 4));
    // 2,500 chunks would be 20 MB of PINGRESP (10 MB of PUBACK) without the bound.
    const sent = await flood(pair.client, chunk, 2500);
    expect(sent).toBeLessThan(2500);
    // The stream's high-water mark (16 KiB) plus the replies to what was read with it.
    expect(pair.broker.writableLength).toBeLessThan(16 * 1024 + 2 * chunk.length * 2);
  });

  it('reads again once the client drains, and answers everything it sent', async () => {
    broker = testBroker({ writeBufferLimit: 1024 });
    const c = await connect(broker, 'c', 4);
    // 40 KB of PINGRESP: past the stream's high-water mark, so reading pauses until it drains.
    const burst = Buffer.concat(Array.from({ length: 20_000 }, () => encode({ type: 'pingreq' }, 4)));
    c.peer.sendRaw(burst);
    for (let i = 0; i < 20_000; i++) await c.peer.expect('pingresp');
  });
});

describe('broker: a subscriber that never acknowledges', () => {
  it('has at most 20 messages in flight (max_inflight_messages default, as mosquitto), each with its own copy of the payload', async () => {
    broker = testBroker();
    const sub = await connect(broker, 'sub', 4);
    await subscribe(sub.peer, 't', 1);
    const p = await connect(broker, 'p', 4);
    // 200 one-byte QoS 1 messages in one 30 KB chunk: views into it would pin all of it.
    const messages = Array.from({ length: 200 }, (_, i) => encode({ type: 'publish', topic: 't', payload: Buffer.from([i]), qos: 1, retain: false, dup: false, packetId: i + 1 }, 4));
    const filler = encode({ type: 'publish', topic: 'nobody', payload: Buffer.alloc(30_000), qos: 0, retain: false, dup: false }, 4);
    p.peer.sendRaw(Buffer.concat([...messages, filler]));
    for (let i = 0; i < 200; i++) await p.peer.expect('puback');
    const s = broker.core.sessions.get('sub')!;
    expect(s.inflightCount).toBe(20);
    expect(s.queued).toBe(180);
    for (const d of s.inflight!.values()) expect(d.msg.payload.buffer.byteLength).toBeLessThan(30_000);
  });

  it('counts queued and in-flight payload bytes against max_queued_bytes', async () => {
    broker = testBroker(parseMosquittoConf('max_queued_bytes 1000\n').config);
    const sub = await connect(broker, 'sub', 4);
    await subscribe(sub.peer, 't', 1);
    const p = await connect(broker, 'p', 4);
    for (let i = 0; i < 30; i++) p.peer.send({ type: 'publish', topic: 't', payload: Buffer.alloc(100), qos: 1, retain: false, dup: false, packetId: i + 1 });
    for (let i = 0; i < 30; i++) await p.peer.expect('puback');
    const s = broker.core.sessions.get('sub')!;
    expect(s.inflightCount + s.queued).toBe(10);
    expect(s.heldBytes).toBe(1000);
    expect(broker.core.stats.dropped).toBe(20);
    // Acknowledging makes room again.
    for (let i = 0; i < 10; i++) sub.peer.send({ type: 'puback', packetId: (await sub.peer.expect('publish')).packetId! });
    p.peer.send({ type: 'publish', topic: 't', payload: Buffer.alloc(100), qos: 1, retain: false, dup: false, packetId: 99 });
    await p.peer.expect('puback');
    expect((await sub.peer.expect('publish')).payload.length).toBe(100);
  });
});

describe('broker: before CONNECT nothing large is buffered', () => {
  it('closes a connection that declares a 200 MB CONNECT after its first bytes', async () => {
    broker = testBroker();
    const peer = open(broker, 4);
    const header = Buffer.from([0x10, 0x80, 0x80, 0xe8, 0x5f]); // CONNECT, Remaining Length 200,000,000
    peer.sendRaw(Buffer.concat([header, Buffer.alloc(64 * 1024)]));
    await peer.closed;
    while (broker.core.connections.size > 0) await new Promise((r) => setTimeout(r, 5));
  });

  it('accepts a CONNECT with 64 KB fields, and a large PUBLISH after it', async () => {
    broker = testBroker({ authenticate: () => true });
    const c = await connect(broker, 'big', 4, { username: 'u'.repeat(65_000), password: Buffer.alloc(65_000, 1), will: { topic: 'w', payload: Buffer.alloc(65_000), qos: 0, retain: false } });
    expect(c.connack.reasonCode).toBe(0);
    await subscribe(c.peer, 'big');
    c.peer.send({ type: 'publish', topic: 'big', payload: Buffer.alloc(1_000_000), qos: 0, retain: false, dup: false });
    expect((await c.peer.expect('publish')).payload.length).toBe(1_000_000);
  });

  it('takes the bound from max_connect_packet_size', async () => {
    broker = testBroker(parseMosquittoConf('max_connect_packet_size 100\n').config);
    const peer = open(broker, 4);
    peer.send({ type: 'connect', protocolVersion: 4, clientId: 'x'.repeat(200), clean: true, keepalive: 60 });
    await peer.closed;
    expect((await connect(broker, 'small', 4)).connack.reasonCode).toBe(0);
  });
});

describe('broker: Keep Alive 0', () => {
  it('closes a Keep Alive 0 connection silent for max_keepalive seconds', async () => {
    broker = testBroker({ maxKeepalive: 65535 });
    const c = await connect(broker, 'idle', 4, { keepalive: 0 });
    const conn = broker.core.clients.get('idle')!;
    sweep(broker.core, conn.lastSeen + 65_000 * 1000);
    expect(conn.state).toBe('connected');
    sweep(broker.core, conn.lastSeen + 65_536 * 1000);
    await c.peer.closed;
    expect(broker.core.clients.size).toBe(0);
  });
});
