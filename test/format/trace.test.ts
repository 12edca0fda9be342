import { describe, expect, it } from 'vitest';
import { PacketTypeById, reasonCodeName } from '../../src/codec/constants.js';
import type { Span } from '../../src/codec/types.js';
import { formatPacketSummary } from '../../src/format/packet-summary.js';
import { plainPalette } from '../../src/format/style.js';
import { formatTrace } from '../../src/format/trace.js';

// 2026-11-22T02:12:40.123Z
const TIME = 1795313560123;
// The names trace-tap passes in, from the codec's tables.
const opts = { timeZone: 'UTC', typeName: (t: number) => PacketTypeById[t]?.toUpperCase() ?? 'RESERVED', reasonName: (c: number) => reasonCodeName(c) };
const PUBLISH_PACKET = { type: 'publish' as const, topic: 'a/b', payload: Buffer.from('hi'), qos: 1 as const, retain: false, dup: false, packetId: 7 };

// PUBLISH QoS 1, topic "a/b", packet id 7, payload "hi" (MQTT 3.1.1).
const PUBLISH = Buffer.from('3209' + '0003612f62' + '0007' + '6869', 'hex');
const PUBLISH_SPANS: Span[] = [
  { offset: 0, length: 1, field: 'fixed header', value: 'PUBLISH dup=0 qos=1 retain=0', depth: 0 },
  { offset: 1, length: 1, field: 'remaining length', value: '9', depth: 0 },
  { offset: 2, length: 5, field: 'topic name', value: '"a/b"', depth: 0 },
  { offset: 7, length: 2, field: 'packet identifier', value: '7', depth: 0 },
  { offset: 9, length: 2, field: 'payload', value: '2 bytes', depth: 0 },
];

