// CONNACK (§3.2): acknowledge flags (Session Present), return / reason code, and in
// MQTT 5 a property block.
import { malformed, protocolError } from '../errors.js';
import { assertNoProperties, decodeProperties, propertiesLength, writeProperties } from '../properties.js';
import { type Reader, checkInt, varintSize } from '../primitives.js';
import { allocPacket } from '../packet-buffer.js';
import type { ConnackPacket, ProtocolVersion } from '../types.js';
import { checkReasonCode } from './fields.js';

export function decodeConnack(r: Reader, version: ProtocolVersion): ConnackPacket {
  const flags = r.u8('connect acknowledge flags');
  if (flags & 0xfe) throw malformed('CONNACK acknowledge flags bits 7-1 are reserved and MUST be 0 (§3.2.2.1, 5.0 [MQTT-3.2.2-1])');
  const reasonCode = checkCode(r.u8(version === 5 ? 'reason code' : 'return code'), version);
  const sessionPresent = flags === 1;
  checkSessionPresent(sessionPresent, reasonCode);
  const packet: ConnackPacket = { type: 'connack', sessionPresent, reasonCode };
  if (version === 5) {
    const properties = decodeProperties(r, 'connack');
    if (properties !== undefined) packet.properties = properties;
  }
  r.done('CONNACK');
  return packet;
}

function checkCode(code: number, version: ProtocolVersion): number {
  if (version === 5) return checkReasonCode('connack', code);
  // 6-255 are reserved (3.1.1 Table 3.1); a server with no fitting code closes instead [MQTT-3.2.2-6].
  if (code > 5) throw protocolError(`CONNACK return code ${code} is reserved; only 0-5 are defined (3.1.1 Table 3.1) [MQTT-3.2.2-6]`);
  return code;
}

function checkSessionPresent(sessionPresent: boolean, code: number): void {
  if (sessionPresent && code !== 0) {
    throw protocolError('CONNACK has Session Present with a non-zero return code [MQTT-3.2.2-4] (5.0 [MQTT-3.2.2-6])');
  }
}

export function encodeConnack(p: ConnackPacket, version: ProtocolVersion): Buffer {
  checkInt(p.reasonCode, 0, 0xff, 'CONNACK reason code');
  checkCode(p.reasonCode, version);
  checkSessionPresent(p.sessionPresent, p.reasonCode);
  let remaining = 2;
  let propsLen = 0;
  if (version === 5) {
    propsLen = propertiesLength(p.properties, 'connack');
    remaining += varintSize(propsLen) + propsLen;
  } else assertNoProperties(p.properties, 'CONNACK');
  const buf = allocPacket(0x20, remaining);
  let pos = buf.length - remaining;
  buf[pos++] = p.sessionPresent ? 1 : 0;
  buf[pos++] = p.reasonCode;
  if (version === 5) writeProperties(buf, pos, p.properties, propsLen);
  return buf;
}
