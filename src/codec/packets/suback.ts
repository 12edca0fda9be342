// SUBACK (§3.9): packet identifier, MQTT 5 properties, one return / reason code per
// subscription of the SUBSCRIBE it answers.
import { protocolError } from '../errors.js';
import { assertNoProperties, decodeProperties, propertiesLength, writeProperties } from '../properties.js';
import { type Reader, checkInt, varintSize, writeU16 } from '../primitives.js';
import { allocPacket } from '../packet-buffer.js';
import type { ProtocolVersion, SubackPacket } from '../types.js';
import { checkPacketId, checkReasonCode, readPacketId } from './fields.js';

function checkCode(code: number, version: ProtocolVersion): number {
  if (version === 5) return checkReasonCode('suback', code);
  if (code > 2 && code !== 0x80) {
    throw protocolError(`SUBACK return code 0x${code.toString(16)} is reserved; only 0x00-0x02 and 0x80 are allowed [MQTT-3.9.3-2]`);
  }
  return code;
}

export function decodeSuback(r: Reader, version: ProtocolVersion): SubackPacket {
  const packetId = readPacketId(r, 'SUBACK');
  const properties = version === 5 ? decodeProperties(r, 'suback') : undefined;
  const reasonCodes: number[] = [];
  while (r.pos < r.end) reasonCodes.push(checkCode(r.u8('return code'), version));
  if (reasonCodes.length === 0) {
    throw protocolError('SUBACK has no return codes; it MUST contain one per topic filter [MQTT-3.8.4-5]');
  }
  const packet: SubackPacket = { type: 'suback', packetId, reasonCodes };
  if (properties !== undefined) packet.properties = properties;
  return packet;
}

export function encodeSuback(p: SubackPacket, version: ProtocolVersion): Buffer {
  checkPacketId(p.packetId, 'SUBACK');
  const codes = p.reasonCodes;
  if (codes.length === 0) throw protocolError('SUBACK needs one return code per topic filter [MQTT-3.8.4-5]');
  for (const code of codes) {
    checkInt(code, 0, 0xff, 'SUBACK return code');
    checkCode(code, version);
  }
  let remaining = 2 + codes.length;
  let propsLen = 0;
  if (version === 5) {
    propsLen = propertiesLength(p.properties, 'suback');
    remaining += varintSize(propsLen) + propsLen;
  } else assertNoProperties(p.properties, 'SUBACK');
  const buf = allocPacket(0x90, remaining);
  let pos = writeU16(buf, buf.length - remaining, p.packetId);
  if (version === 5) pos = writeProperties(buf, pos, p.properties, propsLen);
  for (const code of codes) buf[pos++] = code;
  return buf;
}
