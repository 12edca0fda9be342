// Arch rule 4, one fixture in every direction: each byte vector is decoded, encoded,
// round-tripped, fed to the streaming parser one byte at a time, and annotated; each
// error vector is rejected by decode, the parser and annotate with the same reason code.
import { describe, expect, it } from 'vitest';
import { type Packet, annotate, createParser, decode, encode } from '../../src/codec/index.js';
import { expectMqttError } from './expect-mqtt-error.js';
import * as ack from './vectors/ack.js';
import * as auth from './vectors/auth.js';
import * as connack from './vectors/connack.js';
import * as connect from './vectors/connect.js';
import * as disconnect from './vectors/disconnect.js';
import * as ping from './vectors/ping.js';
import * as publish from './vectors/publish.js';
import * as suback from './vectors/suback.js';
import * as subscribe from './vectors/subscribe.js';
import * as unsuback from './vectors/unsuback.js';
import * as unsubscribe from './vectors/unsubscribe.js';
import type { DecodeError, EncodeError, Vector } from './vectors/vector.js';

const kinds: Record<string, { vectors: Vector[]; decodeErrors: DecodeError[]; encodeErrors: EncodeError[] }> = {
  connect, connack, publish, ack, subscribe, suback, unsubscribe, unsuback, ping, disconnect, auth,
};

function parseBytewise(bytes: Buffer, version: Vector['version']): Array<[Packet, Buffer]> {
  const out: Array<[Packet, Buffer]> = [];
  const parser = createParser({ protocolVersion: version }, (p, raw) => out.push([p, Buffer.from(raw)]));
  for (let i = 0; i < bytes.length; i++) parser.push(bytes.subarray(i, i + 1));
  expect(parser.pending().length).toBe(0);
  return out;
}

for (const [kind, { vectors, decodeErrors, encodeErrors }] of Object.entries(kinds)) {
  describe(kind, () => {
    for (const v of vectors) {
      describe(`v${v.version}: ${v.name}`, () => {
        const bytes = Buffer.from(v.bytes);
        it('decodes to the packet', () => {
          expect(decode(bytes, v.version)).toEqual(v.packet);
        });
        if (!v.decodeOnly) {
          it('encodes to the exact bytes', () => {
            expect(encode(v.packet, v.version).toString('hex')).toBe(bytes.toString('hex'));
          });
        }
        it('round-trips packet → bytes → packet', () => {
          expect(decode(encode(v.packet, v.version), v.version)).toEqual(v.packet);
        });
        it('comes out of the streaming parser fed one byte at a time', () => {
          const got = parseBytewise(bytes, v.version);
          expect(got).toHaveLength(1);
          expect(got[0]![0]).toEqual(v.packet);
          expect(got[0]![1].equals(bytes)).toBe(true);
        });
        it('is annotated byte for byte, in order', () => {
          const { packet, spans, error } = annotate(bytes, v.version);
          expect(error).toBeUndefined();
          expect(packet).toEqual(v.packet);
          let at = 0;
          for (const s of spans) {
            expect(s.offset).toBe(at);
            expect(s.length).toBeGreaterThan(0);
            at += s.length;
          }
          expect(at).toBe(bytes.length);
          expect(spans.map((s) => s.field)).not.toContain('unparsed');
        });
      });
    }
    for (const e of decodeErrors) {
      describe(`v${e.version}: ${e.name}`, () => {
        const bytes = Buffer.from(e.bytes);
        it('decode throws the reason code', () => {
          expectMqttError(() => decode(bytes, e.version), e.reasonCode, e.rule);
        });
        if (!e.framing) {
          it('the parser throws the same', () => {
            const parser = createParser({ protocolVersion: e.version }, () => {});
            expectMqttError(() => parser.push(bytes), e.reasonCode, e.rule);
          });
        }
        it('annotate returns the error and still covers every byte', () => {
          const { packet, spans, error } = annotate(bytes, e.version);
          expect(packet).toBeUndefined();
          expect(error?.reasonCode).toBe(e.reasonCode);
          expect(spans.reduce((n, s) => n + s.length, 0)).toBe(bytes.length);
        });
      });
    }
    for (const e of encodeErrors) {
      it(`v${e.version}: encode ${e.name}`, () => {
        expectMqttError(() => encode(e.packet as unknown as Packet, e.version), e.reasonCode, e.rule);
      });
    }
  });
}
