import { describe, expect, it } from 'vitest';
import { encode } from '../../src/codec/encode.js';
import type { Packet } from '../../src/codec/types.js';
import { WireConnection } from '../../src/wire/connection.js';
import { duplexPair } from '../helpers/peer.js';

describe('wire: hold and release', () => {
  it('keeps packets parsed while on hold and hands them over in order on release', async () => {
    const [ours, theirs] = duplexPair();
    const got: string[] = [];
    let wire!: WireConnection;
    wire = new WireConnection(ours, { protocolVersion: 4 }, {
      packet: (p: Packet) => {
        got.push(p.type);
        if (p.type === 'connect') wire.hold();
      },
      error: () => {},
      close: () => {},
    });
    theirs.write(Buffer.concat([
      encode({ type: 'connect', protocolVersion: 4, clientId: 'c', clean: true, keepalive: 0 }, 4),
      encode({ type: 'pingreq' }, 4),
      encode({ type: 'disconnect' }, 4),
    ]));
    await new Promise((r) => setTimeout(r, 10));
    expect(got).toEqual(['connect']);
    expect(wire.isHeld).toBe(true);
    wire.release();
    expect(got).toEqual(['connect', 'pingreq', 'disconnect']);
    expect(wire.isHeld).toBe(false);
  });

  it('counts bytes in and out', async () => {
    const [ours, theirs] = duplexPair();
    const wire = new WireConnection(ours, { protocolVersion: 4 }, { packet: () => {}, error: () => {}, close: () => {} });
    theirs.write(encode({ type: 'pingreq' }, 4));
    wire.send({ type: 'pingresp' });
    await new Promise((r) => setTimeout(r, 10));
    expect([wire.bytesIn, wire.bytesOut]).toEqual([2, 2]);
  });
});
