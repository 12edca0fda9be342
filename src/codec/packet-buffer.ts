// One allocation per encoded packet, fixed header written.
import { ReasonCode } from './constants.js';
import { MqttError } from './errors.js';
import { MAX_VARINT, varintSize, writeVarint } from './primitives.js';

// Packets from 512 B to 4 KiB are cut from 64 KiB slabs: node's own pool for
// Buffer.allocUnsafe is 8 KiB, so 1 KiB packets would create a new pool every seven
// packets, which dominated the cost of encoding them. Smaller packets use node's pool
// (cheaper for them), bigger ones their own allocation. Like allocUnsafe's pool, a
// kept packet keeps its slab alive; copy it if it is stored for long.
const SLAB_SIZE = 64 * 1024;
const SLAB_MIN = 512;
const SLAB_MAX = 4096;
let slab = Buffer.allocUnsafeSlow(SLAB_SIZE);
let slabOffset = 0;

function allocate(n: number): Buffer {
  if (n < SLAB_MIN || n > SLAB_MAX) return Buffer.allocUnsafe(n);
  if (slabOffset + n > SLAB_SIZE) {
    slab = Buffer.allocUnsafeSlow(SLAB_SIZE);
    slabOffset = 0;
  }
  const buf = slab.subarray(slabOffset, slabOffset + n);
  slabOffset = (slabOffset + n + 7) & ~7; // keep slices 8-byte aligned, as node's pool does
  return buf;
}

/**
 * Allocates the whole packet once (fixed header included) and writes the fixed header;
 * the caller writes the rest from offset `buf.length - remaining`.
 */
export function allocPacket(byte1: number, remaining: number): Buffer {
  if (remaining > MAX_VARINT) {
    throw new MqttError(ReasonCode.PacketTooLarge, `packet too large: Remaining Length ${remaining} exceeds ${MAX_VARINT} (§2.1.4)`);
  }
  const buf = allocate(1 + varintSize(remaining) + remaining);
  buf[0] = byte1;
  writeVarint(buf, 1, remaining);
  return buf;
}
