// Spans for the hex-dump trace: every byte named exactly once, in order, depth 0 or 1.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Span, annotate, encode } from '../../src/codec/index.js';
import { anyPacketArb, versionArb } from './arbitraries.js';
import { str } from './vectors/vector.js';

const row = (s: Span): string => `${s.offset}+${s.length} ${'  '.repeat(s.depth)}${s.field}${s.value === undefined ? '' : ` = ${s.value}`}`;

describe('annotate', () => {
  it('names every field of a v5 PUBLISH, properties one level down', () => {
    const bytes = encode({
      type: 'publish', topic: 'a/b', payload: Buffer.from('hi'), qos: 1, packetId: 10, retain: true, dup: false,
      properties: { contentType: 'text', userProperties: [['k', 'v']], subscriptionIdentifier: [200] },
    }, 5);
    expect(annotate(bytes, 5).spans.map(row)).toEqual([
      '0+1 fixed header = PUBLISH, DUP=0 QoS=1 RETAIN=1',
      '1+1 remaining length = 27',
      '2+5 topic name = "a/b"',
      '7+2 packet identifier = 10',
      '9+1 property length = 17',
      '10+7   property: content type = "text"',
      '17+7   property: user property = "k" = "v"',
      '24+3   property: subscription identifier = 200',
      '27+2 payload = 2 bytes',
    ]);
  });

  it('spells out CONNECT flags and the protocol level', () => {
    const bytes = encode({ type: 'connect', protocolVersion: 4, clientId: 'c', clean: true, keepalive: 10, username: 'u', password: Buffer.from('p') }, 4);
    expect(annotate(bytes, 4).spans.map(row)).toEqual([
      '0+1 fixed header = CONNECT, flags=0000',
      '1+1 remaining length = 19',
      '2+6 protocol name = "MQTT"',
      '8+1 protocol level = 4 (MQTT 3.1.1)',
      '9+1 connect flags = user name=1 password=1 will retain=0 will QoS=0 will=0 clean=1 reserved=0',
      '10+2 keep alive = 10',
      '12+3 client identifier = "c"',
      '15+3 user name = "u"',
      '18+3 password = 1 byte: 70',
    ]);
  });

  it('names reason codes and subscription entries', () => {
    const suback = annotate(encode({ type: 'suback', packetId: 1, reasonCodes: [1, 0x87] }, 5), 5).spans.map(row);
    expect(suback.slice(4)).toEqual(['5+1   reason code = 0x01 (Granted QoS 1)', '6+1   reason code = 0x87 (Not authorized)']);
    const sub = annotate(encode({ type: 'subscribe', packetId: 1, subscriptions: [{ topicFilter: 'a/#', qos: 1, noLocal: true }] }, 5), 5).spans.map(row);
    expect(sub.slice(4)).toEqual(['5+5   topic filter = "a/#"', '10+1   subscription options = QoS 1, no local=1, retain as published=0, retain handling=0']);
    const connack = annotate(Buffer.from([0x20, 0x02, 0x00, 0x05]), 4).spans.map(row);
    expect(connack[3]).toBe('3+1 return code = 0x05 (Connection Refused, not authorized)');
  });

  it('returns the error and the fields up to the break, the rest as one unparsed span', () => {
    // A property length of 9 with only 2 bytes left.
    const bytes = Buffer.from([0x30, 0x06, ...str('a'), 0x09, 0x01, 0x01]);
    const { packet, error, spans } = annotate(bytes, 5);
    expect(packet).toBeUndefined();
    expect(error?.reasonCode).toBe(0x81);
    expect(spans.map(row)).toEqual([
      '0+1 fixed header = PUBLISH, DUP=0 QoS=0 RETAIN=0',
      '1+1 remaining length = 6',
      '2+3 topic name = "a"',
      '5+1 property length = 9',
      '6+2 unparsed',
    ]);
  });

  it('still lays out a packet the rules reject (QoS 3 [MQTT-3.3.1-4])', () => {
    const { error, spans } = annotate(Buffer.from([0x36, 0x05, ...str('a'), 0x00, 0x01]), 4);
    expect(error?.message).toContain('MQTT-3.3.1-4');
    expect(spans.map((s) => s.field)).toEqual(['fixed header', 'remaining length', 'topic name', 'packet identifier']);
  });

  it('marks bytes after the Remaining Length as unparsed', () => {
    const { error, spans } = annotate(Buffer.from([0xc0, 0x00, 0xff, 0xff]), 4);
    expect(error?.reasonCode).toBe(0x81);
    expect(spans.map(row)).toEqual(['0+1 fixed header = PINGREQ, flags=0000', '1+1 remaining length = 0', '2+2 unparsed']);
  });

  it('covers an empty buffer and a lone byte', () => {
    expect(annotate(Buffer.alloc(0), 4)).toMatchObject({ spans: [], error: { reasonCode: 0x81 } });
    expect(annotate(Buffer.from([0x30]), 4).spans.map(row)).toEqual(['0+1 fixed header = PUBLISH, DUP=0 QoS=0 RETAIN=0']);
  });

  it('covers every byte of any valid packet exactly once, in order, at depth 0 or 1', () => {
    fc.assert(
      fc.property(versionArb.chain((v) => fc.tuple(fc.constant(v), anyPacketArb(v))), ([version, packet]) => {
        const bytes = encode(packet, version);
        const { spans, error } = annotate(bytes, version);
        expect(error).toBeUndefined();
        let at = 0;
        for (const s of spans) {
          expect(s.offset).toBe(at);
          expect(s.length).toBeGreaterThan(0);
          expect([0, 1]).toContain(s.depth);
          expect(s.field).not.toBe('unparsed');
          at += s.length;
        }
        expect(at).toBe(bytes.length);
      }),
      { numRuns: 500 },
    );
  });
});
