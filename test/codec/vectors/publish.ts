// PUBLISH (§3.3) byte vectors.
import { type DecodeError, type EncodeError, type Vector, MALFORMED, PROTOCOL_ERROR, TOPIC_NAME_INVALID, ascii } from './vector.js';

const empty = Buffer.alloc(0);
const fill = (n: number): number[] => new Array<number>(n).fill(0x78);

/** A QoS 0 PUBLISH to 'a' whose payload makes the Remaining Length exactly `rl`. */
function withRemainingLength(rl: number, lengthBytes: number[]): Vector {
  return {
    name: `Remaining Length ${rl} is encoded as ${lengthBytes.map((b) => `0x${b.toString(16)}`).join(' ')} (§1.5.5)`,
    version: 4,
    bytes: [
      0x30, // PUBLISH, QoS 0
      ...lengthBytes, // remaining length
      0x00, 0x01, 0x61, // topic name 'a'
      ...fill(rl - 3), // payload
    ],
    packet: { type: 'publish', topic: 'a', payload: Buffer.from(fill(rl - 3)), qos: 0, retain: false, dup: false },
  };
}

export const vectors: Vector[] = [
  {
    name: 'QoS 1 to "a/b" with packet identifier 10, the 3.1.1 example (§3.3.2.3)',
    version: 4,
    bytes: [
      0x32, // PUBLISH, DUP 0, QoS 1, RETAIN 0
      0x07, // remaining length 7
      0x00, 0x03, ...ascii('a/b'), // topic name
      0x00, 0x0a, // packet identifier 10
    ], // payload: empty
    packet: { type: 'publish', topic: 'a/b', payload: empty, qos: 1, packetId: 10, retain: false, dup: false },
  },
  {
    name: 'QoS 1 to "a/b" with packet identifier 10 and no properties, the 5.0 example (§3.3.2.3)',
    version: 5,
    bytes: [
      0x32, // PUBLISH, QoS 1
      0x08, // remaining length 8
      0x00, 0x03, ...ascii('a/b'), // topic name
      0x00, 0x0a, // packet identifier 10
      0x00, // property length 0
    ],
    packet: { type: 'publish', topic: 'a/b', payload: empty, qos: 1, packetId: 10, retain: false, dup: false },
  },
  {
    name: 'QoS 0 retained message with a payload and no packet identifier [MQTT-2.3.1-5]',
    version: 4,
    bytes: [
      0x31, // PUBLISH, QoS 0, RETAIN 1
      0x12, // remaining length 18
      0x00, 0x0c, ...ascii('sensors/temp'), // topic name
      ...ascii('21.5'), // payload
    ],
    packet: { type: 'publish', topic: 'sensors/temp', payload: Buffer.from('21.5'), qos: 0, retain: true, dup: false },
  },
  {
    name: 'QoS 2 redelivery with DUP set (§3.3.1.1)',
    version: 4,
    bytes: [
      0x3c, // PUBLISH, DUP 1, QoS 2, RETAIN 0
      0x06, // remaining length 6
      0x00, 0x01, 0x61, // topic name 'a'
      0x12, 0x34, // packet identifier 0x1234
      0x78, // payload 'x'
    ],
    packet: { type: 'publish', topic: 'a', payload: Buffer.from('x'), qos: 2, packetId: 0x1234, retain: false, dup: true },
  },
  {
    name: 'MQTT 3.1 PUBLISH has the 3.1.1 layout',
    version: 3,
    bytes: [
      0x30, // PUBLISH, QoS 0
      0x07, // remaining length 7
      0x00, 0x03, ...ascii('a/b'), // topic name
      ...ascii('hi'), // payload
    ],
    packet: { type: 'publish', topic: 'a/b', payload: Buffer.from('hi'), qos: 0, retain: false, dup: false },
  },
  {
    name: 'topic "A\u{2A6D4}" is the UTF-8 example of §1.5.4 (a 4-byte character)',
    version: 4,
    bytes: [
      0x30, // PUBLISH, QoS 0
      0x07, // remaining length 7
      0x00, 0x05, // topic name length 5
      0x41, // 'A'
      0xf0, 0xaa, 0x9b, 0x94, // U+2A6D4
    ],
    packet: { type: 'publish', topic: 'A\u{2A6D4}', payload: empty, qos: 0, retain: false, dup: false },
  },
  withRemainingLength(127, [0x7f]),
  withRemainingLength(128, [0x80, 0x01]),
  withRemainingLength(16383, [0xff, 0x7f]),
  withRemainingLength(16384, [0x80, 0x80, 0x01]),
  {
    name: 'every PUBLISH property, repeated user properties and subscription identifiers [MQTT-3.3.2-18] [MQTT-3.3.4-3]',
    version: 5,
    bytes: [
      0x32, // PUBLISH, QoS 1
      0x36, // remaining length 54
      0x00, 0x03, ...ascii('req'), // topic name
      0x00, 0x01, // packet identifier 1
      0x2c, // property length 44
      0x01, 0x01, // payload format indicator: 1 (UTF-8)
      0x02, 0x00, 0x00, 0x00, 0x3c, // message expiry interval: 60
      0x03, 0x00, 0x04, ...ascii('json'), // content type: 'json'
      0x08, 0x00, 0x03, ...ascii('res'), // response topic: 'res'
      0x09, 0x00, 0x02, 0x01, 0x02, // correlation data: 01 02
      0x26, 0x00, 0x01, 0x6b, 0x00, 0x01, 0x76, // user property: k = v
      0x26, 0x00, 0x01, 0x6b, 0x00, 0x01, 0x77, // user property: k = w (same name again)
      0x0b, 0x01, // subscription identifier: 1
      0x0b, 0xc8, 0x01, // subscription identifier: 200 (two-byte varint)
      ...ascii('{}'), // payload
    ],
    packet: {
      type: 'publish', topic: 'req', payload: Buffer.from('{}'), qos: 1, packetId: 1, retain: false, dup: false,
      properties: {
        payloadFormatIndicator: 1, messageExpiryInterval: 60, contentType: 'json', responseTopic: 'res',
        correlationData: Buffer.from([1, 2]), userProperties: [['k', 'v'], ['k', 'w']], subscriptionIdentifier: [1, 200],
      },
    },
  },
  {
    name: 'an empty topic name with a Topic Alias (§3.3.2.1)',
    version: 5,
    bytes: [
      0x30, // PUBLISH, QoS 0
      0x07, // remaining length 7
      0x00, 0x00, // topic name: empty
      0x03, // property length 3
      0x23, 0x00, 0x05, // topic alias: 5
      0x78, // payload 'x'
    ],
    packet: { type: 'publish', topic: '', payload: Buffer.from('x'), qos: 0, retain: false, dup: false, properties: { topicAlias: 5 } },
  },
];

