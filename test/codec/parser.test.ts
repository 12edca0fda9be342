// The streaming framer: chunking, leftovers, the size guard and version switching.
import { describe, expect, it } from 'vitest';
import { type MqttError, type Packet, type ProtocolVersion, createParser, encode } from '../../src/codec/index.js';
import { expectMqttError } from './expect-mqtt-error.js';

const publish = (n: number): Packet => ({ type: 'publish', topic: `t/${n}`, payload: Buffer.alloc(n, 0x61), qos: 0, retain: false, dup: false });

function collect(version: ProtocolVersion = 4, maxPacketSize?: number) {
  const packets: Packet[] = [];
  const raws: Buffer[] = [];
  const parser = createParser({ protocolVersion: version, ...(maxPacketSize ? { maxPacketSize } : {}) }, (p, raw) => {
    packets.push(p);
    raws.push(raw);
  });
  return { parser, packets, raws };
}

describe('createParser', () => {
  it('defaults to protocol level 4', () => {
    expect(collect().parser.protocolVersion).toBe(4);
    expect(createParser({}, () => {}).protocolVersion).toBe(4);
  });

  it('decodes many packets from one chunk, straight from the chunk (no copy)', () => {
    const { parser, packets, raws } = collect();
    const chunk = Buffer.concat([publish(1), publish(2), publish(3)].map((p) => encode(p, 4)));
    parser.push(chunk);
    expect(packets).toEqual([publish(1), publish(2), publish(3)]);
    // Payload and raw are views of the chunk's memory.
    const p = packets[2] as { payload: Buffer };
    expect(p.payload.buffer).toBe(chunk.buffer);
    expect(raws[0]!.buffer).toBe(chunk.buffer);
    expect(Buffer.concat(raws).equals(chunk)).toBe(true);
  });

  it('joins a packet split across several chunks, header included', () => {
    const bytes = encode(publish(300), 4); // two-byte Remaining Length
    const { parser, packets, raws } = collect();
    parser.push(bytes.subarray(0, 1));
    parser.push(bytes.subarray(1, 2)); // the header is still incomplete here
    expect(parser.pending().length).toBe(2);
    parser.push(bytes.subarray(2, 100));
    parser.push(bytes.subarray(100, bytes.length - 1));
    expect(packets).toHaveLength(0);
    expect(parser.pending().equals(bytes.subarray(0, bytes.length - 1))).toBe(true);
    parser.push(Buffer.concat([bytes.subarray(bytes.length - 1), encode({ type: 'pingreq' }, 4)]));
    expect(packets).toEqual([publish(300), { type: 'pingreq' }]);
    expect(raws[0]!.equals(bytes)).toBe(true);
    expect(parser.pending().length).toBe(0);
  });

  it('lets onPacket switch the version before the next packet of the same chunk', () => {
    const connect: Packet = { type: 'connect', protocolVersion: 5, protocolName: 'MQTT', clientId: 'c', clean: true, keepalive: 0 };
    const v5ack: Packet = { type: 'puback', packetId: 1, reasonCode: 0x10 };
    const { parser, packets } = collect(4);
    const seen: Packet[] = [];
    const p = createParser({}, (packet) => {
      seen.push(packet);
      if (packet.type === 'connect') p.setProtocolVersion(packet.protocolVersion);
    });
    p.push(Buffer.concat([encode(connect, 5), encode(v5ack, 5)]));
    expect(seen).toEqual([connect, v5ack]);
    expect(p.protocolVersion).toBe(5);
    // Without the switch the same ack is a 3.1.1 PUBACK with a stray byte.
    expectMqttError(() => parser.push(encode(v5ack, 5)), 0x81, 'unexpected bytes');
    expect(packets).toEqual([]);
  });

  it('decodes CONNECT whatever the current version (it carries its own level)', () => {
    const v3: Packet = { type: 'connect', protocolVersion: 3, protocolName: 'MQIsdp', clientId: 'c', clean: true, keepalive: 0 };
    const { parser, packets } = collect(5);
    parser.push(encode(v3, 3));
    expect(packets).toEqual([v3]);
  });

  it('enforces the maximum packet size from the header, before buffering the body (§3.1.2.11.4)', () => {
    const { parser } = collect(4, 100);
    // Fixed header + Remaining Length announcing a 1 MiB packet; no body sent at all.
    expectMqttError(() => parser.push(Buffer.from([0x30, 0x80, 0x80, 0x40])), 0x95, '§3.1.2.11.4');
  });

  it('enforces the maximum packet size when the header itself arrives in pieces', () => {
    const { parser } = collect(4, 100);
    parser.push(Buffer.from([0x30]));
    parser.push(Buffer.from([0x80]));
    expectMqttError(() => parser.push(Buffer.from([0x01])), 0x95, 'exceeds the maximum packet size');
  });

  it('counts the fixed header in the maximum packet size', () => {
    const bytes = encode(publish(10), 4);
    const ok = collect(4, bytes.length);
    ok.parser.push(bytes);
    expect(ok.packets).toHaveLength(1);
    expectMqttError(() => collect(4, bytes.length - 1).parser.push(bytes), 0x95, `packet of ${bytes.length} bytes`);
  });

  it('rejects a Remaining Length over 4 bytes even one byte at a time (§2.1.4)', () => {
    const { parser } = collect();
    for (const b of [0x30, 0xff, 0xff, 0xff]) parser.push(Buffer.from([b]));
    expectMqttError(() => parser.push(Buffer.from([0xff])), 0x81, '§2.1.4');
  });

  it('puts the bad packet\'s bytes on the error (what --trace dumps), however it arrived', () => {
    const bad = Buffer.from([0x36, 0x03, 0x00, 0x01, 0x61]); // PUBLISH with QoS 3 [MQTT-3.3.1-4]
    const good = encode({ type: 'pingreq' }, 4);
    const rawOf = (push: (p: ReturnType<typeof collect>['parser']) => void): Buffer | undefined => {
      try {
        push(collect().parser);
      } catch (err) {
        return (err as MqttError).raw;
      }
      throw new Error('no error');
    };
    // After a good packet in the same chunk, and followed by more bytes.
    expect(rawOf((p) => p.push(Buffer.concat([good, bad, good])))).toEqual(bad);
    // Put together from pieces.
    expect(rawOf((p) => { p.push(bad.subarray(0, 1)); p.push(bad.subarray(1, 3)); p.push(bad.subarray(3)); })).toEqual(bad);
    // A Remaining Length of five bytes: the header is all there is.
    const longHeader = Buffer.from([0x30, 0xff, 0xff, 0xff, 0xff, 0x01]);
    expect(rawOf((p) => p.push(longHeader))).toEqual(longHeader.subarray(0, 5));
    expect(rawOf((p) => { p.push(longHeader.subarray(0, 2)); p.push(longHeader.subarray(2)); })).toEqual(longHeader.subarray(0, 5));
  });

  it('ignores empty chunks', () => {
    const { parser, packets } = collect();
    parser.push(Buffer.alloc(0));
    parser.push(Buffer.from([0xc0]));
    parser.push(Buffer.alloc(0));
    parser.push(Buffer.from([0x00]));
    expect(packets).toEqual([{ type: 'pingreq' }]);
  });

  it('rejects AUTH on a 3.1.1 connection (§2.1.2)', () => {
    expectMqttError(() => collect(4).parser.push(Buffer.from([0xf0, 0x00])), 0x81, '§2.1.2');
  });
});

describe('topic name reuse', () => {
  it('reuses a topic string only for identical bytes, and still checks new ones [MQTT-3.3.2-2]', () => {
    const { parser, packets } = collect();
    const topics = ['a/b', 'a/b', 'a/c', 'é/b', 'a/b'];
    for (const topic of topics) parser.push(encode({ type: 'publish', topic, payload: Buffer.alloc(0), qos: 0, retain: false, dup: false }, 4));
    expect(packets.map((p) => (p as { topic: string }).topic)).toEqual(topics);
    expectMqttError(() => parser.push(Buffer.from([0x30, 0x05, 0x00, 0x03, 0x61, 0x2f, 0x2b])), 0x90, 'MQTT-3.3.2-2');
  });
});
