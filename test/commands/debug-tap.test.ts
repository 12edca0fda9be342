import { describe, expect, it } from 'vitest';
import type { Packet, PublishPacket } from '../../src/codec/types.js';
import { DebugTap } from '../../src/commands/debug-tap.js';
import { createTerminalStub } from './passwd/terminal-stub.js';

const publish = (qos: 0 | 1 | 2, packetId?: number): PublishPacket => ({
  type: 'publish', topic: 't', payload: Buffer.from('x'), qos, retain: false, dup: false, ...(packetId !== undefined ? { packetId } : {}),
});

function setup() {
  const stub = createTerminalStub();
  const debug = new DebugTap(stub.term, () => 'c');
  const send = (direction: 'in' | 'out', packet: Packet): void => debug.tap(direction, Buffer.alloc(0), packet);
  return { stub, debug, send, lines: () => stub.stdout().trimEnd().split('\n') };
}

describe('DebugTap: -d lines in the order mosquitto prints them', () => {
  it('numbers outgoing QoS 0 messages from the mid counter packet ids come from (libmosquitto)', () => {
    const { send, lines } = setup();
    send('out', publish(0));
    send('out', publish(0));
    send('out', { type: 'subscribe', packetId: 3, subscriptions: [{ topicFilter: 'a', qos: 0 }] });
    send('out', publish(0));
    expect(lines()).toEqual([
      "Client c sending PUBLISH (d0, q0, r0, m1, 't', ... (1 bytes))",
      "Client c sending PUBLISH (d0, q0, r0, m2, 't', ... (1 bytes))",
      'Client c sending SUBSCRIBE (Mid: 3, Topic: a, QoS: 0, Options: 0x00)',
      "Client c sending PUBLISH (d0, q0, r0, m4, 't', ... (1 bytes))",
    ]);
  });

  it('prints a received QoS 1 message after its PUBACK line, a QoS 0 one at once', () => {
    const { stub, debug, send, lines } = setup();
    send('in', publish(0));
    debug.afterAck(publish(0), () => stub.term.stdout.write('zero\n'));
    send('in', publish(1, 7));
    debug.afterAck(publish(1, 7), () => stub.term.stdout.write('one\n'));
    expect(lines().at(-1)).toBe("Client c received PUBLISH (d0, q1, r0, m7, 't', ... (1 bytes))");
    send('out', { type: 'puback', packetId: 7 });
    expect(lines().slice(1)).toEqual(['zero', "Client c received PUBLISH (d0, q1, r0, m7, 't', ... (1 bytes))", 'Client c sending PUBACK (m7, rc0)', 'one']);
  });

  it('still prints a message whose acknowledgement never goes out (next microtask)', async () => {
    const { stub, debug, lines } = setup();
    debug.afterAck(publish(2, 9), () => stub.term.stdout.write('two\n'));
    expect(stub.stdout()).toBe('');
    await Promise.resolve();
    expect(lines()).toEqual(['two']);
  });

  it('logs nothing received after sending DISCONNECT (mosquitto has closed the socket)', () => {
    const { send, lines } = setup();
    send('out', { type: 'disconnect' });
    send('in', { type: 'suback', packetId: 1, reasonCodes: [0] });
    expect(lines()).toEqual(['Client c sending DISCONNECT']);
  });
});
