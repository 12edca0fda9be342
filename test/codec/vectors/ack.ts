// PUBACK, PUBREC, PUBREL, PUBCOMP (§3.4-§3.7) byte vectors.
import type { AckType } from '../../../src/codec/index.js';
import { type DecodeError, type EncodeError, type Vector, MALFORMED, PROTOCOL_ERROR, str } from './vector.js';

const FIRST: Record<AckType, number> = { puback: 0x40, pubrec: 0x50, pubrel: 0x62, pubcomp: 0x70 };

/** The 3.1.1 form of each ack: fixed header, remaining length 2, packet identifier 10. */
const plain: Vector[] = (['puback', 'pubrec', 'pubrel', 'pubcomp'] as const).map((type) => ({
  name: `${type.toUpperCase()} carries the packet identifier only [MQTT-2.3.1-6]`,
  version: 4,
  bytes: [
    FIRST[type], // fixed header (PUBREL has flags 0010 [MQTT-3.6.1-1])
    0x02, // remaining length 2
    0x00, 0x0a, // packet identifier 10
  ],
  packet: { type, packetId: 10 },
}));

export const vectors: Vector[] = [
  ...plain,
  { name: 'MQTT 3.1 PUBACK has the same layout', version: 3, bytes: [0x40, 0x02, 0x12, 0x34], packet: { type: 'puback', packetId: 0x1234 } },
  {
    name: 'MQTT 5 success omits reason code and properties: Remaining Length 2 (§3.4.2.1)',
    version: 5,
    bytes: [
      0x40, // PUBACK
      0x02, // remaining length 2
      0x00, 0x0a, // packet identifier 10
    ], // reason code omitted: 0x00 Success
    packet: { type: 'puback', packetId: 10, reasonCode: 0 },
  },
  {
    name: 'a reason code without properties: Remaining Length 3 (§3.4.2.2)',
    version: 5,
    bytes: [
      0x40, // PUBACK
      0x03, // remaining length 3
      0x00, 0x0a, // packet identifier 10
      0x10, // reason code 0x10 No matching subscribers
    ],
    packet: { type: 'puback', packetId: 10, reasonCode: 0x10 },
  },
  {
    name: 'PUBREC 0x80 with a reason string (§3.5.2)',
    version: 5,
    bytes: [
      0x50, // PUBREC
      0x0b, // remaining length 11
      0x00, 0x0a, // packet identifier 10
      0x80, // reason code 0x80 Unspecified error
      0x07, // property length 7
      0x1f, ...str('full'), // reason string
    ],
    packet: { type: 'pubrec', packetId: 10, reasonCode: 0x80, properties: { reasonString: 'full' } },
  },
  {
    name: 'PUBREL 0x92 Packet Identifier not found (§3.6.2.1)',
    version: 5,
    bytes: [
      0x62, // PUBREL, flags 0010
      0x03, // remaining length 3
      0x00, 0x0a, // packet identifier 10
      0x92, // reason code 0x92
    ],
    packet: { type: 'pubrel', packetId: 10, reasonCode: 0x92 },
  },
  {
    name: 'PUBCOMP success with a user property keeps the reason code byte (§3.7.2)',
    version: 5,
    bytes: [
      0x70, // PUBCOMP
      0x0b, // remaining length 11
      0x00, 0x0a, // packet identifier 10
      0x00, // reason code 0x00 Success
      0x07, // property length 7
      0x26, ...str('a'), ...str('b'), // user property a = b
    ],
    packet: { type: 'pubcomp', packetId: 10, reasonCode: 0, properties: { userProperties: [['a', 'b']] } },
  },
  {
    name: 'an explicit 0x00 reason code decodes like the short form (§3.4.2.1)',
    version: 5,
    bytes: [0x40, 0x03, 0x00, 0x0a, 0x00], // PUBACK, remaining length 3, id 10, reason code 0x00
    packet: { type: 'puback', packetId: 10, reasonCode: 0 },
    decodeOnly: true,
  },
  {
    name: 'an empty property block decodes like none (§3.4.2.2)',
    version: 5,
    bytes: [0x40, 0x04, 0x00, 0x0a, 0x00, 0x00], // PUBACK, remaining length 4, id 10, 0x00, property length 0
    packet: { type: 'puback', packetId: 10, reasonCode: 0 },
    decodeOnly: true,
  },
];

