// Property-based round trips: every valid packet of every type and version survives
// encode → decode, and any stream of them survives arbitrary chunking.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Packet, type ProtocolVersion, createParser, decode, encode } from '../../src/codec/index.js';
import { anyPacketArb, packetArb, packetKinds, versionArb } from './arbitraries.js';

const versions: ProtocolVersion[] = [3, 4, 5];

describe('encode → decode round trip', () => {
  for (const kind of packetKinds) {
    for (const version of versions) {
      if (kind === 'auth' && version < 5) continue;
      it(`returns the same ${kind} packet for protocol level ${version}`, () => {
        fc.assert(
          fc.property(packetArb(kind, version), (packet) => {
            const bytes = encode(packet, version);
            expect(decode(bytes, version)).toEqual(packet);
          }),
          { numRuns: 200 },
        );
      });
    }
  }
});

describe('streaming', () => {
  it('yields the same packets and raw bytes however the stream is cut into chunks', () => {
    const streamArb = versionArb.chain((version) =>
      fc.record({
        version: fc.constant(version),
        packets: fc.array(anyPacketArb(version), { minLength: 1, maxLength: 12 }),
        cuts: fc.array(fc.nat(), { maxLength: 10 }),
      }),
    );
    fc.assert(
      fc.property(streamArb, ({ version, packets, cuts }) => {
        const encoded = packets.map((p) => encode(p, version));
        const all = Buffer.concat(encoded);
        const points = [...new Set(cuts.map((c) => c % (all.length + 1)))].sort((a, b) => a - b);
        const got: Packet[] = [];
        const raws: Buffer[] = [];
        const parser = createParser({ protocolVersion: version }, (p, raw) => {
          got.push(p);
          raws.push(Buffer.from(raw));
        });
        let from = 0;
        for (const to of [...points, all.length]) {
          parser.push(all.subarray(from, to));
          from = to;
        }
        expect(got).toEqual(packets);
        expect(raws).toEqual(encoded);
        expect(parser.pending().length).toBe(0);
      }),
      { numRuns: 300 },
    );
  });
});
