import { describe, expect, it } from 'vitest';
import { encode } from '../../src/codec/encode.js';
import { MqttError } from '../../src/codec/errors.js';
import { createParser } from '../../src/codec/parser.js';
import type { Packet } from '../../src/codec/types.js';
import { WireConnection, type PacketTap } from '../../src/wire/connection.js';
import { duplexPair } from '../helpers/peer.js';

const turn = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('wire: errors and closing', () => {
  it('on a malformed packet: taps see its bytes and the error, the handler\'s last packet goes out, then the stream closes', async () => {
    const [ours, theirs] = duplexPair();
    const taps: Array<[string, string, string | undefined]> = [];
    const tap: PacketTap = (direction, raw, packet, error) => taps.push([direction, raw.toString('hex'), packet?.type ?? error?.message]);
    const received: Packet[] = [];
    const parser = createParser({ protocolVersion: 5 }, (p) => received.push(p));
    theirs.on('data', (d: Buffer) => parser.push(d));
    let closed = false;
    let wire!: WireConnection;
    wire = new WireConnection(ours, { protocolVersion: 5 }, {
      packet: () => {},
      // As the client and the broker do: say why before closing [MQTT-4.13.1-1].
      error: (err) => wire.send({ type: 'disconnect', reasonCode: (err as MqttError).reasonCode }),
      close: () => (closed = true),
    });
    wire.addTap(tap);
    const bad = Buffer.from([0x36, 0x03, 0x00, 0x01, 0x61]); // QoS 3
    theirs.write(Buffer.concat([encode({ type: 'pingresp' }, 5), bad]));
    for (let i = 0; i < 5 && !closed; i++) await turn();
    expect(taps[0]).toEqual(['in', 'd000', 'pingresp']);
    expect(taps[1]![0]).toBe('in');
    expect(taps[1]![1]).toBe(bad.toString('hex'));
    expect(taps[1]![2]).toMatch(/QoS 3/);
    expect(taps[2]).toEqual(['out', 'e00181', 'disconnect']); // no property length when there are none (§3.14.2.2.1)
    expect(received).toEqual([{ type: 'disconnect', reasonCode: 0x81 }]);
    expect(closed).toBe(true);
    expect(wire.isClosed).toBe(true);
  });

  it('end() resolves once written data is flushed, while the peer keeps its side open', async () => {
    const [ours, theirs] = duplexPair();
    let closed = false;
    const wire = new WireConnection(ours, { protocolVersion: 4 }, { packet: () => {}, error: () => {}, close: () => (closed = true) });
    const got: Buffer[] = [];
    let ended = false;
    theirs.on('data', (d: Buffer) => got.push(d));
    theirs.on('end', () => (ended = true));
    wire.send({ type: 'pingreq' });
    await wire.end();
    await turn();
    expect(Buffer.concat(got)).toEqual(Buffer.from([0xc0, 0x00]));
    expect([ended, closed]).toEqual([true, false]);
    theirs.end();
    await turn();
    expect(closed).toBe(true);
    await wire.end(); // once closed: resolves at once
  });

  it('close() sends what was written, then destroys the stream without waiting for the peer', async () => {
    const [ours, theirs] = duplexPair();
    let closed = false;
    const wire = new WireConnection(ours, { protocolVersion: 4 }, { packet: () => {}, error: () => {}, close: () => (closed = true) });
    const got: Buffer[] = [];
    theirs.on('data', (d: Buffer) => got.push(d));
    wire.send({ type: 'pingresp' });
    wire.close();
    for (let i = 0; i < 5 && !closed; i++) await turn();
    expect(Buffer.concat(got)).toEqual(Buffer.from([0xd0, 0x00]));
    expect(closed).toBe(true);
  });
});
