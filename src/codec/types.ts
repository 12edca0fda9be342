// The packet model shared by the codec, the client engine and the broker.
// Field names follow the OASIS specs' terms in camelCase (MQTT 3.1.1 and 5.0 §3).

/** Protocol level byte of CONNECT: 3 = MQTT 3.1 ("MQIsdp"), 4 = 3.1.1, 5 = 5.0. */
export type ProtocolVersion = 3 | 4 | 5;

export type QoS = 0 | 1 | 2;

/**
 * MQTT 5 properties [MQTT-2.2.2]. Every property the spec defines, keyed by its
 * camelCase name (see `Property` in constants.ts for ids and wire types).
 * `userProperties` keeps order and duplicates [MQTT-3.3.2-18];
 * `subscriptionIdentifier` is a list because a PUBLISH from the server may carry
 * several [MQTT-3.3.4-3] (SUBSCRIBE carries at most one).
 */
export interface Properties {
  payloadFormatIndicator?: number;
  messageExpiryInterval?: number;
  contentType?: string;
  responseTopic?: string;
  correlationData?: Buffer;
  subscriptionIdentifier?: number[];
  sessionExpiryInterval?: number;
  assignedClientIdentifier?: string;
  serverKeepAlive?: number;
  authenticationMethod?: string;
  authenticationData?: Buffer;
  requestProblemInformation?: number;
  willDelayInterval?: number;
  requestResponseInformation?: number;
  responseInformation?: string;
  serverReference?: string;
  reasonString?: string;
  receiveMaximum?: number;
  topicAliasMaximum?: number;
  topicAlias?: number;
  maximumQos?: number;
  retainAvailable?: number;
  userProperties?: Array<[name: string, value: string]>;
  maximumPacketSize?: number;
  wildcardSubscriptionAvailable?: number;
  subscriptionIdentifiersAvailable?: number;
  sharedSubscriptionAvailable?: number;
}

export type PropertyName = keyof Properties;

export interface Will {
  topic: string;
  payload: Buffer;
  qos: QoS;
  retain: boolean;
  /** v5 will properties [MQTT-3.1.3.2]. */
  properties?: Properties;
}

export interface ConnectPacket {
  type: 'connect';
  protocolVersion: ProtocolVersion;
  /** 'MQTT' for 3.1.1 and 5; 'MQIsdp' for 3.1. Derived from the version when encoding. */
  protocolName?: string;
  clientId: string;
  /** Clean Session (3.1.1) / Clean Start (5) flag. */
  clean: boolean;
  /**
   * Bit 7 of the protocol level (0x83, 0x84): mosquitto's bridge marker (try_private), a
   * non-standard extension brokers use so the other side does not echo messages back.
   */
  bridge?: boolean;
  keepalive: number;
  username?: string;
  password?: Buffer;
  will?: Will;
  properties?: Properties;
}

export interface ConnackPacket {
  type: 'connack';
  sessionPresent: boolean;
  /** v3 return code (0-5) or v5 reason code. */
  reasonCode: number;
  properties?: Properties;
}

export interface PublishPacket {
  type: 'publish';
  topic: string;
  /** Decoded payloads are views into the received chunk (no copy). */
  payload: Buffer;
  qos: QoS;
  retain: boolean;
  dup: boolean;
  /** Present exactly when qos > 0 [MQTT-2.2.1-2]. */
  packetId?: number;
  properties?: Properties;
}

/** A message as an application publishes it: the PUBLISH fields the sender chooses. */
export type ApplicationMessage = Pick<PublishPacket, 'topic' | 'payload' | 'qos' | 'retain' | 'properties'>;

export type AckType = 'puback' | 'pubrec' | 'pubrel' | 'pubcomp';

export interface AckPacket<T extends AckType = AckType> {
  type: T;
  packetId: number;
  /** v5 only; absent means 0x00 success [MQTT-3.4.2.1]. */
  reasonCode?: number;
  properties?: Properties;
}
export type PubackPacket = AckPacket<'puback'>;
export type PubrecPacket = AckPacket<'pubrec'>;
export type PubrelPacket = AckPacket<'pubrel'>;
export type PubcompPacket = AckPacket<'pubcomp'>;

export interface Subscription {
  topicFilter: string;
  qos: QoS;
  /** v5 subscription options [MQTT-3.8.3.1]. */
  noLocal?: boolean;
  retainAsPublished?: boolean;
  retainHandling?: 0 | 1 | 2;
}

export interface SubscribePacket {
  type: 'subscribe';
  packetId: number;
  subscriptions: Subscription[];
  properties?: Properties;
}

export interface SubackPacket {
  type: 'suback';
  packetId: number;
  /** Granted QoS (0-2) or a failure code (0x80, v5 reason codes). */
  reasonCodes: number[];
  properties?: Properties;
}

export interface UnsubscribePacket {
  type: 'unsubscribe';
  packetId: number;
  topicFilters: string[];
  properties?: Properties;
}

export interface UnsubackPacket {
  type: 'unsuback';
  packetId: number;
  /** v5 only: one reason code per filter. */
  reasonCodes?: number[];
  properties?: Properties;
}

export interface PingreqPacket {
  type: 'pingreq';
}
export interface PingrespPacket {
  type: 'pingresp';
}

export interface DisconnectPacket {
  type: 'disconnect';
  /** v5 only; absent means 0x00 normal disconnection. */
  reasonCode?: number;
  properties?: Properties;
}

export interface AuthPacket {
  type: 'auth';
  /** v5 only; absent means 0x00 success. */
  reasonCode?: number;
  properties?: Properties;
}

export type Packet =
  | ConnectPacket
  | ConnackPacket
  | PublishPacket
  | PubackPacket
  | PubrecPacket
  | PubrelPacket
  | PubcompPacket
  | SubscribePacket
  | SubackPacket
  | UnsubscribePacket
  | UnsubackPacket
  | PingreqPacket
  | PingrespPacket
  | DisconnectPacket
  | AuthPacket;

export type PacketTypeName = Packet['type'];

/** One field of an encoded packet, for annotated hex dumps (see annotate.ts). */
export interface Span {
  /** Byte offset from the start of the packet (the fixed header byte is offset 0). */
  offset: number;
  length: number;
  /** Field name, e.g. 'fixed header', 'remaining length', 'topic name', 'property: content type'. */
  field: string;
  /** Decoded value as display text, e.g. '"a/b"', '1', '0x87 (Not authorized)'. */
  value?: string;
  /** Nesting depth: 0 for top-level fields, 1 inside a property block or subscription entry. */
  depth: number;
}
