// AUTH (§3.15), MQTT 5 only: packet type 15 is reserved in 3.1 and 3.1.1, which the
// dispatcher enforces before calling in here.
import { protocolError } from '../errors.js';
import { type Reader } from '../primitives.js';
import type { AuthPacket, ProtocolVersion } from '../types.js';
import { decodeReasonAndProperties, encodeReasonAndProperties } from './disconnect.js';

export function decodeAuth(r: Reader): AuthPacket {
  const packet: AuthPacket = { type: 'auth' };
  decodeReasonAndProperties(r, packet);
  r.done('AUTH');
  return packet;
}

export function encodeAuth(p: AuthPacket, version: ProtocolVersion): Buffer {
  if (version !== 5) throw protocolError(`AUTH needs MQTT 5; packet type 15 is reserved in protocol level ${version} (§2.1.2)`);
  return encodeReasonAndProperties(p, 0xf0);
}
