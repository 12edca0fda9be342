// DISCONNECT (§3.14). Before MQTT 5 it is a bare fixed header; MQTT 5 adds a reason
// code and properties, each omitted when there is nothing to say (§3.14.2.1): a
// Remaining Length of 0 means 0x00 Normal disconnection, under 2 means no properties.
import { assertNoProperties, decodeProperties, propertiesLength, writeProperties } from '../properties.js';
import { type Reader, checkInt, varintSize } from '../primitives.js';
import { allocPacket } from '../packet-buffer.js';
import type { AuthPacket, DisconnectPacket, ProtocolVersion } from '../types.js';
import { assertNoReasonCode, checkReasonCode } from './fields.js';

export function decodeDisconnect(r: Reader, version: ProtocolVersion): DisconnectPacket {
  const packet: DisconnectPacket = { type: 'disconnect' };
  if (version === 5) decodeReasonAndProperties(r, packet);
  r.done('DISCONNECT');
  return packet;
}

/** Shared with AUTH (§3.15.2), which has the same optional layout. */
export function decodeReasonAndProperties(r: Reader, packet: DisconnectPacket | AuthPacket): void {
  packet.reasonCode = r.pos < r.end ? checkReasonCode(packet.type, r.u8('reason code')) : 0;
  if (r.pos < r.end) {
    const properties = decodeProperties(r, packet.type);
    if (properties !== undefined) packet.properties = properties;
  }
}

export function encodeDisconnect(p: DisconnectPacket, version: ProtocolVersion): Buffer {
  if (version === 5) return encodeReasonAndProperties(p, 0xe0);
  assertNoReasonCode(p.reasonCode, 'DISCONNECT');
  assertNoProperties(p.properties, 'DISCONNECT');
  return allocPacket(0xe0, 0);
}

/** The shortest legal form: nothing, the reason code alone, or both. */
export function encodeReasonAndProperties(p: DisconnectPacket | AuthPacket, byte1: number): Buffer {
  const name = p.type.toUpperCase();
  const code = p.reasonCode ?? 0;
  checkInt(code, 0, 0xff, `${name} reason code`);
  checkReasonCode(p.type, code);
  const propsLen = propertiesLength(p.properties, p.type);
  const remaining = propsLen > 0 ? 1 + varintSize(propsLen) + propsLen : code !== 0 ? 1 : 0;
  const buf = allocPacket(byte1, remaining);
  const pos = buf.length - remaining;
  if (remaining > 0) buf[pos] = code;
  if (propsLen > 0) writeProperties(buf, pos + 1, p.properties, propsLen);
  return buf;
}
