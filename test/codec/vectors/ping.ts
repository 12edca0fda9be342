// PINGREQ and PINGRESP (§3.12, §3.13) byte vectors: the same two bytes in every version.
import type { ProtocolVersion } from '../../../src/codec/index.js';
import { type DecodeError, type EncodeError, type Vector, MALFORMED } from './vector.js';

const versions: ProtocolVersion[] = [3, 4, 5];

export const vectors: Vector[] = versions.flatMap((version): Vector[] => [
  { name: 'PINGREQ is a bare fixed header (§3.12)', version, bytes: [0xc0, 0x00], packet: { type: 'pingreq' } }, // PINGREQ, remaining length 0
  { name: 'PINGRESP is a bare fixed header (§3.13)', version, bytes: [0xd0, 0x00], packet: { type: 'pingresp' } }, // PINGRESP, remaining length 0
]);

export const decodeErrors: DecodeError[] = [
  { name: 'rejects a PINGREQ with a body (§3.12.1)', version: 4, bytes: [0xc0, 0x01, 0x00], reasonCode: MALFORMED, rule: 'unexpected bytes' },
  { name: 'rejects PINGRESP flags 0001 [MQTT-2.2.2-1]', version: 5, bytes: [0xd1, 0x00], reasonCode: MALFORMED, rule: 'MQTT-2.2.2-1' },
  { name: 'rejects the forbidden packet type 0 (§2.1.2)', version: 4, bytes: [0x00, 0x00], reasonCode: MALFORMED, rule: '§2.1.2' },
];

export const encodeErrors: EncodeError[] = [
  { name: 'refuses an unknown packet type', version: 4, packet: { type: 'pong' }, reasonCode: MALFORMED, rule: 'unknown packet type' },
];
