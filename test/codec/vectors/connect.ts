// CONNECT (§3.1) byte vectors.
import { type DecodeError, type EncodeError, type Vector, MALFORMED, PROTOCOL_ERROR, TOPIC_NAME_INVALID, ascii, str } from './vector.js';

const UNSUPPORTED_VERSION = 0x84;

export const vectors: Vector[] = [
  {
    name: "mosquitto's bridge marker: protocol level 0x84 is 3.1.1 with bit 7 set (try_private)",
    version: 4,
    bytes: [
      0x10, // CONNECT
      0x0d, // remaining length 13
      0x00, 0x04, ...ascii('MQTT'), // protocol name
      0x84, // protocol level 4 | 0x80 (bridge)
      0x02, // flags: clean session
      0x00, 0x3c, // keep alive 60 s
      0x00, 0x01, ...ascii('b'), // client identifier
    ],
    packet: { type: 'connect', protocolVersion: 4, protocolName: 'MQTT', clientId: 'b', clean: true, keepalive: 60, bridge: true },
  },
  {
    name: 'flags 0xCE and Keep Alive 10 from the 3.1.1 variable header example (§3.1.2.10)',
    version: 4,
    bytes: [
      0x10, // CONNECT
      0x24, // remaining length 36
      0x00, 0x04, ...ascii('MQTT'), // protocol name
      0x04, // protocol level 4 (3.1.1)
      0xce, // flags: user name, password, will QoS 1, will, clean session
      0x00, 0x0a, // keep alive 10 s
      0x00, 0x04, ...ascii('mqtk'), // client identifier
      0x00, 0x03, ...ascii('w/t'), // will topic
      0x00, 0x03, ...ascii('bye'), // will message
      0x00, 0x04, ...ascii('user'), // user name
      0x00, 0x02, ...ascii('pw'), // password
    ],
    packet: {
      type: 'connect', protocolVersion: 4, protocolName: 'MQTT', clientId: 'mqtk', clean: true, keepalive: 10,
      will: { topic: 'w/t', payload: Buffer.from('bye'), qos: 1, retain: false }, username: 'user', password: Buffer.from('pw'),
    },
  },
  {
    name: 'Session Expiry Interval 10 from the 5.0 variable header example (§3.1.2.12)',
    version: 5,
    bytes: [
      0x10, // CONNECT
      0x2b, // remaining length 43
      0x00, 0x04, ...ascii('MQTT'), // protocol name
      0x05, // protocol level 5
      0xce, // flags: user name, password, will QoS 1, will, clean start
      0x00, 0x0a, // keep alive 10 s
      0x05, // property length 5
      0x11, 0x00, 0x00, 0x00, 0x0a, // session expiry interval 10
      0x00, 0x04, ...ascii('mqtk'), // client identifier
      0x00, // will property length 0
      0x00, 0x03, ...ascii('w/t'), // will topic
      0x00, 0x03, ...ascii('bye'), // will payload
      0x00, 0x04, ...ascii('user'), // user name
      0x00, 0x02, ...ascii('pw'), // password
    ],
    packet: {
      type: 'connect', protocolVersion: 5, protocolName: 'MQTT', clientId: 'mqtk', clean: true, keepalive: 10,
      will: { topic: 'w/t', payload: Buffer.from('bye'), qos: 1, retain: false }, username: 'user', password: Buffer.from('pw'),
      properties: { sessionExpiryInterval: 10 },
    },
  },
  {
    name: 'MQTT 3.1 uses protocol name "MQIsdp" and level 3 [MQTT-3.1.2-1]',
    version: 3,
    bytes: [
      0x10, // CONNECT
      0x0f, // remaining length 15
      0x00, 0x06, ...ascii('MQIsdp'), // protocol name
      0x03, // protocol level 3
      0x02, // flags: clean session
      0x00, 0x3c, // keep alive 60 s
      0x00, 0x01, 0x63, // client identifier 'c'
    ],
    packet: { type: 'connect', protocolVersion: 3, protocolName: 'MQIsdp', clientId: 'c', clean: true, keepalive: 60 },
  },
  {
    name: 'a zero-length client identifier is allowed [MQTT-3.1.3-6]',
    version: 4,
    bytes: [
      0x10, // CONNECT
      0x0c, // remaining length 12
      0x00, 0x04, ...ascii('MQTT'), // protocol name
      0x04, // protocol level 4
      0x02, // flags: clean session
      0x00, 0x00, // keep alive 0 (off)
      0x00, 0x00, // client identifier ''
    ],
    packet: { type: 'connect', protocolVersion: 4, protocolName: 'MQTT', clientId: '', clean: true, keepalive: 0 },
  },
  {
    name: 'MQTT 5 allows a password without a user name (§3.1.2.9)',
    version: 5,
    bytes: [
      0x10, // CONNECT
      0x16, // remaining length 22
      0x00, 0x04, ...ascii('MQTT'), // protocol name
      0x05, // protocol level 5
      0x40, // flags: password only, clean start 0
      0x00, 0x1e, // keep alive 30 s
      0x00, // property length 0
      0x00, 0x01, 0x70, // client identifier 'p'
      0x00, 0x06, ...ascii('secret'), // password
    ],
    packet: { type: 'connect', protocolVersion: 5, protocolName: 'MQTT', clientId: 'p', clean: false, keepalive: 30, password: Buffer.from('secret') },
  },
  {
    name: 'every CONNECT and will property, will QoS 2 retained (§3.1.2.11, §3.1.3.2)',
    version: 5,
    bytes: [
      0x10, // CONNECT
      0x7d, // remaining length 125
      0x00, 0x04, ...ascii('MQTT'), // protocol name
      0x05, // protocol level 5
      0xb6, // flags: user name, will retain, will QoS 2, will, clean start
      0x00, 0x3c, // keep alive 60 s
      0x28, // property length 40
      0x11, 0x00, 0x00, 0x0e, 0x10, // session expiry interval 3600
      0x21, 0x00, 0x14, // receive maximum 20
      0x27, 0x00, 0x10, 0x00, 0x00, // maximum packet size 1048576
      0x22, 0x00, 0x0a, // topic alias maximum 10
      0x19, 0x01, // request response information 1
      0x17, 0x00, // request problem information 0
      0x26, ...str('a'), ...str('b'), // user property a = b
      0x15, ...str('PLAIN'), // authentication method
      0x16, 0x00, 0x02, 0x00, 0x01, // authentication data 00 01
      ...str('dev-1'), // client identifier
      0x28, // will property length 40
      0x18, 0x00, 0x00, 0x00, 0x05, // will delay interval 5
      0x01, 0x01, // payload format indicator 1
      0x02, 0x00, 0x00, 0x00, 0x64, // message expiry interval 100
      0x03, ...str('text/plain'), // content type
      0x08, ...str('r'), // response topic
      0x09, 0x00, 0x01, 0x63, // correlation data 'c'
      0x26, ...str('w'), ...str('1'), // user property w = 1
      ...str('dev/1/status'), // will topic
      ...str('offline'), // will payload
      ...str('u'), // user name
    ],
    packet: {
      type: 'connect', protocolVersion: 5, protocolName: 'MQTT', clientId: 'dev-1', clean: true, keepalive: 60,
      properties: {
        sessionExpiryInterval: 3600, receiveMaximum: 20, maximumPacketSize: 1048576, topicAliasMaximum: 10,
        requestResponseInformation: 1, requestProblemInformation: 0, userProperties: [['a', 'b']],
        authenticationMethod: 'PLAIN', authenticationData: Buffer.from([0, 1]),
      },
      will: {
        topic: 'dev/1/status', payload: Buffer.from('offline'), qos: 2, retain: true,
        properties: {
          willDelayInterval: 5, payloadFormatIndicator: 1, messageExpiryInterval: 100, contentType: 'text/plain',
          responseTopic: 'r', correlationData: Buffer.from('c'), userProperties: [['w', '1']],
        },
      },
      username: 'u',
    },
  },
];

