import { afterEach, describe, expect, it } from 'vitest';
import type { Broker } from '../../src/broker/broker.js';
import { connect, open, subscribe, testBroker } from './harness.js';

let broker: Broker;
afterEach(async () => broker?.close());

/** A broker whose onPacket hook (what `serve -v` prints) records "client dir TYPE". */
function logged(extra = {}): { broker: Broker; log: string[] } {
  const log: string[] = [];
  const b = testBroker({ ...extra, onPacket: (c, dir, p) => log.push(`${c.clientId} ${dir} ${p.type}`) });
  return { broker: b, log };
}

describe('broker: packet log (onPacket)', () => {
  it('reports refused CONNACKs, also the 0x01 for an unknown protocol level [MQTT-3.1.2-2]', async () => {
    const r = logged({ allowAnonymous: false });
    broker = r.broker;
    const peer = open(broker, 4);
    peer.send({ type: 'connect', protocolVersion: 4, clientId: 'nobody', clean: true, keepalive: 60 });
    expect((await peer.expect('connack')).reasonCode).toBe(5);
    const old = open(broker, 4);
    // CONNECT for "MQTT" level 6.
    old.sendRaw(Buffer.from([0x10, 0x0d, 0x00, 0x04, 0x4d, 0x51, 0x54, 0x54, 0x06, 0x02, 0x00, 0x3c, 0x00, 0x01, 0x78]));
    expect((await old.expect('connack')).reasonCode).toBe(1);
    expect(r.log.filter((l) => l.endsWith('out connack'))).toHaveLength(2);
  });

  it('reports the PUBREL resent when a session resumes [MQTT-4.4.0-1]', async () => {
    const r = logged();
    broker = r.broker;
    const sub = await connect(broker, 's', 4, { clean: false });
    await subscribe(sub.peer, 't', 2);
    const pub = await connect(broker, 'p');
    pub.peer.send({ type: 'publish', topic: 't', payload: Buffer.from('x'), qos: 2, packetId: 1, retain: false, dup: false });
    const got = await sub.peer.expect('publish');
    sub.peer.send({ type: 'pubrec', packetId: got.packetId! });
    await sub.peer.expect('pubrel');
    sub.peer.stream.destroy();
    await sub.peer.closed;
    r.log.length = 0;
    const again = await connect(broker, 's', 4, { clean: false });
    expect((await again.peer.expect('pubrel')).packetId).toBe(got.packetId);
    expect(r.log.filter((l) => l.includes(' out '))).toEqual(['s out connack', 's out pubrel']);
  });
});
