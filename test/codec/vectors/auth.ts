// AUTH (§3.15) byte vectors: MQTT 5 only.
import { type DecodeError, type EncodeError, type Vector, MALFORMED, PROTOCOL_ERROR, str } from './vector.js';

export const vectors: Vector[] = [
  {
    name: 'Remaining Length 0 means 0x00 Success (§3.15.2.1)',
    version: 5,
    bytes: [0xf0, 0x00], // AUTH, remaining length 0
    packet: { type: 'auth', reasonCode: 0 },
  },
  {
    name: 'continue authentication with method and data (§3.15.2.2)',
    version: 5,
    bytes: [
      0xf0, // AUTH
      0x14, // remaining length 20
      0x18, // 0x18 Continue authentication
      0x12, // property length 18
      0x15, ...str('SCRAM-SHA-1'), // authentication method
      0x16, 0x00, 0x01, 0x2a, // authentication data 2a
    ],
    packet: { type: 'auth', reasonCode: 0x18, properties: { authenticationMethod: 'SCRAM-SHA-1', authenticationData: Buffer.from([0x2a]) } },
  },
];

export const decodeErrors: DecodeError[] = [
  { name: 'rejects AUTH in 3.1.1, where type 15 is reserved (§2.1.2)', version: 4, bytes: [0xf0, 0x00], reasonCode: MALFORMED, rule: '§2.1.2' },
  { name: 'rejects 0x01, not an AUTH code (Table 2-6)', version: 5, bytes: [0xf0, 0x01, 0x01], reasonCode: PROTOCOL_ERROR, rule: 'Table 2-6' },
  { name: 'rejects fixed header flags 0001 [MQTT-2.2.2-1]', version: 5, bytes: [0xf1, 0x00], reasonCode: MALFORMED, rule: 'MQTT-2.2.2-1' },
  { name: 'rejects Authentication Data without a method (§3.15.2.2)', version: 5, bytes: [0xf0, 0x06, 0x18, 0x04, 0x16, 0x00, 0x01, 0x00], reasonCode: PROTOCOL_ERROR, rule: 'Authentication Method' },
];

export const encodeErrors: EncodeError[] = [
  { name: 'refuses AUTH before MQTT 5 (§2.1.2)', version: 4, packet: { type: 'auth', reasonCode: 0 }, reasonCode: PROTOCOL_ERROR, rule: '§2.1.2' },
  { name: 'refuses 0x87, not an AUTH code (Table 2-6)', version: 5, packet: { type: 'auth', reasonCode: 0x87 }, reasonCode: PROTOCOL_ERROR, rule: 'Table 2-6' },
];
