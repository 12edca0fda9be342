// CONNACK (§3.2) byte vectors.
import { type DecodeError, type EncodeError, type Vector, MALFORMED, PROTOCOL_ERROR, str } from './vector.js';

export const vectors: Vector[] = [
  {
    name: 'connection accepted with a session present (§3.2.2.2)',
    version: 4,
    bytes: [
      0x20, // CONNACK
      0x02, // remaining length 2
      0x01, // acknowledge flags: session present
      0x00, // return code 0: accepted
    ],
    packet: { type: 'connack', sessionPresent: true, reasonCode: 0 },
  },
  {
    name: 'return code 5: not authorized (3.1.1 Table 3.1)',
    version: 4,
    bytes: [
      0x20, // CONNACK
      0x02, // remaining length 2
      0x00, // acknowledge flags: none
      0x05, // return code 5: not authorized
    ],
    packet: { type: 'connack', sessionPresent: false, reasonCode: 5 },
  },
  {
    name: 'MQTT 3.1 CONNACK has the same two bytes',
    version: 3,
    bytes: [0x20, 0x02, 0x00, 0x00], // CONNACK, remaining length 2, no flags, accepted
    packet: { type: 'connack', sessionPresent: false, reasonCode: 0 },
  },
  {
    name: 'MQTT 5 success with an empty property block (§3.2.2.3)',
    version: 5,
    bytes: [
      0x20, // CONNACK
      0x03, // remaining length 3
      0x01, // acknowledge flags: session present
      0x00, // reason code 0x00 Success
      0x00, // property length 0
    ],
    packet: { type: 'connack', sessionPresent: true, reasonCode: 0 },
  },
  {
    name: 'every CONNACK property (§3.2.2.3)',
    version: 5,
    bytes: [
      0x20, // CONNACK
      0x51, // remaining length 81
      0x00, // acknowledge flags: none
      0x00, // reason code 0x00 Success
      0x4e, // property length 78
      0x11, 0x00, 0x00, 0x00, 0x00, // session expiry interval 0
      0x21, 0x00, 0x64, // receive maximum 100
      0x24, 0x01, // maximum QoS 1
      0x25, 0x00, // retain available 0
      0x27, 0x10, 0x00, 0x00, 0x04, // maximum packet size 268435460
      0x12, ...str('auto-1'), // assigned client identifier
      0x22, 0x00, 0x10, // topic alias maximum 16
      0x1f, ...str('ok'), // reason string
      0x26, ...str('x'), ...str('y'), // user property x = y
      0x28, 0x01, // wildcard subscription available 1
      0x29, 0x00, // subscription identifiers available 0
      0x2a, 0x01, // shared subscription available 1
      0x13, 0x00, 0x1e, // server keep alive 30
      0x1a, ...str('resp/'), // response information
      0x1c, ...str('other'), // server reference
      0x15, ...str('SCRAM'), // authentication method
      0x16, 0x00, 0x01, 0xaa, // authentication data aa
    ],
    packet: {
      type: 'connack', sessionPresent: false, reasonCode: 0,
      properties: {
        sessionExpiryInterval: 0, receiveMaximum: 100, maximumQos: 1, retainAvailable: 0, maximumPacketSize: 268435460,
        assignedClientIdentifier: 'auto-1', topicAliasMaximum: 16, reasonString: 'ok', userProperties: [['x', 'y']],
        wildcardSubscriptionAvailable: 1, subscriptionIdentifiersAvailable: 0, sharedSubscriptionAvailable: 1,
        serverKeepAlive: 30, responseInformation: 'resp/', serverReference: 'other', authenticationMethod: 'SCRAM',
        authenticationData: Buffer.from([0xaa]),
      },
    },
  },
  {
    name: 'refusal 0x87 Not authorized with a reason string (§3.2.2.2)',
    version: 5,
    bytes: [
      0x20, // CONNACK
      0x08, // remaining length 8
      0x00, // acknowledge flags: none
      0x87, // reason code 0x87 Not authorized
      0x05, // property length 5
      0x1f, ...str('no'), // reason string
    ],
    packet: { type: 'connack', sessionPresent: false, reasonCode: 0x87, properties: { reasonString: 'no' } },
  },
];

export const decodeErrors: DecodeError[] = [
  { name: 'rejects reserved acknowledge flag bits [MQTT-3.2.2-1]', version: 4, bytes: [0x20, 0x02, 0x02, 0x00], reasonCode: MALFORMED, rule: 'MQTT-3.2.2-1' },
  { name: 'rejects Session Present with a refusal [MQTT-3.2.2-4]', version: 4, bytes: [0x20, 0x02, 0x01, 0x05], reasonCode: PROTOCOL_ERROR, rule: 'MQTT-3.2.2-4' },
  { name: 'rejects the reserved return code 6 [MQTT-3.2.2-6]', version: 4, bytes: [0x20, 0x02, 0x00, 0x06], reasonCode: PROTOCOL_ERROR, rule: 'MQTT-3.2.2-6' },
  { name: 'rejects reason code 0x10, not a CONNACK code (Table 2-6)', version: 5, bytes: [0x20, 0x03, 0x00, 0x10, 0x00], reasonCode: PROTOCOL_ERROR, rule: 'Table 2-6' },
  { name: 'rejects Maximum QoS 2 (§3.2.2.3.4)', version: 5, bytes: [0x20, 0x05, 0x00, 0x00, 0x02, 0x24, 0x02], reasonCode: PROTOCOL_ERROR, rule: '0 or 1' },
  { name: 'rejects a missing property length in MQTT 5 (§3.2.2.3.1)', version: 5, bytes: [0x20, 0x02, 0x00, 0x00], reasonCode: MALFORMED, rule: 'property length' },
  { name: 'rejects Remaining Length 3 in 3.1.1 (§3.2.1)', version: 4, bytes: [0x20, 0x03, 0x00, 0x00, 0x00], reasonCode: MALFORMED, rule: 'unexpected bytes' },
  { name: 'rejects fixed header flags 0001 [MQTT-2.2.2-1]', version: 4, bytes: [0x21, 0x02, 0x00, 0x00], reasonCode: MALFORMED, rule: 'MQTT-2.2.2-1' },
  { name: 'rejects Topic Alias, a property not valid in CONNACK (§2.2.2.2)', version: 5, bytes: [0x20, 0x06, 0x00, 0x00, 0x03, 0x23, 0x00, 0x01], reasonCode: MALFORMED, rule: '§2.2.2.2' },
];

const base = { type: 'connack', sessionPresent: false, reasonCode: 0 };
export const encodeErrors: EncodeError[] = [
  { name: 'refuses the reserved return code 6 [MQTT-3.2.2-6]', version: 4, packet: { ...base, reasonCode: 6 }, reasonCode: PROTOCOL_ERROR, rule: 'MQTT-3.2.2-6' },
  { name: 'refuses properties before MQTT 5 (§2.2.2)', version: 4, packet: { ...base, properties: { reasonString: 'x' } }, reasonCode: PROTOCOL_ERROR, rule: '§2.2.2' },
  { name: 'refuses Session Present with a refusal [MQTT-3.2.2-4]', version: 5, packet: { ...base, sessionPresent: true, reasonCode: 0x80 }, reasonCode: PROTOCOL_ERROR, rule: 'MQTT-3.2.2-4' },
  { name: 'refuses reason code 0x04, not a CONNACK code (Table 2-6)', version: 5, packet: { ...base, reasonCode: 0x04 }, reasonCode: PROTOCOL_ERROR, rule: 'Table 2-6' },
];
