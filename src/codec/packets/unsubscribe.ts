// UNSUBSCRIBE (§3.10): packet identifier, MQTT 5 properties, one or more topic filters.
import { protocolError } from '../errors.js';
import { assertNoProperties, decodeProperties, propertiesLength, writeProperties } from '../properties.js';
import { type Reader, varintSize, writeU16, writeUtf8 } from '../primitives.js';
import { allocPacket } from '../packet-buffer.js';
import { utf8Length } from '../utf8.js';
import type { ProtocolVersion, UnsubscribePacket } from '../types.js';
import { checkPacketId, readPacketId } from './fields.js';

export function decodeUnsubscribe(r: Reader, version: ProtocolVersion): UnsubscribePacket {
  const packetId = readPacketId(r, 'UNSUBSCRIBE');
  const properties = version === 5 ? decodeProperties(r, 'unsubscribe') : undefined;
  const topicFilters: string[] = [];
  while (r.pos < r.end) {
    const filter = r.utf8('topic filter');
    if (filter === '') throw protocolError('UNSUBSCRIBE topic filter is empty; it MUST be at least one character [MQTT-4.7.3-1]');
    topicFilters.push(filter);
  }
  if (topicFilters.length === 0) {
    throw protocolError('UNSUBSCRIBE has no topic filters; it MUST contain at least one [MQTT-3.10.3-2]');
  }
  const packet: UnsubscribePacket = { type: 'unsubscribe', packetId, topicFilters };
  if (properties !== undefined) packet.properties = properties;
  return packet;
}

export function encodeUnsubscribe(p: UnsubscribePacket, version: ProtocolVersion): Buffer {
  checkPacketId(p.packetId, 'UNSUBSCRIBE');
  const filters = p.topicFilters;
  if (filters.length === 0) throw protocolError('UNSUBSCRIBE needs at least one topic filter [MQTT-3.10.3-2]');
  const lens = filters.map((f) => {
    const len = utf8Length(f, 'topic filter');
    if (len === 0) throw protocolError('UNSUBSCRIBE topic filter is empty; it MUST be at least one character [MQTT-4.7.3-1]');
    return len;
  });
  let remaining = 2;
  for (const len of lens) remaining += 2 + len;
  let propsLen = 0;
  if (version === 5) {
    propsLen = propertiesLength(p.properties, 'unsubscribe');
    remaining += varintSize(propsLen) + propsLen;
  } else assertNoProperties(p.properties, 'UNSUBSCRIBE');
  const buf = allocPacket(0xa2, remaining);
  let pos = writeU16(buf, buf.length - remaining, p.packetId);
  if (version === 5) pos = writeProperties(buf, pos, p.properties, propsLen);
  for (let i = 0; i < filters.length; i++) pos = writeUtf8(buf, pos, filters[i]!, lens[i]!);
  return buf;
}
