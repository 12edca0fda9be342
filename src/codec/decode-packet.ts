// Dispatch from the fixed header to the per-packet decoders, shared by `decode` and
// the streaming parser. The fixed header is checked here once for every type.
import { PacketTypeById, ReservedFlags } from './constants.js';
import { malformed } from './errors.js';
import { decodeAck } from './packets/ack.js';
import { decodeAuth } from './packets/auth.js';
import { decodeConnack } from './packets/connack.js';
import { decodeConnect } from './packets/connect.js';
import { decodeDisconnect } from './packets/disconnect.js';
import { decodePing } from './packets/ping.js';
import { decodePublish } from './packets/publish.js';
import { decodeSuback } from './packets/suback.js';
import { decodeSubscribe } from './packets/subscribe.js';
import { decodeUnsuback } from './packets/unsuback.js';
import { decodeUnsubscribe } from './packets/unsubscribe.js';
import { Reader } from './primitives.js';
import type { Packet, ProtocolVersion } from './types.js';

/**
 * Reads the Remaining Length that starts at `pos`. Returns -1 when the bytes up to
 * `end` do not hold all of it yet. Non-minimal encodings are refused [MQTT-1.5.5-1],
 * so the header is always `1 + varintSize(result)` bytes long.
 */
export function readRemainingLength(buf: Buffer, pos: number, end: number): number {
  let value = 0;
  let mult = 1;
  for (let i = 0; i < 4; i++) {
    if (pos + i >= end) return -1;
    const b = buf[pos + i]!;
    value += (b & 0x7f) * mult;
    if (b < 0x80) {
      if (b === 0 && i > 0) throw malformed('Remaining Length is not encoded in the minimum number of bytes [MQTT-1.5.5-1]');
      return value;
    }
    mult *= 128;
  }
  throw malformed('Remaining Length is longer than 4 bytes (§2.1.4)');
}

/**
 * Decodes the packet whose first byte is `byte1` and whose body is buf[pos, end).
 * CONNECT is decoded by its own protocol level, whatever `version` says.
 */
export function decodePacket(buf: Buffer, byte1: number, pos: number, end: number, version: ProtocolVersion): Packet {
  const type = byte1 >> 4;
  const flags = byte1 & 0x0f;
  const r = new Reader(buf, pos, end);
  if (type === 3) return decodePublish(r, flags, version);
  const required = ReservedFlags[type];
  if (required === undefined || (type === 15 && version < 5)) {
    throw malformed(`packet type ${type} is reserved${type === 15 ? ' before MQTT 5' : ''} (§2.1.2)`);
  }
  if (flags !== required) {
    throw malformed(
      `${PacketTypeById[type]!.toUpperCase()} fixed header flags are 0b${flags.toString(2).padStart(4, '0')}; ` +
        `the reserved bits MUST be 0b${required.toString(2).padStart(4, '0')} [MQTT-2.2.2-1] [MQTT-2.2.2-2]`,
    );
  }
  switch (type) {
    case 4: return decodeAck(r, 'puback', version);
    case 1: return decodeConnect(r);
    case 2: return decodeConnack(r, version);
    case 5: return decodeAck(r, 'pubrec', version);
    case 6: return decodeAck(r, 'pubrel', version);
    case 7: return decodeAck(r, 'pubcomp', version);
    case 8: return decodeSubscribe(r, version);
    case 9: return decodeSuback(r, version);
    case 10: return decodeUnsubscribe(r, version);
    case 11: return decodeUnsuback(r, version);
    case 12: return decodePing(r, 'pingreq');
    case 13: return decodePing(r, 'pingresp');
    case 14: return decodeDisconnect(r, version);
    default: return decodeAuth(r);
  }
}
