import { describe, expect, it } from 'vitest';
import { formatBrokerEvent, formatBrokerEventJson, formatBrokerEventLines, formatBrokerPacket } from '../../src/format/broker-log.js';

describe('broker log lines (mosquitto -v wording, 2.0.11)', () => {
  it('formats connects with and without a will', () => {
    expect(formatBrokerEvent({ type: 'connect', clientId: 'c', address: '127.0.0.1:5', protocolVersion: 4, clean: true, keepalive: 60, username: 'u', will: undefined }))
      .toEqual(["New client connected from 127.0.0.1:5 as c (p2, c1, k60, u'u').", 'No will message specified.']);
    expect(formatBrokerEvent({ type: 'connect', clientId: 'c', address: 'a:1', protocolVersion: 5, clean: false, keepalive: 0, username: undefined, will: { topic: 'w', qos: 1, retain: true, bytes: 3 } }))
      .toEqual(['New client connected from a:1 as c (p5, c0, k0).', 'Will message specified (3 bytes) (r1, q1).', '\tw']);
  });

  it('formats disconnect causes', () => {
    expect(formatBrokerEvent({ type: 'disconnect', clientId: 'c', cause: 'client' })).toEqual(['Client c disconnected.']);
    expect(formatBrokerEvent({ type: 'disconnect', clientId: 'c', cause: 'closed' })).toEqual(['Client c closed its connection.']);
    expect(formatBrokerEvent({ type: 'disconnect', clientId: 'c', cause: 'keepalive' })).toEqual(['Client c has exceeded timeout, disconnecting.']);
  });

  it('names a denied PUBLISH as the client\'s (mosquitto\'s "Denied PUBLISH from"), and a denied will', () => {
    const denied = { type: 'denied' as const, clientId: 'c', topic: 'a/b', qos: 1, retain: false, dup: false, packetId: 7, bytes: 5 };
    expect(formatBrokerEvent({ ...denied, reason: 'not authorised' })).toEqual(["Denied PUBLISH from c (d0, q1, r0, m7, 'a/b', ... (5 bytes))"]);
    expect(formatBrokerEvent({ ...denied, reason: 'too large' })).toEqual(["Dropped too large PUBLISH from c (d0, q1, r0, m7, 'a/b', ... (5 bytes))"]);
    expect(formatBrokerEvent({ ...denied, reason: 'not authorised', will: true })).toEqual(["Denied will of c (q1, r0, 'a/b', ... (5 bytes)) (not authorised)."]);
  });

  it('names the user of a refused login, and the reason', () => {
    expect(formatBrokerEvent({ type: 'connect-refused', clientId: 'c', address: 'a:1', username: 'bob', reasonCode: 5, reason: 'not authorised' }))
      .toEqual(["Client c from a:1 (u'bob') refused: not authorised."]);
  });

  it('gives each line mosquitto\'s log_type: connects notice, the will lines debug, subscriptions subscribe', () => {
    expect(formatBrokerEventLines({ type: 'connect', clientId: 'c', address: 'a:1', protocolVersion: 4, clean: true, keepalive: 60, username: undefined, will: undefined }).map((l) => l.type))
      .toEqual(['notice', 'debug']);
    expect(formatBrokerEventLines({ type: 'subscribe', clientId: 'c', filter: 't', qos: 1, granted: 1 })[0]!.type).toBe('subscribe');
    expect(formatBrokerEventLines({ type: 'unsubscribe', clientId: 'c', filter: 't' })).toEqual([{ type: 'unsubscribe', text: 'c t' }]);
    expect(formatBrokerEventLines({ type: 'listening', protocol: 'mqtt', address: '127.0.0.1', port: 1, tls: false })[0]!.type).toBe('information');
  });

  it('formats packets in and out', () => {
    expect(formatBrokerPacket('c', 'in', { type: 'publish', topic: 'a/b', payload: Buffer.from('hello'), qos: 1, packetId: 1, retain: false, dup: false }))
      .toEqual(["Received PUBLISH from c (d0, q1, r0, m1, 'a/b', ... (5 bytes))"]);
    expect(formatBrokerPacket('c', 'out', { type: 'puback', packetId: 1 })).toEqual(['Sending PUBACK to c (m1, rc0)']);
    expect(formatBrokerPacket('c', 'in', { type: 'puback', packetId: 1 })).toEqual(['Received PUBACK from c (Mid: 1, RC:0)']);
    expect(formatBrokerPacket('c', 'in', { type: 'pubrel', packetId: 1 })).toEqual(['Received PUBREL from c (Mid: 1)']);
    expect(formatBrokerPacket('c', 'out', { type: 'connack', sessionPresent: false, reasonCode: 0 })).toEqual(['Sending CONNACK to c (0, 0)']);
    expect(formatBrokerPacket('c', 'in', { type: 'subscribe', packetId: 1, subscriptions: [{ topicFilter: 'a/#', qos: 2 }] }))
      .toEqual(['Received SUBSCRIBE from c', '\ta/# (QoS 2)']);
  });

  it('writes JSON lines', () => {
    const line = formatBrokerEventJson({ type: 'subscribe', clientId: 'c', filter: 't', qos: 1, granted: 1 }, new Date(0));
    expect(JSON.parse(line)).toEqual({ event: 'subscribe', time: '1970-01-01T00:00:00.000Z', client_id: 'c', filter: 't', qos: 1, granted: 1 });
  });
});
