// SUBSCRIBE (§3.8) byte vectors.
import { type DecodeError, type EncodeError, type Vector, MALFORMED, PROTOCOL_ERROR, ascii, str } from './vector.js';

export const vectors: Vector[] = [
  {
    name: '"a/b" QoS 1 and "c/d" QoS 2 from the 3.1.1 payload example (§3.8.3.1)',
    version: 4,
    bytes: [
      0x82, // SUBSCRIBE, flags 0010 [MQTT-3.8.1-1]
      0x0e, // remaining length 14
      0x00, 0x0a, // packet identifier 10
      0x00, 0x03, ...ascii('a/b'), // topic filter
      0x01, // requested QoS 1
      0x00, 0x03, ...ascii('c/d'), // topic filter
      0x02, // requested QoS 2
    ],
    packet: { type: 'subscribe', packetId: 10, subscriptions: [{ topicFilter: 'a/b', qos: 1 }, { topicFilter: 'c/d', qos: 2 }] },
  },
  {
    name: 'MQTT 3.1 SUBSCRIBE has the same layout',
    version: 3,
    bytes: [0x82, 0x08, 0x00, 0x01, ...str('a/#'), 0x00], // SUBSCRIBE, rl 8, id 1, 'a/#', QoS 0
    packet: { type: 'subscribe', packetId: 1, subscriptions: [{ topicFilter: 'a/#', qos: 0 }] },
  },
  {
    name: 'MQTT 5 subscription options and a Subscription Identifier (§3.8.2.1, §3.8.3.1)',
    version: 5,
    bytes: [
      0x82, // SUBSCRIBE
      0x1f, // remaining length 31
      0x00, 0x01, // packet identifier 1
      0x09, // property length 9
      0x0b, 0x0c, // subscription identifier 12
      0x26, ...str('k'), ...str('v'), // user property k = v
      ...str('a/+'), // topic filter
      0x2d, // options: QoS 1, No Local, Retain As Published, Retain Handling 2
      ...str('$share/g/t'), // topic filter (shared)
      0x12, // options: QoS 2, Retain Handling 1
    ],
    packet: {
      type: 'subscribe', packetId: 1,
      subscriptions: [
        { topicFilter: 'a/+', qos: 1, noLocal: true, retainAsPublished: true, retainHandling: 2 },
        { topicFilter: '$share/g/t', qos: 2, noLocal: false, retainAsPublished: false, retainHandling: 1 },
      ],
      properties: { subscriptionIdentifier: [12], userProperties: [['k', 'v']] },
    },
  },
  {
    name: 'MQTT 5 SUBSCRIBE with no properties and default options',
    version: 5,
    bytes: [
      0x82, // SUBSCRIBE
      0x07, // remaining length 7
      0x00, 0x02, // packet identifier 2
      0x00, // property length 0
      ...str('#'), // topic filter
      0x00, // options: QoS 0
    ],
    packet: { type: 'subscribe', packetId: 2, subscriptions: [{ topicFilter: '#', qos: 0, noLocal: false, retainAsPublished: false, retainHandling: 0 }] },
  },
];

/** A SUBSCRIBE with id 1 and one filter 'a' (v5: empty property block) and the given options byte. */
const v4With = (opts: number): number[] => [0x82, 0x06, 0x00, 0x01, ...str('a'), opts];
const v5With = (opts: number): number[] => [0x82, 0x07, 0x00, 0x01, 0x00, ...str('a'), opts];

