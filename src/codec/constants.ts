// Protocol tables. Each is written once, as data, and everything else is derived
// from it: the property table drives property decode, encode, `-D` parsing and trace
// labels; the reason-code table drives reason-code validation and trace labels.
import type { PacketTypeName, PropertyName } from './types.js';

/** Control packet type → the 4-bit value in the fixed header (MQTT 5 Table 2-1). */
export const PacketType = {
  connect: 1,
  connack: 2,
  publish: 3,
  puback: 4,
  pubrec: 5,
  pubrel: 6,
  pubcomp: 7,
  subscribe: 8,
  suback: 9,
  unsubscribe: 10,
  unsuback: 11,
  pingreq: 12,
  pingresp: 13,
  disconnect: 14,
  auth: 15,
} as const satisfies Record<PacketTypeName, number>;

/** Inverse of `PacketType`: index 0 is reserved (forbidden) and stays undefined. */
export const PacketTypeById: ReadonlyArray<PacketTypeName | undefined> = (() => {
  const byId: Array<PacketTypeName | undefined> = new Array(16).fill(undefined);
  for (const [name, id] of Object.entries(PacketType)) byId[id] = name as PacketTypeName;
  return byId;
})();

/**
 * Required low nibble of the fixed header. PUBREL, SUBSCRIBE and UNSUBSCRIBE carry
 * 0b0010, every other type 0b0000; PUBLISH flags are DUP/QoS/RETAIN and not listed
 * ([MQTT-2.2.2-1] in 3.1.1, [MQTT-2.1.3-1] in 5.0).
 */
export const ReservedFlags: ReadonlyArray<number | undefined> = [
  undefined, 0, 0, undefined, 0, 0, 2, 0, 2, 0, 2, 0, 0, 0, 0, 0,
];

/** MQTT 3.1/3.1.1 CONNACK return codes (3.1.1 Table 3.1); 6-255 are reserved. */
export const ConnackReturnCodeNames: Readonly<Record<number, string>> = {
  0: 'Connection Accepted',
  1: 'Connection Refused, unacceptable protocol version',
  2: 'Connection Refused, identifier rejected',
  3: 'Connection Refused, Server unavailable',
  4: 'Connection Refused, bad user name or password',
  5: 'Connection Refused, not authorized',
};

/** Packets that carry a reason code in MQTT 5 (Table 2-6, "MQTT Control Packets"). */
export type ReasonCodePacket =
  | 'connack' | 'puback' | 'pubrec' | 'pubrel' | 'pubcomp' | 'suback' | 'unsuback' | 'disconnect' | 'auth';

type ReasonCodeDef = readonly [code: number, name: string, packets: readonly ReasonCodePacket[]];

const C = 'connack', PA = 'puback', RC = 'pubrec', RL = 'pubrel', PC = 'pubcomp';
const SA = 'suback', UA = 'unsuback', D = 'disconnect', A = 'auth';

/**
 * Every MQTT 5 reason code with its spec name and the packets it may appear in
 * (Table 2-6). 0x00 has three names depending on the packet, hence three rows.
 */
