// UNSUBSCRIBE (§3.10) byte vectors.
import { type DecodeError, type EncodeError, type Vector, MALFORMED, PROTOCOL_ERROR, ascii, str } from './vector.js';

export const vectors: Vector[] = [
  {
    name: '"a/b" and "c/d" from the 3.1.1 payload example (§3.10.3)',
    version: 4,
    bytes: [
      0xa2, // UNSUBSCRIBE, flags 0010 [MQTT-3.10.1-1]
      0x0c, // remaining length 12
      0x00, 0x0a, // packet identifier 10
      0x00, 0x03, ...ascii('a/b'), // topic filter
      0x00, 0x03, ...ascii('c/d'), // topic filter
    ],
    packet: { type: 'unsubscribe', packetId: 10, topicFilters: ['a/b', 'c/d'] },
  },
  {
    name: 'MQTT 5 UNSUBSCRIBE with a user property (§3.10.2.1)',
    version: 5,
    bytes: [
      0xa2, // UNSUBSCRIBE
      0x0d, // remaining length 13
      0x00, 0x01, // packet identifier 1
      0x07, // property length 7
      0x26, ...str('u'), ...str('1'), // user property u = 1
      ...str('#'), // topic filter
    ],
    packet: { type: 'unsubscribe', packetId: 1, topicFilters: ['#'], properties: { userProperties: [['u', '1']] } },
  },
];

export const decodeErrors: DecodeError[] = [
  { name: 'rejects an UNSUBSCRIBE without topic filters [MQTT-3.10.3-2]', version: 4, bytes: [0xa2, 0x02, 0x00, 0x01], reasonCode: PROTOCOL_ERROR, rule: 'MQTT-3.10.3-2' },
  { name: 'rejects flags 0000 [MQTT-3.10.1-1] [MQTT-2.2.2-1]', version: 4, bytes: [0xa0, 0x05, 0x00, 0x01, ...str('a')], reasonCode: MALFORMED, rule: 'MQTT-2.2.2-1' },
  { name: 'rejects an empty topic filter [MQTT-4.7.3-1]', version: 4, bytes: [0xa2, 0x04, 0x00, 0x01, 0x00, 0x00], reasonCode: PROTOCOL_ERROR, rule: 'MQTT-4.7.3-1' },
];

export const encodeErrors: EncodeError[] = [
  { name: 'refuses an UNSUBSCRIBE without topic filters [MQTT-3.10.3-2]', version: 4, packet: { type: 'unsubscribe', packetId: 1, topicFilters: [] }, reasonCode: PROTOCOL_ERROR, rule: 'MQTT-3.10.3-2' },
  { name: 'refuses properties before MQTT 5 (§2.2.2)', version: 4, packet: { type: 'unsubscribe', packetId: 1, topicFilters: ['a'], properties: { userProperties: [['a', 'b']] } }, reasonCode: PROTOCOL_ERROR, rule: '§2.2.2' },
];
