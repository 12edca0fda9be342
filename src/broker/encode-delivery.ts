// Encoding a PUBLISH for one subscriber. A message fanned out to many subscribers is
// encoded once per (protocol version, QoS, RETAIN) and the bytes are shared; QoS 1/2
// copies get their own Packet Identifier patched into a copy of those bytes. Only
// per-subscriber properties (Subscription Identifiers, a ticking Message Expiry, a topic
// alias) force an encode of their own.
import { encode } from '../codec/encode.js';
import type { Properties, ProtocolVersion, PublishPacket, QoS } from '../codec/types.js';
import { type BrokerMessage, remainingExpiry } from './message.js';

export interface DeliveryShape {
  qos: QoS;
  retain: boolean;
  dup: boolean;
  packetId: number;
  subscriptionIds: number[] | undefined;
  /** An outbound topic alias (topic-alias-out.ts); `aliasOnly` leaves the topic empty. */
  topicAlias?: number;
  aliasOnly?: boolean;
}

function toPacket(msg: BrokerMessage, version: ProtocolVersion, d: DeliveryShape, now: number): PublishPacket {
  const packet: PublishPacket = { type: 'publish', topic: d.aliasOnly ? '' : msg.topic, payload: msg.payload, qos: d.qos, retain: d.retain, dup: d.dup };
  if (d.qos > 0) packet.packetId = d.packetId;
  if (version === 5) {
    let props: Properties | undefined = msg.properties;
    if (msg.expiresAt !== 0 || d.subscriptionIds !== undefined || d.topicAlias !== undefined) {
      props = { ...props };
      if (msg.expiresAt !== 0) props.messageExpiryInterval = remainingExpiry(msg, now);
      if (d.subscriptionIds !== undefined) props.subscriptionIdentifier = d.subscriptionIds;
      if (d.topicAlias !== undefined) props.topicAlias = d.topicAlias;
    }
    if (props !== undefined) packet.properties = props;
  }
  return packet;
}

/** The PUBLISH as a packet object (for logs and traces of deliveries). */
export function toDeliveryPacket(msg: BrokerMessage, version: ProtocolVersion, d: DeliveryShape, now: number): PublishPacket {
  return toPacket(msg, version, d, now);
}

/** Offset of the Packet Identifier in an encoded PUBLISH (after the Topic Name). */
function packetIdOffset(buf: Buffer): number {
  let i = 1;
  while (buf[i]! & 0x80) i++;
  const header = i + 1;
  return header + 2 + buf.readUInt16BE(header);
}

/** Bytes of the PUBLISH for this delivery; shares the message's cached encoding when it can. */
export function encodeDelivery(msg: BrokerMessage, version: ProtocolVersion, d: DeliveryShape, now: number): Buffer {
  if ((d.subscriptionIds !== undefined || d.topicAlias !== undefined) && version === 5) return encode(toPacket(msg, version, d, now), version);
  if (msg.expiresAt !== 0 && version === 5) return encode(toPacket(msg, version, d, now), version);
  const slot = (version - 3) * 6 + d.qos * 2 + (d.retain ? 1 : 0);
  const cache = (msg.cache ??= []);
  let bytes = cache[slot];
  if (bytes === undefined) {
    bytes = encode(toPacket(msg, version, { ...d, dup: false, packetId: 1, subscriptionIds: undefined }, now), version);
    cache[slot] = bytes;
  }
  if (d.qos === 0) return bytes;
  const copy = Buffer.allocUnsafe(bytes.length);
  bytes.copy(copy);
  copy.writeUInt16BE(d.packetId, packetIdOffset(copy));
  if (d.dup) copy[0] = copy[0]! | 0x08;
  return copy;
}
