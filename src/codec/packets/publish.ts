// PUBLISH (§3.3): flags DUP/QoS/RETAIN, Topic Name, Packet Identifier when QoS > 0,
// v5 properties, and the payload: the rest of the packet, returned as a view.
import { malformed, protocolError } from '../errors.js';
import { decodeProperties, propertiesLength, writeProperties, assertNoProperties } from '../properties.js';
import { type Reader, varintSize, writeU16, writeUtf8 } from '../primitives.js';
import { allocPacket } from '../packet-buffer.js';
import { topicNameLength } from '../utf8.js';
import type { ProtocolVersion, PublishPacket, QoS } from '../types.js';
import { checkPacketId, readPacketId } from './fields.js';

export function decodePublish(r: Reader, flags: number, version: ProtocolVersion): PublishPacket {
  const qos = (flags >> 1) & 3;
  if (qos === 3) throw malformed('PUBLISH has both QoS bits set (QoS 3) [MQTT-3.3.1-4]');
  const dup = (flags & 8) !== 0;
  if (dup && qos === 0) throw malformed('PUBLISH has DUP set with QoS 0 [MQTT-3.3.1-2]');
  const topic = r.topicName('topic name');
  const packetId = qos === 0 ? undefined : readPacketId(r, 'PUBLISH');
  const properties = version === 5 ? decodeProperties(r, 'publish') : undefined;
  if (topic === '') checkEmptyTopic(version, properties?.topicAlias);
  const packet: PublishPacket = { type: 'publish', topic, payload: r.rest(), qos: qos as QoS, retain: (flags & 1) !== 0, dup };
  if (packetId !== undefined) packet.packetId = packetId;
  if (properties !== undefined) packet.properties = properties;
  return packet;
}

function checkEmptyTopic(version: ProtocolVersion, topicAlias: number | undefined): void {
  if (version < 5) throw protocolError('PUBLISH topic name is empty; it MUST be at least one character [MQTT-4.7.3-1]');
  if (topicAlias === undefined) {
    throw protocolError('PUBLISH topic name is empty and there is no Topic Alias (§3.3.2.1) [MQTT-4.7.3-1]');
  }
}

/**
 * The whole packet's size in bytes (fixed header included), without encoding it: what a
 * sender compares with the peer's Maximum Packet Size [MQTT-3.2.2-15] [MQTT-3.1.2-24].
 */
export function publishSize(p: Pick<PublishPacket, 'topic' | 'payload' | 'qos' | 'properties'>, version: ProtocolVersion): number {
  let remaining = 2 + topicNameLength(p.topic, 'topic name') + p.payload.length + (p.qos === 0 ? 0 : 2);
  if (version === 5) {
    const propsLen = propertiesLength(p.properties, 'publish');
    remaining += varintSize(propsLen) + propsLen;
  }
  return 1 + varintSize(remaining) + remaining;
}

export function encodePublish(p: PublishPacket, version: ProtocolVersion): Buffer {
  const qos = p.qos;
  if (qos !== 0 && qos !== 1 && qos !== 2) throw malformed(`PUBLISH QoS must be 0, 1 or 2, got ${String(qos)} [MQTT-3.3.1-4]`);
  if (p.dup && qos === 0) throw malformed('PUBLISH with QoS 0 must not set DUP [MQTT-3.3.1-2]');
  const topicLen = topicNameLength(p.topic, 'topic name');
  const payload = p.payload;
  let remaining = 2 + topicLen + payload.length;
  if (qos !== 0) {
    checkPacketId(p.packetId, 'PUBLISH');
    remaining += 2;
  } else if (p.packetId !== undefined) {
    throw protocolError('PUBLISH with QoS 0 must not carry a packet identifier [MQTT-2.3.1-5]');
  }
  let propsLen = 0;
  if (version === 5) {
    propsLen = propertiesLength(p.properties, 'publish');
    remaining += varintSize(propsLen) + propsLen;
  } else assertNoProperties(p.properties, 'PUBLISH');
  if (topicLen === 0) checkEmptyTopic(version, p.properties?.topicAlias);
  const buf = allocPacket(0x30 | (p.dup ? 8 : 0) | (qos << 1) | (p.retain ? 1 : 0), remaining);
  let pos = writeUtf8(buf, buf.length - remaining, p.topic, topicLen);
  if (qos !== 0) pos = writeU16(buf, pos, p.packetId!);
  if (version === 5) pos = writeProperties(buf, pos, p.properties, propsLen);
  buf.set(payload, pos);
  return buf;
}
