// Topics holding control characters or Unicode non-characters [MQTT-1.5.4-3], side by
// side with mosquitto 2.0.11 over raw TCP: each broker gets the same packets, and what it
// sends back (and whether it closes) must be the same. mosquitto calls such a PUBLISH,
// SUBSCRIBE or UNSUBSCRIBE malformed (MQTT 5: DISCONNECT 0x81, then close; 3.1.1: close)
// and closes a CONNECT whose will topic has one without CONNACK (issue 11; issue 9 is the
// client side of the same rule).
import { connect as tcpConnect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encode } from '../../src/codec/encode.js';
import { createParser } from '../../src/codec/parser.js';
import type { Packet, ProtocolVersion } from '../../src/codec/types.js';
import { type Mosquitto, skipWithoutMosquitto, startMosquitto } from '../helpers/mosquitto.js';
import { type Serve, startServe } from '../helpers/serve.js';

/**
 * Sends `packets` then a PINGREQ, and describes what came back until the PINGRESP (the
 * connection is alive) or the close: e.g. "connack 0, disconnect 0x81, closed".
 */
async function exchange(port: number, version: ProtocolVersion, packets: Packet[]): Promise<string> {
  const socket = tcpConnect(port, '127.0.0.1');
  socket.on('error', () => {});
  const seen: string[] = [];
  const parser = createParser({ protocolVersion: version }, (p) => {
    if (p.type === 'connack') seen.push(`connack ${p.reasonCode}`);
    else if (p.type === 'disconnect') seen.push(`disconnect 0x${(p.reasonCode ?? 0).toString(16)}`);
    else if (p.type === 'suback') seen.push(`suback ${p.reasonCodes.join(' ')}`);
    else seen.push(p.type);
    if (p.type === 'pingresp') socket.destroy();
  });
  socket.on('data', (d: Buffer) => parser.push(d));
  await new Promise((resolve) => socket.once('connect', resolve));
  for (const p of [...packets, { type: 'pingreq' } as const]) socket.write(encode(p, version));
  await new Promise((resolve) => socket.once('close', resolve));
  if (seen.at(-1) !== 'pingresp') seen.push('closed');
  return seen.join(', ');
}

const BAD = { 'U+0001': 'a\u0001b', 'U+001F': 'a/\u001f', 'U+007F': 'a\u007f', 'U+0085': 'a\u0085', 'U+009F': '\u009f', 'U+FDD0': 'a\ufdd0', 'U+FFFF': 'a/\uffff', 'U+1FFFE': 'a\u{1fffe}' };
const GOOD = { 'U+00A0': 'a\u00a0', 'U+FFFD': 'a\ufffd' };

function cases(version: ProtocolVersion, topic: string, n: number): Array<[string, Packet[]]> {
  let k = 0;
  // A client id of its own per case: a shared one would be a session take-over.
  const connect = (will?: string): Packet => ({
    type: 'connect', protocolVersion: version, clientId: `text-${version}-${n}-${k++}`, clean: true, keepalive: 60,
    ...(will !== undefined ? { will: { topic: will, payload: Buffer.from('w'), qos: 0, retain: false } } : {}),
  });
  const payload = Buffer.from('x');
  return [
    ['PUBLISH QoS 0', [connect(), { type: 'publish', topic, payload, qos: 0, retain: false, dup: false }]],
    ['PUBLISH QoS 1', [connect(), { type: 'publish', topic, packetId: 1, payload, qos: 1, retain: false, dup: false }]],
    ['SUBSCRIBE', [connect(), { type: 'subscribe', packetId: 2, subscriptions: [{ topicFilter: 'fine', qos: 0 }, { topicFilter: topic, qos: 0 }] }]],
    ['UNSUBSCRIBE', [connect(), { type: 'unsubscribe', packetId: 3, topicFilters: [topic] }]],
    ['will', [connect(topic)]],
  ];
}

describe.skipIf(skipWithoutMosquitto())('topics with control characters: mqtk serve as mosquitto', () => {
  let mosquitto: Mosquitto;
  let serve: Serve;
  beforeAll(async () => {
    [mosquitto, serve] = await Promise.all([startMosquitto(), startServe(['-p', '0'], { verbose: false })]);
  });
  afterAll(async () => {
    await Promise.all([mosquitto?.stop(), serve?.stop()]);
  });

  for (const version of [4, 5] as const) {
    it(`MQTT ${version === 5 ? '5' : '3.1.1'}: disconnects as malformed for every packet that carries one, and only then [MQTT-1.5.4-3]`, async () => {
      const rows = Object.entries({ ...BAD, ...GOOD }).flatMap(([label, topic], n) => cases(version, topic, n).map(([kind, packets]) => ({ label, kind, packets })));
      const compare = async (port: number): Promise<string[]> => Promise.all(rows.map(async (r) => `${r.kind} ${r.label}: ${await exchange(port, version, r.packets)}`));
      const [theirs, ours] = await Promise.all([compare(mosquitto.port), compare(serve.port)]);
      expect(ours).toEqual(theirs);
      // The oracle itself, so a change in mosquitto (or in this test) cannot pass unseen.
      const malformed = version === 5 ? 'connack 0, disconnect 0x81, closed' : 'connack 0, closed';
      expect(ours).toContain(`PUBLISH QoS 0 U+0085: ${malformed}`);
      expect(ours).toContain(`SUBSCRIBE U+FFFF: ${malformed}`);
      expect(ours).toContain(`UNSUBSCRIBE U+0001: ${malformed}`);
      expect(ours).toContain('will U+007F: closed');
      expect(ours).toContain('will U+00A0: connack 0, pingresp');
      expect(ours).toContain(`PUBLISH QoS 1 U+FFFD: connack 0, puback, pingresp`);
    }, 30_000);
  }
});
