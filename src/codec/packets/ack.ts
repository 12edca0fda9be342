// PUBACK, PUBREC, PUBREL, PUBCOMP (§3.4-§3.7): a packet identifier and, in MQTT 5, a
// reason code and properties that are both omitted when there is nothing to say.
import { assertNoProperties, decodeProperties, propertiesLength, writeProperties } from '../properties.js';
import { type Reader, checkInt, varintSize, writeU16 } from '../primitives.js';
import { allocPacket } from '../packet-buffer.js';
import type { AckPacket, AckType, ProtocolVersion } from '../types.js';
import { assertNoReasonCode, checkPacketId, checkReasonCode, readPacketId } from './fields.js';

const FIRST_BYTE: Record<AckType, number> = { puback: 0x40, pubrec: 0x50, pubrel: 0x62, pubcomp: 0x70 };

/**
 * MQTT 5: "The Reason Code and Property Length can be omitted if the Reason Code is
 * 0x00 (Success) and there are no Properties"; with a Remaining Length under 4 there is
 * no Property Length (§3.4.2.1, §3.4.2.2). A decoded v5 ack always has `reasonCode`.
 */
export function decodeAck<T extends AckType>(r: Reader, type: T, version: ProtocolVersion): AckPacket<T> {
  const name = type.toUpperCase();
  const packet: AckPacket<T> = { type, packetId: readPacketId(r, name) };
  if (version === 5) {
    packet.reasonCode = r.pos < r.end ? checkReasonCode(type, r.u8('reason code')) : 0;
    if (r.pos < r.end) {
      const properties = decodeProperties(r, type);
      if (properties !== undefined) packet.properties = properties;
    }
  }
  r.done(name);
  return packet;
}

/** Encodes the shortest legal form: 2 bytes for a plain success. */
export function encodeAck(p: AckPacket, version: ProtocolVersion): Buffer {
  const name = p.type.toUpperCase();
  checkPacketId(p.packetId, name);
  const code = p.reasonCode ?? 0;
  let remaining = 2;
  let propsLen = 0;
  if (version === 5) {
    checkInt(code, 0, 0xff, `${name} reason code`);
    checkReasonCode(p.type, code);
    propsLen = propertiesLength(p.properties, p.type);
    if (propsLen > 0) remaining += 1 + varintSize(propsLen) + propsLen;
    else if (code !== 0) remaining += 1;
  } else {
    assertNoReasonCode(p.reasonCode, name);
    assertNoProperties(p.properties, name);
  }
  const buf = allocPacket(FIRST_BYTE[p.type], remaining);
  let pos = writeU16(buf, buf.length - remaining, p.packetId);
  if (remaining > 2) buf[pos++] = code;
  if (propsLen > 0) writeProperties(buf, pos, p.properties, propsLen);
  return buf;
}