/** A v4 CONNECT with client id 'c' and the given flags byte. */
const withFlags = (flags: number): number[] => [0x10, 0x0d, ...str('MQTT'), 0x04, flags, 0x00, 0x3c, ...str('c')];
/** A v5 CONNECT (clean start) with client id 'c' and the given property bytes. */
const withProps = (props: number[]): number[] => [0x10, 14 + props.length, ...str('MQTT'), 0x05, 0x02, 0x00, 0x3c, props.length, ...props, ...str('c')];

export const decodeErrors: DecodeError[] = [
  { name: 'rejects the reserved flag bit set [MQTT-3.1.2-3]', version: 4, bytes: withFlags(0x03), reasonCode: MALFORMED, rule: 'MQTT-3.1.2-3' },
  { name: 'rejects Will QoS without the Will Flag [MQTT-3.1.2-13]', version: 4, bytes: withFlags(0x0a), reasonCode: MALFORMED, rule: 'MQTT-3.1.2-13' },
  { name: 'rejects Will Retain without the Will Flag [MQTT-3.1.2-15]', version: 4, bytes: withFlags(0x22), reasonCode: MALFORMED, rule: 'MQTT-3.1.2-15' },
  { name: 'rejects Will QoS 3 [MQTT-3.1.2-14]', version: 4, bytes: withFlags(0x1e), reasonCode: MALFORMED, rule: 'MQTT-3.1.2-14' },
  { name: 'rejects a password without a user name in 3.1.1 [MQTT-3.1.2-22]', version: 4, bytes: withFlags(0x42), reasonCode: MALFORMED, rule: 'MQTT-3.1.2-22' },
  { name: 'rejects an unknown protocol name with 0x84 [MQTT-3.1.2-1]', version: 4, bytes: [0x10, 0x0d, ...str('MQTX'), 0x04, 0x02, 0x00, 0x3c, ...str('c')], reasonCode: UNSUPPORTED_VERSION, rule: 'MQTT-3.1.2-1' },
  { name: 'rejects protocol level 6 with 0x84 [MQTT-3.1.2-2]', version: 4, bytes: [0x10, 0x0d, ...str('MQTT'), 0x06, 0x02, 0x00, 0x3c, ...str('c')], reasonCode: UNSUPPORTED_VERSION, rule: 'MQTT-3.1.2-2' },
  { name: 'rejects "MQIsdp" with level 4 [MQTT-3.1.2-2]', version: 4, bytes: [0x10, 0x0f, ...str('MQIsdp'), 0x04, 0x02, 0x00, 0x3c, ...str('c')], reasonCode: UNSUPPORTED_VERSION, rule: 'MQTT-3.1.2-2' },
  { name: 'rejects bytes after the last field (§3.1.3)', version: 4, bytes: [0x10, 0x0e, ...str('MQTT'), 0x04, 0x02, 0x00, 0x3c, ...str('c'), 0x00], reasonCode: MALFORMED, rule: 'unexpected bytes' },
  { name: 'rejects fixed header flags 0001 [MQTT-2.2.2-1]', version: 4, bytes: [0x11, 0x0d, ...str('MQTT'), 0x04, 0x02, 0x00, 0x3c, ...str('c')], reasonCode: MALFORMED, rule: 'MQTT-2.2.2-1' },
  { name: 'rejects Topic Alias, a property not valid in CONNECT (§2.2.2.2)', version: 5, bytes: withProps([0x23, 0x00, 0x01]), reasonCode: MALFORMED, rule: '§2.2.2.2' },
  {
    name: 'rejects Session Expiry Interval among will properties (§3.1.3.2)', version: 5, reasonCode: MALFORMED, rule: 'will properties',
    bytes: [0x10, 0x19, ...str('MQTT'), 0x05, 0x06, 0x00, 0x3c, 0x00, ...str('c'), 0x05, 0x11, 0x00, 0x00, 0x00, 0x00, ...str('t'), 0x00, 0x00],
  },
  { name: 'rejects Receive Maximum 0 (§3.1.2.11.3)', version: 5, bytes: withProps([0x21, 0x00, 0x00]), reasonCode: PROTOCOL_ERROR, rule: 'at least 1' },
  { name: 'rejects Authentication Data without a method (§3.1.2.11.10)', version: 5, bytes: withProps([0x16, 0x00, 0x01, 0x00]), reasonCode: PROTOCOL_ERROR, rule: '§3.1.2.11.10' },
  { name: 'rejects Request Problem Information 2 (§3.1.2.11.7)', version: 5, bytes: withProps([0x17, 0x02]), reasonCode: PROTOCOL_ERROR, rule: '0 or 1' },
  {
    name: 'rejects a wildcard in the will topic [MQTT-3.3.2-2]', version: 4, reasonCode: TOPIC_NAME_INVALID, rule: 'MQTT-3.3.2-2',
    bytes: [0x10, 0x12, ...str('MQTT'), 0x04, 0x06, 0x00, 0x3c, ...str('c'), ...str('#'), 0x00, 0x00],
  },
  {
    name: 'rejects a Password Flag with no password bytes (§3.1.3.6)', version: 4, reasonCode: MALFORMED, rule: 'needs 2 bytes',
    bytes: [0x10, 0x10, ...str('MQTT'), 0x04, 0xc2, 0x00, 0x3c, ...str('c'), ...str('u')],
  },
];