export const decodeErrors: DecodeError[] = [
  { name: 'rejects QoS 3 [MQTT-3.3.1-4]', version: 4, bytes: [0x36, 0x05, 0x00, 0x01, 0x61, 0x00, 0x01], reasonCode: MALFORMED, rule: 'MQTT-3.3.1-4' },
  { name: 'rejects DUP with QoS 0 [MQTT-3.3.1-2]', version: 4, bytes: [0x38, 0x03, 0x00, 0x01, 0x61], reasonCode: MALFORMED, rule: 'MQTT-3.3.1-2' },
  { name: "rejects '+' in a topic name [MQTT-3.3.2-2]", version: 4, bytes: [0x30, 0x05, 0x00, 0x03, 0x61, 0x2b, 0x62], reasonCode: TOPIC_NAME_INVALID, rule: 'MQTT-3.3.2-2' },
  { name: "rejects '#' in a topic name [MQTT-3.3.2-2]", version: 5, bytes: [0x30, 0x04, 0x00, 0x01, 0x23, 0x00], reasonCode: TOPIC_NAME_INVALID, rule: 'MQTT-3.3.2-2' },
  { name: 'rejects packet identifier 0 with QoS 1 [MQTT-2.3.1-1]', version: 4, bytes: [0x32, 0x05, 0x00, 0x01, 0x61, 0x00, 0x00], reasonCode: PROTOCOL_ERROR, rule: 'MQTT-2.3.1-1' },
  { name: 'rejects a topic length running past the packet (§1.5.4)', version: 4, bytes: [0x30, 0x03, 0x00, 0x05, 0x61], reasonCode: MALFORMED, rule: 'runs past' },
  { name: 'rejects ill-formed UTF-8 in a topic [MQTT-1.5.4-1]', version: 4, bytes: [0x30, 0x04, 0x00, 0x02, 0xc3, 0x28], reasonCode: MALFORMED, rule: 'MQTT-1.5.4-1' },
  { name: 'rejects an encoded surrogate U+D800 [MQTT-1.5.4-1]', version: 4, bytes: [0x30, 0x05, 0x00, 0x03, 0xed, 0xa0, 0x80], reasonCode: MALFORMED, rule: 'MQTT-1.5.4-1' },
  { name: 'rejects an overlong encoding of "/" [MQTT-1.5.4-1]', version: 4, bytes: [0x30, 0x04, 0x00, 0x02, 0xc0, 0xaf], reasonCode: MALFORMED, rule: 'MQTT-1.5.4-1' },
  { name: 'rejects U+0000 in a topic [MQTT-1.5.4-2]', version: 4, bytes: [0x30, 0x04, 0x00, 0x02, 0x61, 0x00], reasonCode: MALFORMED, rule: 'MQTT-1.5.4-2' },
  { name: 'rejects an empty topic name [MQTT-4.7.3-1]', version: 4, bytes: [0x30, 0x02, 0x00, 0x00], reasonCode: PROTOCOL_ERROR, rule: 'MQTT-4.7.3-1' },
  { name: 'rejects an empty topic name without a Topic Alias (§3.3.2.1)', version: 5, bytes: [0x30, 0x03, 0x00, 0x00, 0x00], reasonCode: PROTOCOL_ERROR, rule: '§3.3.2.1' },
  { name: 'rejects Session Expiry Interval, a property not valid in PUBLISH (§2.2.2.2)', version: 5, bytes: [0x30, 0x09, 0x00, 0x01, 0x61, 0x05, 0x11, 0x00, 0x00, 0x00, 0x00], reasonCode: MALFORMED, rule: '§2.2.2.2' },
  { name: 'rejects Topic Alias 0 [MQTT-3.3.2-8]', version: 5, bytes: [0x30, 0x07, 0x00, 0x01, 0x61, 0x03, 0x23, 0x00, 0x00], reasonCode: PROTOCOL_ERROR, rule: 'MQTT-3.3.2-8' },
  {
    name: 'rejects Content Type twice (§2.2.2.2)', version: 5, reasonCode: PROTOCOL_ERROR, rule: 'more than once',
    bytes: [0x30, 0x0c, 0x00, 0x01, 0x61, 0x08, 0x03, 0x00, 0x01, 0x61, 0x03, 0x00, 0x01, 0x62],
  },
  { name: 'rejects Subscription Identifier 0 (§3.8.2.1.2)', version: 5, bytes: [0x30, 0x06, 0x00, 0x01, 0x61, 0x02, 0x0b, 0x00], reasonCode: PROTOCOL_ERROR, rule: '§3.8.2.1.2' },
  { name: 'rejects a property length running past the packet (§2.2.2.1)', version: 5, bytes: [0x30, 0x04, 0x00, 0x01, 0x61, 0x05], reasonCode: MALFORMED, rule: 'runs past' },
  { name: 'rejects an unassigned property identifier 0x2b (§2.2.2.2)', version: 5, bytes: [0x30, 0x06, 0x00, 0x01, 0x61, 0x02, 0x2b, 0x00], reasonCode: MALFORMED, rule: '§2.2.2.2' },
  { name: 'rejects a property value running past its block (§2.2.2.2)', version: 5, bytes: [0x30, 0x06, 0x00, 0x01, 0x61, 0x02, 0x02, 0x00], reasonCode: MALFORMED, rule: 'needs 4 bytes' },
  { name: 'rejects a property length not minimally encoded [MQTT-1.5.5-1]', version: 5, bytes: [0x30, 0x05, 0x00, 0x01, 0x61, 0x80, 0x00], reasonCode: MALFORMED, rule: 'MQTT-1.5.5-1' },
  { name: 'rejects a Remaining Length not minimally encoded [MQTT-1.5.5-1]', version: 4, bytes: [0x30, 0x83, 0x00, 0x00, 0x01, 0x61], reasonCode: MALFORMED, rule: 'MQTT-1.5.5-1' },
  { name: 'rejects a Remaining Length of 5 bytes (§2.1.4)', version: 4, bytes: [0x30, 0xff, 0xff, 0xff, 0xff, 0x7f], reasonCode: MALFORMED, rule: '§2.1.4' },
  { name: 'rejects a Remaining Length longer than the bytes given (§2.1.4)', version: 4, bytes: [0x30, 0x0a, 0x00, 0x01, 0x61], reasonCode: MALFORMED, rule: 'Remaining Length', framing: true },
  { name: 'rejects bytes after the end given by the Remaining Length (§2.1.4)', version: 4, bytes: [0x30, 0x03, 0x00, 0x01, 0x61, 0xff], reasonCode: MALFORMED, rule: 'Remaining Length', framing: true },
];

