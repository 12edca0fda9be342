// DISCONNECT (§3.14) byte vectors.
import { type DecodeError, type EncodeError, type Vector, MALFORMED, PROTOCOL_ERROR, str } from './vector.js';

export const vectors: Vector[] = [
  { name: 'DISCONNECT is a bare fixed header in 3.1.1 (§3.14)', version: 4, bytes: [0xe0, 0x00], packet: { type: 'disconnect' } }, // DISCONNECT, remaining length 0
  { name: 'DISCONNECT is a bare fixed header in 3.1', version: 3, bytes: [0xe0, 0x00], packet: { type: 'disconnect' } },
  {
    name: 'MQTT 5 Remaining Length 0 means 0x00 Normal disconnection (§3.14.2.1)',
    version: 5,
    bytes: [0xe0, 0x00], // DISCONNECT, remaining length 0
    packet: { type: 'disconnect', reasonCode: 0 },
  },
  {
    name: 'a reason code alone: Remaining Length 1 (§3.14.2.2)',
    version: 5,
    bytes: [
      0xe0, // DISCONNECT
      0x01, // remaining length 1
      0x04, // 0x04 Disconnect with Will Message
    ],
    packet: { type: 'disconnect', reasonCode: 0x04 },
  },
  {
    name: 'server shutting down with Session Expiry Interval, Server Reference and Reason String (§3.14.2.2)',
    version: 5,
    bytes: [
      0xe0, // DISCONNECT
      0x13, // remaining length 19
      0x8b, // 0x8B Server shutting down
      0x11, // property length 17
      0x11, 0x00, 0x00, 0x00, 0x00, // session expiry interval 0
      0x1c, ...str('b:1'), // server reference
      0x1f, ...str('bye'), // reason string
    ],
    packet: { type: 'disconnect', reasonCode: 0x8b, properties: { sessionExpiryInterval: 0, serverReference: 'b:1', reasonString: 'bye' } },
  },
  {
    name: 'an explicit 0x00 and empty properties decode like the short form (§3.14.2.1)',
    version: 5,
    bytes: [0xe0, 0x02, 0x00, 0x00], // DISCONNECT, remaining length 2, 0x00, property length 0
    packet: { type: 'disconnect', reasonCode: 0 },
    decodeOnly: true,
  },
];

export const decodeErrors: DecodeError[] = [
  { name: 'rejects a body in 3.1.1 (§3.14.1)', version: 4, bytes: [0xe0, 0x01, 0x00], reasonCode: MALFORMED, rule: 'unexpected bytes' },
  { name: 'rejects 0x05, not a DISCONNECT code (Table 2-6)', version: 5, bytes: [0xe0, 0x01, 0x05], reasonCode: PROTOCOL_ERROR, rule: 'Table 2-6' },
  { name: 'rejects fixed header flags 0010 [MQTT-2.2.2-1]', version: 5, bytes: [0xe2, 0x00], reasonCode: MALFORMED, rule: 'MQTT-2.2.2-1' },
  { name: 'rejects Topic Alias, a property not valid in DISCONNECT (§2.2.2.2)', version: 5, bytes: [0xe0, 0x05, 0x00, 0x03, 0x23, 0x00, 0x01], reasonCode: MALFORMED, rule: '§2.2.2.2' },
  {
    name: 'rejects Session Expiry Interval twice (§3.14.2.2.2)', version: 5, reasonCode: PROTOCOL_ERROR, rule: 'more than once',
    bytes: [0xe0, 0x0c, 0x00, 0x0a, 0x11, 0x00, 0x00, 0x00, 0x01, 0x11, 0x00, 0x00, 0x00, 0x02],
  },
];

export const encodeErrors: EncodeError[] = [
  { name: 'refuses a reason code before MQTT 5 (§3.14)', version: 4, packet: { type: 'disconnect', reasonCode: 0x04 }, reasonCode: PROTOCOL_ERROR, rule: 'MQTT 5' },
  { name: 'refuses 0x01, not a DISCONNECT code (Table 2-6)', version: 5, packet: { type: 'disconnect', reasonCode: 0x01 }, reasonCode: PROTOCOL_ERROR, rule: 'Table 2-6' },
];