const reasonCodeRows: readonly ReasonCodeDef[] = [
  [0x00, 'Success', [C, PA, RC, RL, PC, UA, A]],
  [0x00, 'Normal disconnection', [D]],
  [0x00, 'Granted QoS 0', [SA]],
  [0x01, 'Granted QoS 1', [SA]],
  [0x02, 'Granted QoS 2', [SA]],
  [0x04, 'Disconnect with Will Message', [D]],
  [0x10, 'No matching subscribers', [PA, RC]],
  [0x11, 'No subscription existed', [UA]],
  [0x18, 'Continue authentication', [A]],
  [0x19, 'Re-authenticate', [A]],
  [0x80, 'Unspecified error', [C, PA, RC, SA, UA, D]],
  [0x81, 'Malformed Packet', [C, D]],
  [0x82, 'Protocol Error', [C, D]],
  [0x83, 'Implementation specific error', [C, PA, RC, SA, UA, D]],
  [0x84, 'Unsupported Protocol Version', [C]],
  [0x85, 'Client Identifier not valid', [C]],
  [0x86, 'Bad User Name or Password', [C]],
  [0x87, 'Not authorized', [C, PA, RC, SA, UA, D]],
  [0x88, 'Server unavailable', [C]],
  [0x89, 'Server busy', [C, D]],
  [0x8a, 'Banned', [C]],
  [0x8b, 'Server shutting down', [D]],
  [0x8c, 'Bad authentication method', [C, D]],
  [0x8d, 'Keep Alive timeout', [D]],
  [0x8e, 'Session taken over', [D]],
  [0x8f, 'Topic Filter invalid', [SA, UA, D]],
  [0x90, 'Topic Name invalid', [C, PA, RC, D]],
  [0x91, 'Packet Identifier in use', [PA, RC, SA, UA]],
  [0x92, 'Packet Identifier not found', [RL, PC]],
  [0x93, 'Receive Maximum exceeded', [D]],
  [0x94, 'Topic Alias invalid', [D]],
  [0x95, 'Packet too large', [C, D]],
  [0x96, 'Message rate too high', [D]],
  [0x97, 'Quota exceeded', [C, PA, RC, SA, D]],
  [0x98, 'Administrative action', [D]],
  [0x99, 'Payload format invalid', [C, PA, RC, D]],
  [0x9a, 'Retain not supported', [C, D]],
  [0x9b, 'QoS not supported', [C, D]],
  [0x9c, 'Use another server', [C, D]],
  [0x9d, 'Server moved', [C, D]],
  [0x9e, 'Shared Subscriptions not supported', [SA, D]],
  [0x9f, 'Connection rate exceeded', [C, D]],
  [0xa0, 'Maximum connect time', [D]],
  [0xa1, 'Subscription Identifiers not supported', [SA, D]],
  [0xa2, 'Wildcard Subscriptions not supported', [SA, D]],
];

/** MQTT 5 reason codes by PascalCase spec name. */
export const ReasonCode = {
  Success: 0x00, NormalDisconnection: 0x00, GrantedQoS0: 0x00, GrantedQoS1: 0x01, GrantedQoS2: 0x02,
  DisconnectWithWillMessage: 0x04, NoMatchingSubscribers: 0x10, NoSubscriptionExisted: 0x11,
  ContinueAuthentication: 0x18, ReAuthenticate: 0x19, UnspecifiedError: 0x80, MalformedPacket: 0x81,
  ProtocolError: 0x82, ImplementationSpecificError: 0x83, UnsupportedProtocolVersion: 0x84,
  ClientIdentifierNotValid: 0x85, BadUserNameOrPassword: 0x86, NotAuthorized: 0x87, ServerUnavailable: 0x88,
  ServerBusy: 0x89, Banned: 0x8a, ServerShuttingDown: 0x8b, BadAuthenticationMethod: 0x8c,
  KeepAliveTimeout: 0x8d, SessionTakenOver: 0x8e, TopicFilterInvalid: 0x8f, TopicNameInvalid: 0x90,
  PacketIdentifierInUse: 0x91, PacketIdentifierNotFound: 0x92, ReceiveMaximumExceeded: 0x93,
  TopicAliasInvalid: 0x94, PacketTooLarge: 0x95, MessageRateTooHigh: 0x96, QuotaExceeded: 0x97,
  AdministrativeAction: 0x98, PayloadFormatInvalid: 0x99, RetainNotSupported: 0x9a, QoSNotSupported: 0x9b,
  UseAnotherServer: 0x9c, ServerMoved: 0x9d, SharedSubscriptionsNotSupported: 0x9e,
  ConnectionRateExceeded: 0x9f, MaximumConnectTime: 0xa0, SubscriptionIdentifiersNotSupported: 0xa1,
  WildcardSubscriptionsNotSupported: 0xa2,
} as const;

const reasonCodeMasks: Readonly<Record<ReasonCodePacket, Uint8Array>> = (() => {
  const masks = {} as Record<ReasonCodePacket, Uint8Array>;
  for (const [code, , packets] of reasonCodeRows) {
    for (const p of packets) (masks[p] ??= new Uint8Array(256))[code] = 1;
  }
  return masks;
})();