export const decodeErrors: DecodeError[] = [
  { name: 'rejects PUBREL with flags 0000 [MQTT-3.6.1-1] [MQTT-2.2.2-1]', version: 4, bytes: [0x60, 0x02, 0x00, 0x0a], reasonCode: MALFORMED, rule: 'MQTT-2.2.2-1' },
  { name: 'rejects PUBACK with flags 0010 [MQTT-2.2.2-1]', version: 5, bytes: [0x42, 0x02, 0x00, 0x0a], reasonCode: MALFORMED, rule: 'MQTT-2.2.2-1' },
  { name: 'rejects packet identifier 0 [MQTT-2.3.1-1]', version: 4, bytes: [0x40, 0x02, 0x00, 0x00], reasonCode: PROTOCOL_ERROR, rule: 'MQTT-2.3.1-1' },
  { name: 'rejects Remaining Length 3 in 3.1.1 (§3.4.1)', version: 4, bytes: [0x40, 0x03, 0x00, 0x0a, 0x00], reasonCode: MALFORMED, rule: 'unexpected bytes' },
  { name: 'rejects 0x92 in PUBACK (Table 2-6)', version: 5, bytes: [0x40, 0x03, 0x00, 0x0a, 0x92], reasonCode: PROTOCOL_ERROR, rule: 'Table 2-6' },
  { name: 'rejects 0x10 in PUBCOMP (Table 2-6)', version: 5, bytes: [0x70, 0x03, 0x00, 0x0a, 0x10], reasonCode: PROTOCOL_ERROR, rule: 'Table 2-6' },
  { name: 'rejects Topic Alias, a property not valid in PUBACK (§2.2.2.2)', version: 5, bytes: [0x40, 0x07, 0x00, 0x0a, 0x00, 0x03, 0x23, 0x00, 0x01], reasonCode: MALFORMED, rule: '§2.2.2.2' },
  { name: 'rejects Remaining Length 1 (§3.4.2)', version: 4, bytes: [0x40, 0x01, 0x00], reasonCode: MALFORMED, rule: 'needs 2 bytes' },
  {
    name: 'rejects Reason String twice (§3.4.2.2.2)', version: 5, reasonCode: PROTOCOL_ERROR, rule: 'more than once',
    bytes: [0x40, 0x0c, 0x00, 0x0a, 0x80, 0x08, 0x1f, ...str('a'), 0x1f, ...str('b')],
  },
];

export const encodeErrors: EncodeError[] = [
  { name: 'refuses a reason code before MQTT 5 (§3.4.2.1)', version: 4, packet: { type: 'puback', packetId: 1, reasonCode: 0x10 }, reasonCode: PROTOCOL_ERROR, rule: 'MQTT 5' },
  { name: 'refuses packet identifier 0 [MQTT-2.3.1-1]', version: 4, packet: { type: 'pubrec', packetId: 0 }, reasonCode: PROTOCOL_ERROR, rule: 'MQTT-2.3.1-1' },
  { name: 'refuses packet identifier 70000 (§2.2.1)', version: 4, packet: { type: 'pubrel', packetId: 70000 }, reasonCode: MALFORMED, rule: '1 to 65535' },
  { name: 'refuses properties before MQTT 5 (§2.2.2)', version: 4, packet: { type: 'pubcomp', packetId: 1, properties: { reasonString: 'x' } }, reasonCode: PROTOCOL_ERROR, rule: '§2.2.2' },
  { name: 'refuses 0x10 in PUBREL (Table 2-6)', version: 5, packet: { type: 'pubrel', packetId: 1, reasonCode: 0x10 }, reasonCode: PROTOCOL_ERROR, rule: 'Table 2-6' },
];
