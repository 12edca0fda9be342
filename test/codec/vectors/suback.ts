// SUBACK (§3.9) byte vectors.
import { type DecodeError, type EncodeError, type Vector, MALFORMED, PROTOCOL_ERROR, str } from './vector.js';

export const vectors: Vector[] = [
  {
    name: 'granted QoS 0, granted QoS 2 and failure from the 3.1.1 example (§3.9.3)',
    version: 4,
    bytes: [
      0x90, // SUBACK
      0x05, // remaining length 5
      0x00, 0x0a, // packet identifier 10
      0x00, // success, maximum QoS 0
      0x02, // success, maximum QoS 2
      0x80, // failure
    ],
    packet: { type: 'suback', packetId: 10, reasonCodes: [0, 2, 0x80] },
  },
  { name: 'MQTT 3.1 SUBACK has the same layout', version: 3, bytes: [0x90, 0x03, 0x00, 0x01, 0x01], packet: { type: 'suback', packetId: 1, reasonCodes: [1] } },
  {
    name: 'MQTT 5 reason codes with a reason string (§3.9.2, §3.9.3)',
    version: 5,
    bytes: [
      0x90, // SUBACK
      0x0b, // remaining length 11
      0x00, 0x0a, // packet identifier 10
      0x05, // property length 5
      0x1f, ...str('ok'), // reason string
      0x00, // 0x00 Granted QoS 0
      0x01, // 0x01 Granted QoS 1
      0x87, // 0x87 Not authorized
    ],
    packet: { type: 'suback', packetId: 10, reasonCodes: [0, 1, 0x87], properties: { reasonString: 'ok' } },
  },
];

export const decodeErrors: DecodeError[] = [
  { name: 'rejects the reserved return code 3 [MQTT-3.9.3-2]', version: 4, bytes: [0x90, 0x03, 0x00, 0x01, 0x03], reasonCode: PROTOCOL_ERROR, rule: 'MQTT-3.9.3-2' },
  { name: 'rejects 0x10, not a SUBACK code (Table 2-6)', version: 5, bytes: [0x90, 0x04, 0x00, 0x01, 0x00, 0x10], reasonCode: PROTOCOL_ERROR, rule: 'Table 2-6' },
  { name: 'rejects a SUBACK without return codes [MQTT-3.8.4-5]', version: 4, bytes: [0x90, 0x02, 0x00, 0x01], reasonCode: PROTOCOL_ERROR, rule: 'MQTT-3.8.4-5' },
  { name: 'rejects fixed header flags 0010 [MQTT-2.2.2-1]', version: 4, bytes: [0x92, 0x03, 0x00, 0x01, 0x00], reasonCode: MALFORMED, rule: 'MQTT-2.2.2-1' },
];

export const encodeErrors: EncodeError[] = [
  { name: 'refuses 0x87 before MQTT 5 [MQTT-3.9.3-2]', version: 4, packet: { type: 'suback', packetId: 1, reasonCodes: [0x87] }, reasonCode: PROTOCOL_ERROR, rule: 'MQTT-3.9.3-2' },
  { name: 'refuses a SUBACK without return codes [MQTT-3.8.4-5]', version: 5, packet: { type: 'suback', packetId: 1, reasonCodes: [] }, reasonCode: PROTOCOL_ERROR, rule: 'MQTT-3.8.4-5' },
];