/** Whether `code` is one of the reason codes MQTT 5 allows in `packet` (Table 2-6). */
export function isReasonCodeAllowed(packet: ReasonCodePacket, code: number): boolean {
  return reasonCodeMasks[packet][code] === 1;
}

/**
 * The spec name of an MQTT 5 reason code, e.g. 0x87 → 'Not authorized'. With a packet
 * type, 0x00 gets that packet's name ('Normal disconnection' in DISCONNECT, 'Granted
 * QoS 0' in SUBACK). Unknown codes get 'Unknown reason code 0x..'.
 */
export function reasonCodeName(code: number, packet?: PacketTypeName): string {
  for (const [c, name, packets] of reasonCodeRows) {
    if (c === code && (packet === undefined || (packets as readonly string[]).includes(packet))) return name;
  }
  if (packet !== undefined) {
    for (const [c, name] of reasonCodeRows) if (c === code) return name;
  }
  return `Unknown reason code 0x${code.toString(16).padStart(2, '0')}`;
}

/** Where a property may appear: a packet type, or 'will' for CONNECT will properties. */
export type PropertyContext =
  | 'connect' | 'connack' | 'publish' | 'puback' | 'pubrec' | 'pubrel' | 'pubcomp' | 'subscribe' | 'suback'
  | 'unsubscribe' | 'unsuback' | 'disconnect' | 'auth' | 'will';

/** Wire data types of properties (MQTT 5 §1.5). */
export type PropertyWireType = 'byte' | 'u16' | 'u32' | 'varint' | 'string' | 'binary' | 'string-pair';

export interface PropertyDef {
  /** Identifier byte (MQTT 5 Table 2-4). */
  readonly id: number;
  /** Key in `Properties`. */
  readonly key: PropertyName;
  /** mosquitto's `-D` name, also used for trace labels. */
  readonly name: string;
  readonly type: PropertyWireType;
  readonly packets: readonly PropertyContext[];
  /** Contexts in which the property may appear more than once; elsewhere twice is a Protocol Error. */
  readonly repeatIn?: readonly PropertyContext[];
  /** Smallest legal value; below it is a Protocol Error (e.g. Receive Maximum 0). */
  readonly min?: number;
  /** Largest legal value; above it is a Protocol Error (e.g. Maximum QoS 2). */
  readonly max?: number;
}

const ACKS = ['puback', 'pubrec', 'pubrel', 'pubcomp'] as const;
const ALL_USER = [
  'connect', 'connack', 'publish', 'will', ...ACKS, 'subscribe', 'suback', 'unsubscribe', 'unsuback', 'disconnect', 'auth',
] as const;

/**
 * Every MQTT 5 property (Table 2-4, §3.x.2.x for the value rules), keyed by its
 * `Properties` key. min/max record the "It is a Protocol Error to ... have a value
 * other than 0 or 1" and "... value of 0" sentences of each property's section.
 */
