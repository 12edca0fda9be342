// UNSUBACK (§3.11) byte vectors.
import { type DecodeError, type EncodeError, type Vector, MALFORMED, PROTOCOL_ERROR, str } from './vector.js';

export const vectors: Vector[] = [
  {
    name: 'UNSUBACK carries the packet identifier only in 3.1.1 (§3.11.2)',
    version: 4,
    bytes: [
      0xb0, // UNSUBACK
      0x02, // remaining length 2
      0x00, 0x0a, // packet identifier 10
    ],
    packet: { type: 'unsuback', packetId: 10 },
  },
  {
    name: 'MQTT 5 one reason code per topic filter (§3.11.3)',
    version: 5,
    bytes: [
      0xb0, // UNSUBACK
      0x05, // remaining length 5
      0x00, 0x0a, // packet identifier 10
      0x00, // property length 0
      0x00, // 0x00 Success
      0x11, // 0x11 No subscription existed
    ],
    packet: { type: 'unsuback', packetId: 10, reasonCodes: [0, 0x11] },
  },
  {
    name: 'MQTT 5 refusal with a reason string (§3.11.2.1)',
    version: 5,
    bytes: [
      0xb0, // UNSUBACK
      0x09, // remaining length 9
      0x00, 0x01, // packet identifier 1
      0x05, // property length 5
      0x1f, ...str('no'), // reason string
      0x87, // 0x87 Not authorized
    ],
    packet: { type: 'unsuback', packetId: 1, reasonCodes: [0x87], properties: { reasonString: 'no' } },
  },
];

export const decodeErrors: DecodeError[] = [
  { name: 'rejects Remaining Length 3 in 3.1.1 (§3.11.1)', version: 4, bytes: [0xb0, 0x03, 0x00, 0x01, 0x00], reasonCode: MALFORMED, rule: 'unexpected bytes' },
  { name: 'rejects an MQTT 5 UNSUBACK without reason codes [MQTT-3.11.3-1]', version: 5, bytes: [0xb0, 0x03, 0x00, 0x01, 0x00], reasonCode: PROTOCOL_ERROR, rule: 'MQTT-3.11.3-1' },
  { name: 'rejects 0x10, not an UNSUBACK code (Table 2-6)', version: 5, bytes: [0xb0, 0x04, 0x00, 0x01, 0x00, 0x10], reasonCode: PROTOCOL_ERROR, rule: 'Table 2-6' },
  { name: 'rejects fixed header flags 0010 [MQTT-2.2.2-1]', version: 4, bytes: [0xb2, 0x02, 0x00, 0x01], reasonCode: MALFORMED, rule: 'MQTT-2.2.2-1' },
];

export const encodeErrors: EncodeError[] = [
  { name: 'refuses reason codes before MQTT 5 (§3.11.3)', version: 4, packet: { type: 'unsuback', packetId: 1, reasonCodes: [0] }, reasonCode: PROTOCOL_ERROR, rule: 'MQTT 5' },
  { name: 'refuses an MQTT 5 UNSUBACK without reason codes [MQTT-3.11.3-1]', version: 5, packet: { type: 'unsuback', packetId: 1 }, reasonCode: PROTOCOL_ERROR, rule: 'MQTT-3.11.3-1' },
];