export const decodeErrors: DecodeError[] = [
  { name: 'rejects flags 0000 [MQTT-3.8.1-1] [MQTT-2.2.2-1]', version: 4, bytes: [0x80, 0x06, 0x00, 0x01, ...str('a'), 0x00], reasonCode: MALFORMED, rule: 'MQTT-2.2.2-1' },
  { name: 'rejects a SUBSCRIBE without topic filters [MQTT-3.8.3-3]', version: 4, bytes: [0x82, 0x02, 0x00, 0x01], reasonCode: PROTOCOL_ERROR, rule: 'MQTT-3.8.3-3' },
  { name: 'rejects reserved bits in the requested QoS byte [MQTT-3-8.3-4]', version: 4, bytes: v4With(0x04), reasonCode: MALFORMED, rule: 'MQTT-3-8.3-4' },
  { name: 'rejects requested QoS 3 [MQTT-3-8.3-4]', version: 4, bytes: v4With(0x03), reasonCode: MALFORMED, rule: 'MQTT-3-8.3-4' },
  { name: 'rejects reserved subscription option bits [MQTT-3.8.3-5]', version: 5, bytes: v5With(0x40), reasonCode: MALFORMED, rule: 'MQTT-3.8.3-5' },
  { name: 'rejects Retain Handling 3 (§3.8.3.1)', version: 5, bytes: v5With(0x30), reasonCode: PROTOCOL_ERROR, rule: '§3.8.3.1' },
  { name: 'rejects Maximum QoS 3 (§3.8.3.1)', version: 5, bytes: v5With(0x03), reasonCode: PROTOCOL_ERROR, rule: '§3.8.3.1' },
  { name: 'rejects No Local on a shared subscription [MQTT-3.8.3-4]', version: 5, bytes: [0x82, 0x10, 0x00, 0x01, 0x00, ...str('$share/g/t'), 0x04], reasonCode: PROTOCOL_ERROR, rule: 'MQTT-3.8.3-4' },
  { name: 'rejects Subscription Identifier 0 (§3.8.2.1.2)', version: 5, bytes: [0x82, 0x09, 0x00, 0x01, 0x02, 0x0b, 0x00, ...str('a'), 0x00], reasonCode: PROTOCOL_ERROR, rule: '§3.8.2.1.2' },
  { name: 'rejects two Subscription Identifiers (§3.8.2.1.2)', version: 5, bytes: [0x82, 0x0b, 0x00, 0x01, 0x04, 0x0b, 0x01, 0x0b, 0x02, ...str('a'), 0x00], reasonCode: PROTOCOL_ERROR, rule: 'more than once' },
  { name: 'rejects an empty topic filter [MQTT-4.7.3-1]', version: 4, bytes: [0x82, 0x05, 0x00, 0x01, 0x00, 0x00, 0x00], reasonCode: PROTOCOL_ERROR, rule: 'MQTT-4.7.3-1' },
  { name: 'rejects a topic filter without its options byte (§3.8.3)', version: 4, bytes: [0x82, 0x05, 0x00, 0x01, ...str('a')], reasonCode: MALFORMED, rule: 'subscription options' },
  { name: 'rejects packet identifier 0 [MQTT-2.3.1-1]', version: 4, bytes: [0x82, 0x06, 0x00, 0x00, ...str('a'), 0x00], reasonCode: PROTOCOL_ERROR, rule: 'MQTT-2.3.1-1' },
  { name: 'rejects Topic Alias, a property not valid in SUBSCRIBE (§2.2.2.2)', version: 5, bytes: [0x82, 0x0a, 0x00, 0x01, 0x03, 0x23, 0x00, 0x01, ...str('a'), 0x00], reasonCode: MALFORMED, rule: '§2.2.2.2' },
];

const sub = { topicFilter: 'a', qos: 0 };
const base = { type: 'subscribe', packetId: 1, subscriptions: [sub] };
export const encodeErrors: EncodeError[] = [
  { name: 'refuses a SUBSCRIBE without topic filters [MQTT-3.8.3-3]', version: 4, packet: { ...base, subscriptions: [] }, reasonCode: PROTOCOL_ERROR, rule: 'MQTT-3.8.3-3' },
  { name: 'refuses No Local before MQTT 5 (§3.8.3.1)', version: 4, packet: { ...base, subscriptions: [{ ...sub, noLocal: true }] }, reasonCode: PROTOCOL_ERROR, rule: 'MQTT 5' },
  { name: 'refuses two Subscription Identifiers (§3.8.2.1.2)', version: 5, packet: { ...base, properties: { subscriptionIdentifier: [1, 2] } }, reasonCode: PROTOCOL_ERROR, rule: '§3.8.2.1.2' },
  { name: 'refuses QoS 3 [MQTT-3-8.3-4]', version: 4, packet: { ...base, subscriptions: [{ ...sub, qos: 3 }] }, reasonCode: MALFORMED, rule: 'MQTT-3-8.3-4' },
  { name: 'refuses Retain Handling 3 (§3.8.3.1)', version: 5, packet: { ...base, subscriptions: [{ ...sub, retainHandling: 3 }] }, reasonCode: PROTOCOL_ERROR, rule: '§3.8.3.1' },
  { name: 'refuses No Local on a shared subscription [MQTT-3.8.3-4]', version: 5, packet: { ...base, subscriptions: [{ ...sub, topicFilter: '$share/g/a', noLocal: true }] }, reasonCode: PROTOCOL_ERROR, rule: 'MQTT-3.8.3-4' },
  { name: 'refuses an empty topic filter [MQTT-4.7.3-1]', version: 4, packet: { ...base, subscriptions: [{ ...sub, topicFilter: '' }] }, reasonCode: PROTOCOL_ERROR, rule: 'MQTT-4.7.3-1' },
];
