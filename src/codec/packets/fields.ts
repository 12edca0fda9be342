// Field rules shared by several packet kinds: packet identifiers and reason codes.
import { isReasonCodeAllowed, type ReasonCodePacket } from '../constants.js';
import { malformed, protocolError } from '../errors.js';
import type { Reader } from '../primitives.js';

/**
 * Reads a Packet Identifier. Zero is never a valid identifier: PUBLISH (QoS > 0),
 * SUBSCRIBE and UNSUBSCRIBE MUST carry a non-zero one [MQTT-2.3.1-1] and every ack
 * echoes the one it acknowledges [MQTT-2.3.1-6] [MQTT-2.3.1-7].
 */
export function readPacketId(r: Reader, packet: string): number {
  const id = r.u16(`${packet} packet identifier`);
  if (id === 0) throw protocolError(`${packet} packet identifier is 0; it MUST be non-zero [MQTT-2.3.1-1]`);
  return id;
}

export function checkPacketId(id: number | undefined, packet: string): void {
  if (id === undefined || id === 0) {
    throw protocolError(`${packet} needs a non-zero packet identifier [MQTT-2.3.1-1]`);
  }
  if (!Number.isInteger(id) || id < 1 || id > 0xffff) {
    throw malformed(`${packet} packet identifier must be an integer from 1 to 65535, got ${id}`);
  }
}

/** MQTT 5: each packet has its own list of reason codes (Table 2-6, §3.x.2.1). */
export function checkReasonCode(packet: ReasonCodePacket, code: number): number {
  if (!isReasonCodeAllowed(packet, code)) {
    const hex = Number.isInteger(code) ? `0x${code.toString(16).padStart(2, '0')}` : String(code);
    throw protocolError(`reason code ${hex} is not valid in ${packet.toUpperCase()} (MQTT 5 Table 2-6)`);
  }
  return code;
}

/** Before MQTT 5, acks and DISCONNECT have no reason code: only "success" can be encoded. */
export function assertNoReasonCode(code: number | undefined, packet: string): void {
  if (code !== undefined && code !== 0) {
    throw protocolError(`${packet} reason code 0x${code.toString(16)} needs MQTT 5 (§3.4.2.1)`);
  }
}