export const Property = {
  payloadFormatIndicator: { id: 0x01, key: 'payloadFormatIndicator', name: 'payload-format-indicator', type: 'byte', packets: ['publish', 'will'] },
  messageExpiryInterval: { id: 0x02, key: 'messageExpiryInterval', name: 'message-expiry-interval', type: 'u32', packets: ['publish', 'will'] },
  contentType: { id: 0x03, key: 'contentType', name: 'content-type', type: 'string', packets: ['publish', 'will'] },
  responseTopic: { id: 0x08, key: 'responseTopic', name: 'response-topic', type: 'string', packets: ['publish', 'will'] },
  correlationData: { id: 0x09, key: 'correlationData', name: 'correlation-data', type: 'binary', packets: ['publish', 'will'] },
  subscriptionIdentifier: { id: 0x0b, key: 'subscriptionIdentifier', name: 'subscription-identifier', type: 'varint', packets: ['publish', 'subscribe'], repeatIn: ['publish'], min: 1 },
  sessionExpiryInterval: { id: 0x11, key: 'sessionExpiryInterval', name: 'session-expiry-interval', type: 'u32', packets: ['connect', 'connack', 'disconnect'] },
  assignedClientIdentifier: { id: 0x12, key: 'assignedClientIdentifier', name: 'assigned-client-identifier', type: 'string', packets: ['connack'] },
  serverKeepAlive: { id: 0x13, key: 'serverKeepAlive', name: 'server-keep-alive', type: 'u16', packets: ['connack'] },
  authenticationMethod: { id: 0x15, key: 'authenticationMethod', name: 'authentication-method', type: 'string', packets: ['connect', 'connack', 'auth'] },
  authenticationData: { id: 0x16, key: 'authenticationData', name: 'authentication-data', type: 'binary', packets: ['connect', 'connack', 'auth'] },
  requestProblemInformation: { id: 0x17, key: 'requestProblemInformation', name: 'request-problem-information', type: 'byte', packets: ['connect'], max: 1 },
  willDelayInterval: { id: 0x18, key: 'willDelayInterval', name: 'will-delay-interval', type: 'u32', packets: ['will'] },
  requestResponseInformation: { id: 0x19, key: 'requestResponseInformation', name: 'request-response-information', type: 'byte', packets: ['connect'], max: 1 },
  responseInformation: { id: 0x1a, key: 'responseInformation', name: 'response-information', type: 'string', packets: ['connack'] },
  serverReference: { id: 0x1c, key: 'serverReference', name: 'server-reference', type: 'string', packets: ['connack', 'disconnect'] },
  reasonString: { id: 0x1f, key: 'reasonString', name: 'reason-string', type: 'string', packets: ['connack', ...ACKS, 'suback', 'unsuback', 'disconnect', 'auth'] },
  receiveMaximum: { id: 0x21, key: 'receiveMaximum', name: 'receive-maximum', type: 'u16', packets: ['connect', 'connack'], min: 1 },
  topicAliasMaximum: { id: 0x22, key: 'topicAliasMaximum', name: 'topic-alias-maximum', type: 'u16', packets: ['connect', 'connack'] },
  topicAlias: { id: 0x23, key: 'topicAlias', name: 'topic-alias', type: 'u16', packets: ['publish'], min: 1 },
  maximumQos: { id: 0x24, key: 'maximumQos', name: 'maximum-qos', type: 'byte', packets: ['connack'], max: 1 },
  retainAvailable: { id: 0x25, key: 'retainAvailable', name: 'retain-available', type: 'byte', packets: ['connack'], max: 1 },
  userProperties: { id: 0x26, key: 'userProperties', name: 'user-property', type: 'string-pair', packets: ALL_USER, repeatIn: ALL_USER },
  maximumPacketSize: { id: 0x27, key: 'maximumPacketSize', name: 'maximum-packet-size', type: 'u32', packets: ['connect', 'connack'], min: 1 },
  wildcardSubscriptionAvailable: { id: 0x28, key: 'wildcardSubscriptionAvailable', name: 'wildcard-subscription-available', type: 'byte', packets: ['connack'], max: 1 },
  subscriptionIdentifiersAvailable: { id: 0x29, key: 'subscriptionIdentifiersAvailable', name: 'subscription-identifier-available', type: 'byte', packets: ['connack'], max: 1 },
  sharedSubscriptionAvailable: { id: 0x2a, key: 'sharedSubscriptionAvailable', name: 'shared-subscription-available', type: 'byte', packets: ['connack'], max: 1 },
} as const satisfies { [K in PropertyName]: PropertyDef & { key: K } };

const propertyDefs: readonly PropertyDef[] = Object.values(Property);

/** Property by identifier byte (index = id); holes are unassigned identifiers. */
export const PropertyById: ReadonlyArray<PropertyDef | undefined> = (() => {
  const byId: Array<PropertyDef | undefined> = new Array(0x2b).fill(undefined);
  for (const def of propertyDefs) byId[def.id] = def;
  return byId;
})();

/** Property by `Properties` key (same objects as `Property`, typed for lookups by string). */
export const PropertyByKey: ReadonlyMap<string, PropertyDef> = new Map(propertyDefs.map((d) => [d.key, d]));

/** Property by mosquitto `-D` name, e.g. 'user-property' (mosquitto matches case-insensitively: lower-case first). */
export const PropertyByName: ReadonlyMap<string, PropertyDef> = new Map(propertyDefs.map((d) => [d.name, d]));
