// Hostile input: random and mutated bytes. Whatever arrives, decode, the parser and
// annotate terminate, and nothing but MqttError is ever thrown. What decode accepts,
// encode can write back (the decoder is never laxer than the encoder).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MqttError, type Packet, type ProtocolVersion, annotate, createParser, decode, encode } from '../../src/codec/index.js';
import { anyPacketArb, versionArb } from './arbitraries.js';

function onlyMqttErrors(fn: () => void): MqttError | undefined {
  try {
    fn();
    return undefined;
  } catch (err) {
    if (!(err instanceof MqttError)) throw err;
    // Malformed, Protocol Error, Unsupported Protocol Version, Topic Name invalid (a wildcard), Packet too large.
    expect([0x81, 0x82, 0x84, 0x90, 0x95]).toContain(err.reasonCode);
    return err;
  }
}

/** Runs every entry point over `bytes` and checks the invariants. */
function exercise(bytes: Buffer, version: ProtocolVersion, chunk: number): void {
  let decoded: Packet | undefined;
  const error = onlyMqttErrors(() => {
    decoded = decode(bytes, version);
  });
  if (decoded !== undefined) {
    // Anything decode accepts, encode writes back, and that decodes to the same packet.
    const again = encode(decoded, decoded.type === 'connect' ? decoded.protocolVersion : version);
    expect(decode(again, version)).toEqual(decoded);
  }
  const ann = annotate(bytes, version);
  expect(ann.error?.reasonCode).toBe(error?.reasonCode);
  expect(ann.spans.reduce((n, s) => n + s.length, 0)).toBe(bytes.length);
  const seen: Buffer[] = [];
  const parser = createParser({ protocolVersion: version, maxPacketSize: 200 }, (p, raw) => {
    expect(decode(Buffer.from(raw), version)).toEqual(p);
    seen.push(raw);
  });
  onlyMqttErrors(() => {
    for (let i = 0; i < bytes.length; i += chunk) parser.push(bytes.subarray(i, i + chunk));
  });
}

const chunkArb = fc.integer({ min: 1, max: 64 });

describe('hostile input', () => {
  it('random bytes never throw anything but MqttError, and terminate', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), versionArb, chunkArb, (bytes, version, chunk) => {
        exercise(Buffer.from(bytes), version, chunk);
      }),
      { numRuns: 3000 },
    );
  }, 60_000);

  it('random bytes behind a valid fixed header never throw anything but MqttError', () => {
    const framed = fc.tuple(fc.integer({ min: 0, max: 255 }), fc.uint8Array({ maxLength: 120 })).map(([b, body]) =>
      Buffer.from([b, body.length, ...body]));
    fc.assert(fc.property(framed, versionArb, chunkArb, (bytes, version, chunk) => exercise(bytes, version, chunk)), { numRuns: 3000 });
  }, 60_000);

  it('mutated valid packets never throw anything but MqttError', () => {
    const mutated = versionArb.chain((version) =>
      fc.record({
        version: fc.constant(version),
        packet: anyPacketArb(version),
        edits: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 }), fc.constantFrom('set', 'insert', 'delete')), { minLength: 1, maxLength: 4 }),
      }),
    );
    fc.assert(
      fc.property(mutated, chunkArb, ({ version, packet, edits }, chunk) => {
        const bytes = [...encode(packet, version)];
        for (const [at, value, op] of edits) {
          const i = at % (bytes.length + 1);
          if (op === 'set' && i < bytes.length) bytes[i] = value;
          else if (op === 'insert') bytes.splice(i, 0, value);
          else bytes.splice(i, 1);
        }
        exercise(Buffer.from(bytes), version, chunk);
      }),
      { numRuns: 3000 },
    );
  }, 60_000);
});