describe('formatTrace', () => {
  it('prints a header and one annotated row per span', () => {
    const out = formatTrace({ direction: 'out', time: TIME, raw: PUBLISH, spans: PUBLISH_SPANS, packet: PUBLISH_PACKET }, plainPalette, opts);
    expect(out).toBe(
      [
        '02:12:40.123 → PUBLISH topic="a/b" qos=1 id=7 retain=0 dup=0 payload=2B (11 bytes)',
        '  0000  32                                               2                 fixed header = PUBLISH dup=0 qos=1 retain=0',
        '  0001  09                                               .                 remaining length = 9',
        '  0002  00 03 61 2f 62                                   ..a/b             topic name = "a/b"',
        '  0007  00 07                                            ..                packet identifier = 7',
        '  0009  68 69                                            hi                payload = 2 bytes',
        '',
      ].join('\n'),
    );
  });

  it('uses ← for received packets, accepts a Date, and names the type from the first byte when nothing decoded', () => {
    expect(formatTrace({ direction: 'in', time: new Date(TIME), raw: PUBLISH, spans: [] }, plainPalette, opts).split('\n')[0]).toBe('02:12:40.123 ← PUBLISH (11 bytes)');
    expect(formatTrace({ direction: 'in', time: TIME, raw: Buffer.from([0x00, 0x00]), spans: [] }, plainPalette, opts).split('\n')[0]).toBe('02:12:40.123 ← RESERVED (2 bytes)');
  });

  it('indents spans of depth 1 under their parent', () => {
    const raw = Buffer.from('8206000100016100', 'hex').subarray(0, 8);
    const spans: Span[] = [
      { offset: 0, length: 1, field: 'fixed header', value: 'SUBSCRIBE', depth: 0 },
      { offset: 1, length: 1, field: 'remaining length', value: '6', depth: 0 },
      { offset: 2, length: 2, field: 'packet identifier', value: '1', depth: 0 },
      { offset: 4, length: 3, field: 'topic filter', value: '"a"', depth: 1 },
      { offset: 7, length: 1, field: 'subscription options', value: 'QoS 0', depth: 1 },
    ];
    const rows = formatTrace({ direction: 'out', time: TIME, raw, spans }, plainPalette, opts).split('\n');
    expect(rows[4]).toMatch(/^ {2}0004 {2}00 01 61 +\.\.a +  topic filter = "a"$/);
    expect(rows[5]).toMatch(/ {4}subscription options = QoS 0$/);
  });

  it('wraps long spans at 16 bytes and elides the middle of spans over 256 bytes', () => {
    const payload = Buffer.alloc(300, 0x41);
    const raw = Buffer.concat([Buffer.from([0x30, 0xb1, 0x02, 0x00, 0x01, 0x74]), payload]);
    const spans: Span[] = [
      { offset: 0, length: 1, field: 'fixed header', depth: 0 },
      { offset: 1, length: 2, field: 'remaining length', value: '305', depth: 0 },
      { offset: 3, length: 3, field: 'topic name', value: '"t"', depth: 0 },
      { offset: 6, length: 300, field: 'payload', value: '300 bytes', depth: 0 },
    ];
    const rows = formatTrace({ direction: 'in', time: TIME, raw, spans }, plainPalette, opts).trimEnd().split('\n');
    const payloadRows = rows.slice(4);
    // 8 head rows, the elision row, 4 tail rows (the last one partial).
    expect(payloadRows).toHaveLength(13);
    expect(payloadRows[0]).toMatch(/^ {2}0006 {2}(41 ){15}41 {2}A{16} {2}payload = 300 bytes$/);
    expect(payloadRows[1]).toMatch(/^ {2}0016 {2}(41 ){15}41 {2}A{16}$/);
    expect(payloadRows[8]).toBe('        … 112 bytes …');
    expect(payloadRows[12]).toMatch(/^ {2}0126 {2}(41 ){11}41 +A{12}$/);
  });

  it('makes a malformed packet obvious and dumps the unparsed bytes', () => {
    // Remaining length says 13, only 5 bytes follow; the codec stops after the topic length.
    const raw = Buffer.from('300d0009612f62ff00', 'hex');
    const spans: Span[] = [
      { offset: 0, length: 1, field: 'fixed header', value: 'PUBLISH qos=0', depth: 0 },
      { offset: 1, length: 1, field: 'remaining length', value: '13', depth: 0 },
      { offset: 2, length: 7, field: 'unparsed', depth: 0 },
    ];
    const out = formatTrace({ direction: 'in', time: TIME, raw, spans, error: { reasonCode: 0x81, message: 'topic name runs past the end of the packet' } }, plainPalette, opts);
    expect(out.split('\n').slice(1)).toEqual([
      '  0000  30                                               0                 fixed header = PUBLISH qos=0',
      '  0001  0d                                               .                 remaining length = 13',
      '!! MALFORMED: 0x81 Malformed Packet: topic name runs past the end of the packet',
      '  0002  00 09 61 2f 62 ff 00                             ..a/b..           unparsed',
      '',
    ]);
  });

  it('dumps bytes no span covers even without spans named "unparsed", and names other rejections', () => {
    const raw = Buffer.from('e0020000', 'hex');
    const out = formatTrace(
      { direction: 'in', time: TIME, raw, spans: [{ offset: 0, length: 1, field: 'fixed header', depth: 0 }], error: { reasonCode: 0x82, message: 'bad flags' } },
      plainPalette,
      opts,
    );
    expect(out).toContain('!! REJECTED: 0x82 Protocol Error: bad flags\n  0001  02 00 00');
  });

  it('paints through the palette without breaking the columns', () => {
    const tag = (name: string) => (t: string) => `<${name}>${t}</${name}>`;
    const palette = { ...plainPalette, outArrow: tag('o'), field: tag('f'), dim: tag('d'), packetType: tag('p') };
    const out = formatTrace({ direction: 'out', time: TIME, raw: PUBLISH, spans: PUBLISH_SPANS.slice(0, 1) }, palette, opts);
    expect(out).toContain('<o>→</o> <p>PUBLISH</p>');
    expect(out).toContain('<d>0000</d>  32                                               <d>2               </d>  <f>fixed header</f> = PUBLISH');
  });
});

describe('formatPacketSummary', () => {
  it.each([
    [{ type: 'connect', protocolVersion: 5, clientId: 'c1', clean: true, keepalive: 60, username: 'u', password: Buffer.from('p') }, 'v5 clientId="c1" clean=1 keepalive=60 username="u" password=***'],
    [{ type: 'connack', sessionPresent: false, reasonCode: 0x87 }, 'sessionPresent=0 reason=0x87'],
    [{ type: 'puback', packetId: 3 }, 'id=3 reason=0x00'],
    [{ type: 'subscribe', packetId: 1, subscriptions: [{ topicFilter: 'a/#', qos: 1 }], properties: { subscriptionIdentifier: [7] } }, 'id=1 "a/#"@1 props=1'],
    [{ type: 'suback', packetId: 1, reasonCodes: [1, 0x80] }, 'id=1 codes=0x01,0x80'],
    [{ type: 'unsubscribe', packetId: 2, topicFilters: ['x'] }, 'id=2 "x"'],
    [{ type: 'pingreq' }, ''],
    [{ type: 'disconnect', reasonCode: 0x8e }, 'reason=0x8e'],
  ] as const)('%o', (packet, expected) => {
    expect(formatPacketSummary(packet as Parameters<typeof formatPacketSummary>[0])).toBe(expected);
  });
});
