// PINGREQ and PINGRESP (§3.12, §3.13): a fixed header and nothing else.
import { type Reader } from '../primitives.js';
import type { PingreqPacket, PingrespPacket } from '../types.js';

const PINGREQ = Buffer.from([0xc0, 0x00]);
const PINGRESP = Buffer.from([0xd0, 0x00]);

export function decodePing(r: Reader, type: 'pingreq' | 'pingresp'): PingreqPacket | PingrespPacket {
  r.done(type.toUpperCase());
  return { type };
}

/** A fresh copy each time: callers may own and mutate what encode returns. */
export function encodePing(type: 'pingreq' | 'pingresp'): Buffer {
  return Buffer.from(type === 'pingreq' ? PINGREQ : PINGRESP);
}
