// Wire data types (§1.5): Variable Byte Integer, UTF-8 strings.
import { isUtf8 } from 'node:buffer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MqttError, createParser } from '../../src/codec/index.js';
import { Reader, varintSize, writeUtf8, writeVarint } from '../../src/codec/primitives.js';
import { isWellFormedUtf8, utf8Length } from '../../src/codec/utf8.js';
import { expectMqttError } from './expect-mqtt-error.js';
import { varintVectors } from './vectors/varint.js';

describe('Variable Byte Integer (§1.5.5)', () => {
  for (const { value, bytes } of varintVectors) {
    it(`encodes ${value} as ${bytes.length} byte(s) and reads it back`, () => {
      const buf = Buffer.alloc(4);
      expect(writeVarint(buf, 0, value)).toBe(bytes.length);
      expect([...buf.subarray(0, bytes.length)]).toEqual(bytes);
      expect(varintSize(value)).toBe(bytes.length);
      const r = new Reader(Buffer.from(bytes), 0, bytes.length);
      expect(r.varint('value')).toBe(value);
      expect(r.pos).toBe(bytes.length);
    });

    it(`reads ${value} as a Remaining Length from a fixed header alone`, () => {
      // A size limit of 0 makes the parser report the packet size as soon as it knows it.
      const parser = createParser({ maxPacketSize: 0 }, () => {});
      const size = 1 + bytes.length + value;
      const push = (): void => parser.push(Buffer.from([0x30, ...bytes]));
      expectMqttError(push, 0x95, `packet of ${size} bytes`);
    });
  }

  it('rejects a fifth byte (§1.5.5)', () => {
    expectMqttError(() => new Reader(Buffer.from([0xff, 0xff, 0xff, 0xff, 0x7f]), 0, 5).varint('v'), 0x81, '§1.5.5');
  });

  it('rejects a non-minimal encoding [MQTT-1.5.5-1]', () => {
    expectMqttError(() => new Reader(Buffer.from([0x80, 0x00]), 0, 2).varint('v'), 0x81, 'MQTT-1.5.5-1');
  });

  it('rejects a truncated integer', () => {
    expectMqttError(() => new Reader(Buffer.from([0x80, 0x80]), 0, 2).varint('v'), 0x81, 'needs 1 bytes');
  });
});

describe('UTF-8 Encoded String (§1.5.4)', () => {
  it('reads the §1.5.4 example "A\u{2A6D4}" from 00 05 41 F0 AA 9B 94', () => {
    const r = new Reader(Buffer.from([0x00, 0x05, 0x41, 0xf0, 0xaa, 0x9b, 0x94]), 0, 7);
    expect(r.utf8('s')).toBe('A\u{2A6D4}');
  });

  it('writes the §1.5.4 example byte for byte', () => {
    const s = 'A\u{2A6D4}';
    const len = utf8Length(s, 's');
    const buf = Buffer.alloc(2 + len);
    writeUtf8(buf, 0, s, len);
    expect([...buf]).toEqual([0x00, 0x05, 0x41, 0xf0, 0xaa, 0x9b, 0x94]);
  });

  it('keeps a leading BOM as U+FEFF, not stripped [MQTT-1.5.4-3]', () => {
    const r = new Reader(Buffer.from([0x00, 0x03, 0xef, 0xbb, 0xbf]), 0, 5);
    expect(r.utf8('s')).toBe('\ufeff');
  });

  it('agrees with node:buffer isUtf8 on arbitrary bytes [MQTT-1.5.4-1]', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        const buf = Buffer.from(bytes);
        expect(isWellFormedUtf8(buf, 0, buf.length)).toBe(isUtf8(buf));
      }),
      { numRuns: 5000 },
    );
  });

  it('agrees with isUtf8 on near-UTF-8 bytes: valid text with one byte changed [MQTT-1.5.4-1]', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 20 }), fc.nat(), fc.integer({ min: 0x80, max: 0xff }), (s, at, b) => {
        const buf = Buffer.from(s, 'utf8');
        if (buf.length > 0) buf[at % buf.length] = b;
        expect(isWellFormedUtf8(buf, 0, buf.length)).toBe(isUtf8(buf));
      }),
      { numRuns: 5000 },
    );
  });

  it('measures like Buffer.byteLength and round-trips any well-formed string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (raw) => {
        const s = raw.replace(/\u0000/g, '');
        const len = utf8Length(s, 's');
        expect(len).toBe(Buffer.byteLength(s));
        const buf = Buffer.alloc(2 + len);
        writeUtf8(buf, 0, s, len);
        expect(new Reader(buf, 0, buf.length).utf8('s')).toBe(s);
      }),
    );
  });

  it('refuses to encode U+0000 [MQTT-1.5.4-2] and lone surrogates [MQTT-1.5.4-1]', () => {
    expectMqttError(() => utf8Length('a\u0000', 's'), 0x81, 'MQTT-1.5.4-2');
    expectMqttError(() => utf8Length('\udc00', 's'), 0x81, 'MQTT-1.5.4-1');
    expectMqttError(() => utf8Length('a\ud800b', 's'), 0x81, 'MQTT-1.5.4-1');
  });

  it('refuses a string over 65535 bytes (§1.5.4)', () => {
    expect(utf8Length('é'.repeat(32767), 's')).toBe(65534);
    expectMqttError(() => utf8Length('é'.repeat(32768), 's'), 0x81, '§1.5.4');
  });

  it('validates long strings (native path) as strictly as short ones [MQTT-1.5.4-1]', () => {
    const bad = Buffer.concat([Buffer.from([0x01, 0x00]), Buffer.alloc(200, 0x61), Buffer.from([0xed, 0xa0, 0x80])]);
    bad.writeUInt16BE(bad.length - 2, 0);
    expectMqttError(() => new Reader(bad, 0, bad.length).utf8('s'), 0x81, 'MQTT-1.5.4-1');
  });

  it('reports a string running past the packet as Malformed', () => {
    const err = expectMqttError(() => new Reader(Buffer.from([0x00, 0x09, 0x61]), 0, 3).utf8('topic'), 0x81, 'runs past');
    expect(err).toBeInstanceOf(MqttError);
  });
});