const base = { type: 'publish', topic: 'a', payload: empty, qos: 0, retain: false, dup: false };
export const encodeErrors: EncodeError[] = [
  { name: 'refuses QoS 1 without a packet identifier [MQTT-2.3.1-1]', version: 4, packet: { ...base, qos: 1 }, reasonCode: PROTOCOL_ERROR, rule: 'MQTT-2.3.1-1' },
  { name: 'refuses QoS 0 with a packet identifier [MQTT-2.3.1-5]', version: 4, packet: { ...base, packetId: 1 }, reasonCode: PROTOCOL_ERROR, rule: 'MQTT-2.3.1-5' },
  { name: 'refuses DUP with QoS 0 [MQTT-3.3.1-2]', version: 4, packet: { ...base, dup: true }, reasonCode: MALFORMED, rule: 'MQTT-3.3.1-2' },
  { name: 'refuses QoS 3 [MQTT-3.3.1-4]', version: 4, packet: { ...base, qos: 3, packetId: 1 }, reasonCode: MALFORMED, rule: 'MQTT-3.3.1-4' },
  { name: 'refuses a wildcard in the topic name [MQTT-3.3.2-2]', version: 4, packet: { ...base, topic: 'a/+' }, reasonCode: TOPIC_NAME_INVALID, rule: 'MQTT-3.3.2-2' },
  { name: 'refuses properties before MQTT 5 (§2.2.2)', version: 4, packet: { ...base, properties: { contentType: 'x' } }, reasonCode: PROTOCOL_ERROR, rule: '§2.2.2' },
  { name: 'refuses Topic Alias 0 [MQTT-3.3.2-8]', version: 5, packet: { ...base, properties: { topicAlias: 0 } }, reasonCode: PROTOCOL_ERROR, rule: 'MQTT-3.3.2-8' },
  { name: 'refuses a topic over 65535 bytes (§1.5.4)', version: 4, packet: { ...base, topic: 'a'.repeat(65536) }, reasonCode: MALFORMED, rule: '§1.5.4' },
  { name: 'refuses U+0000 in the topic [MQTT-1.5.4-2]', version: 4, packet: { ...base, topic: 'a\u0000' }, reasonCode: MALFORMED, rule: 'MQTT-1.5.4-2' },
  { name: 'refuses a lone surrogate in the topic [MQTT-1.5.4-1]', version: 4, packet: { ...base, topic: 'a\ud800' }, reasonCode: MALFORMED, rule: 'MQTT-1.5.4-1' },
  { name: 'refuses an empty topic name [MQTT-4.7.3-1]', version: 4, packet: { ...base, topic: '' }, reasonCode: PROTOCOL_ERROR, rule: 'MQTT-4.7.3-1' },
  { name: 'refuses Session Expiry Interval in PUBLISH (§2.2.2.2)', version: 5, packet: { ...base, properties: { sessionExpiryInterval: 1 } }, reasonCode: MALFORMED, rule: '§2.2.2.2' },
  { name: 'refuses a negative Message Expiry Interval (§1.5.3)', version: 5, packet: { ...base, properties: { messageExpiryInterval: -1 } }, reasonCode: MALFORMED, rule: '0 to 4294967295' },
];