const base = { type: 'connect', protocolVersion: 4, clientId: 'c', clean: true, keepalive: 60 };
const will = { topic: 't', payload: Buffer.alloc(0), qos: 0, retain: false };
export const encodeErrors: EncodeError[] = [
  { name: 'refuses a password without a user name in 3.1.1 [MQTT-3.1.2-22]', version: 4, packet: { ...base, password: Buffer.from('x') }, reasonCode: MALFORMED, rule: 'MQTT-3.1.2-22' },
  { name: 'refuses protocol level 6 [MQTT-3.1.2-2]', version: 4, packet: { ...base, protocolVersion: 6 }, reasonCode: UNSUPPORTED_VERSION, rule: 'MQTT-3.1.2-2' },
  { name: 'refuses properties before MQTT 5 (§2.2.2)', version: 4, packet: { ...base, properties: { sessionExpiryInterval: 1 } }, reasonCode: PROTOCOL_ERROR, rule: '§2.2.2' },
  { name: 'refuses Keep Alive 70000 (§3.1.2.10)', version: 4, packet: { ...base, keepalive: 70000 }, reasonCode: MALFORMED, rule: '0 to 65535' },
  { name: 'refuses a protocol name that does not match the level [MQTT-3.1.2-1]', version: 4, packet: { ...base, protocolName: 'MQIsdp' }, reasonCode: PROTOCOL_ERROR, rule: 'MQTT-3.1.2-1' },
  { name: 'refuses Will QoS 3 [MQTT-3.1.2-14]', version: 4, packet: { ...base, will: { ...will, qos: 3 } }, reasonCode: MALFORMED, rule: 'MQTT-3.1.2-14' },
  { name: 'refuses a wildcard in the will topic [MQTT-3.3.2-2]', version: 4, packet: { ...base, will: { ...will, topic: 'a/#' } }, reasonCode: TOPIC_NAME_INVALID, rule: 'MQTT-3.3.2-2' },
  { name: 'refuses will properties before MQTT 5 (§2.2.2)', version: 4, packet: { ...base, will: { ...will, properties: { contentType: 'x' } } }, reasonCode: PROTOCOL_ERROR, rule: '§2.2.2' },
  { name: 'refuses Topic Alias among will properties (§2.2.2.2)', version: 5, packet: { ...base, protocolVersion: 5, will: { ...will, properties: { topicAlias: 1 } } }, reasonCode: MALFORMED, rule: '§2.2.2.2' },
  { name: 'refuses Receive Maximum 0 (§3.1.2.11.3)', version: 5, packet: { ...base, protocolVersion: 5, properties: { receiveMaximum: 0 } }, reasonCode: PROTOCOL_ERROR, rule: 'at least 1' },
];
