// UNSUBACK (§3.11): a packet identifier; MQTT 5 adds properties and one reason code per
// topic filter of the UNSUBSCRIBE it answers.
import { protocolError } from '../errors.js';
import { assertNoProperties, decodeProperties, propertiesLength, writeProperties } from '../properties.js';
import { type Reader, checkInt, varintSize, writeU16 } from '../primitives.js';
import { allocPacket } from '../packet-buffer.js';
import type { ProtocolVersion, UnsubackPacket } from '../types.js';
import { checkPacketId, checkReasonCode, readPacketId } from './fields.js';

export function decodeUnsuback(r: Reader, version: ProtocolVersion): UnsubackPacket {
  const packetId = readPacketId(r, 'UNSUBACK');
  const packet: UnsubackPacket = { type: 'unsuback', packetId };
  if (version === 5) {
    const properties = decodeProperties(r, 'unsuback');
    const reasonCodes: number[] = [];
    while (r.pos < r.end) reasonCodes.push(checkReasonCode('unsuback', r.u8('reason code')));
    if (reasonCodes.length === 0) {
      throw protocolError('UNSUBACK has no reason codes; it MUST contain one per topic filter [MQTT-3.11.3-1]');
    }
    packet.reasonCodes = reasonCodes;
    if (properties !== undefined) packet.properties = properties;
  }
  r.done('UNSUBACK');
  return packet;
}

export function encodeUnsuback(p: UnsubackPacket, version: ProtocolVersion): Buffer {
  checkPacketId(p.packetId, 'UNSUBACK');
  let remaining = 2;
  let propsLen = 0;
  const codes = p.reasonCodes ?? [];
  if (version === 5) {
    if (codes.length === 0) throw protocolError('MQTT 5 UNSUBACK needs one reason code per topic filter [MQTT-3.11.3-1]');
    for (const code of codes) {
      checkInt(code, 0, 0xff, 'UNSUBACK reason code');
      checkReasonCode('unsuback', code);
    }
    propsLen = propertiesLength(p.properties, 'unsuback');
    remaining += varintSize(propsLen) + propsLen + codes.length;
  } else {
    if (codes.length > 0) throw protocolError('UNSUBACK reason codes need MQTT 5 (§3.11.3)');
    assertNoProperties(p.properties, 'UNSUBACK');
  }
  const buf = allocPacket(0xb0, remaining);
  let pos = writeU16(buf, buf.length - remaining, p.packetId);
  if (version === 5) {
    pos = writeProperties(buf, pos, p.properties, propsLen);
    for (const code of codes) buf[pos++] = code;
  }
  return buf;
}
