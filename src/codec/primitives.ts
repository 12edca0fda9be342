// Wire data types (MQTT 5 §1.5, 3.1.1 §1.5): Variable Byte Integer, Two/Four Byte
// Integer, UTF-8 Encoded String, Binary Data, UTF-8 String Pair. Reading goes through
// `Reader` (one cursor per packet, bounds-checked so that no input can make Buffer
// throw a RangeError); writing is plain functions that return the next offset.
import { isUtf8 } from 'node:buffer';
import { MqttError, malformed } from './errors.js';

/** Largest value a Variable Byte Integer can carry (four bytes, §1.5.5). */
export const MAX_VARINT = 268_435_455;
/** Largest UTF-8 string or binary field: a Two Byte Integer length prefix (§1.5.4, §1.5.6). */
export const MAX_U16 = 0xffff;

export function varintSize(n: number): number {
  return n < 0x80 ? 1 : n < 0x4000 ? 2 : n < 0x200000 ? 3 : 4;
}

/** Longer strings are validated by node's native isUtf8 instead of the JS loop. */
const NATIVE_UTF8_MIN = 64;

/**
 * Whether buf[i, end) is well-formed UTF-8 (Unicode Table 3-7): no overlong forms, no
 * surrogates U+D800..U+DFFF, nothing above U+10FFFF [MQTT-1.5.4-1]. Checking the
 * bytes matters: once decoded, ill-formed input has become U+FFFD and is invisible.
 */
export function isWellFormedUtf8(buf: Buffer, i: number, end: number): boolean {
  if (end - i >= NATIVE_UTF8_MIN) return isUtf8(buf.subarray(i, end));
  while (i < end) {
    const c = buf[i++]!;
    if (c < 0x80) continue;
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      if (c === 0xe0) lo = 0xa0; // overlong
      else if (c === 0xed) hi = 0x9f; // surrogates
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      if (c === 0xf0) lo = 0x90; // overlong
      else if (c === 0xf4) hi = 0x8f; // above U+10FFFF
    } else return false;
    if (i + need > end) return false;
    const c1 = buf[i++]!;
    if (c1 < lo || c1 > hi) return false;
    for (let k = 1; k < need; k++) {
      const ck = buf[i++]!;
      if (ck < 0x80 || ck > 0xbf) return false;
    }
  }
  return true;
}

/** One-entry cache of the last decoded Topic Name (see Reader#topicName). */
const lastTopicBytes = new Uint8Array(128);
let lastTopicLength = -1;
let lastTopic = '';

/**
 * A bounds-checked cursor over one packet: `end` is the end of the packet, so a field
 * that would run past it is a Malformed Packet rather than a read of the next packet.
 */
export class Reader {
  buf: Buffer;
  pos: number;
  end: number;
  constructor(buf: Buffer, pos: number, end: number) {
    this.buf = buf;
    this.pos = pos;
    this.end = end;
  }

  private short(what: string, n: number): MqttError {
    return malformed(`${what} needs ${n} bytes but the packet has ${this.end - this.pos} left`);
  }

  u8(what: string): number {
    if (this.pos >= this.end) throw this.short(what, 1);
    return this.buf[this.pos++]!;
  }

  u16(what: string): number {
    const p = this.pos;
    if (p + 2 > this.end) throw this.short(what, 2);
    this.pos = p + 2;
    return (this.buf[p]! << 8) | this.buf[p + 1]!;
  }

  u32(what: string): number {
    const p = this.pos;
    if (p + 4 > this.end) throw this.short(what, 4);
    this.pos = p + 4;
    return this.buf.readUInt32BE(p);
  }

  /** Variable Byte Integer; non-minimal encodings are rejected [MQTT-1.5.5-1]. */
  varint(what: string): number {
    const buf = this.buf;
    let value = 0;
    let mult = 1;
    for (let i = 0; i < 4; i++) {
      if (this.pos >= this.end) throw this.short(what, 1);
      const b = buf[this.pos++]!;
      value += (b & 0x7f) * mult;
      if (b < 0x80) {
        if (b === 0 && i > 0) throw malformed(`${what} is not encoded in the minimum number of bytes [MQTT-1.5.5-1]`);
        return value;
      }
      mult *= 128;
    }
    throw malformed(`${what} is a Variable Byte Integer longer than 4 bytes (§1.5.5)`);
  }

  /** End offset of a length-prefixed field starting at `pos`, after checking it fits. */
  private fieldEnd(what: string): number {
    const len = this.u16(`${what} length`);
    const e = this.pos + len;
    if (e > this.end) throw malformed(`${what} length ${len} runs past the end of the packet (${this.end - this.pos} bytes left)`);
    return e;
  }

  /** UTF-8 Encoded String [MQTT-1.5.4-1] [MQTT-1.5.4-2]. */
  utf8(what: string): string {
    const e = this.fieldEnd(what);
    const buf = this.buf;
    const s = this.pos;
    let ascii = true;
    for (let i = s; i < e; i++) {
      const c = buf[i]!;
      // In well-formed UTF-8 a 0x00 byte can only be U+0000: no need to decode first.
      if (c === 0) throw malformed(`${what} contains U+0000 [MQTT-1.5.4-2]`);
      if (c >= 0x80) ascii = false;
    }
    if (!ascii && !isWellFormedUtf8(buf, s, e)) throw malformed(`${what} is not well-formed UTF-8 [MQTT-1.5.4-1]`);
    this.pos = e;
    return s === e ? '' : buf.toString('utf8', s, e);
  }

  /**
   * A Topic Name: a UTF-8 string without the wildcards '+' and '#' [MQTT-3.3.2-2]
   * [MQTT-4.7.1-1]. Multi-byte UTF-8 sequences never contain bytes below 0x80, so
   * the byte scan finds wildcards and U+0000 without decoding.
   */
  topicName(what: string): string {
    const e = this.fieldEnd(what);
    const buf = this.buf;
    const s = this.pos;
    const len = e - s;
    this.pos = e;
    // Same bytes as the last topic: same (already validated) string. Streams of
    // messages on one topic are common, and building the string is the costliest step.
    if (len === lastTopicLength) {
      let i = 0;
      while (i < len && buf[s + i] === lastTopicBytes[i]) i++;
      if (i === len) return lastTopic;
    }
    let ascii = true;
    for (let i = s; i < e; i++) {
      const c = buf[i]!;
      if (c >= 0x80) ascii = false;
      else if (c === 0x2b || c === 0x23 || c === 0) {
        if (c === 0) throw malformed(`${what} contains U+0000 [MQTT-1.5.4-2]`);
        throw new MqttError(0x82, `${what} contains the wildcard '${c === 0x2b ? '+' : '#'}' [MQTT-3.3.2-2]`);
      }
    }
    if (!ascii && !isWellFormedUtf8(buf, s, e)) throw malformed(`${what} is not well-formed UTF-8 [MQTT-1.5.4-1]`);
    const topic = len === 0 ? '' : buf.toString('utf8', s, e);
    if (len <= lastTopicBytes.length) {
      for (let i = 0; i < len; i++) lastTopicBytes[i] = buf[s + i]!;
      lastTopicLength = len;
      lastTopic = topic;
    }
    return topic;
  }

  /** Binary Data (§1.5.6), as a view of the input. */
  binary(what: string): Buffer {
    const e = this.fieldEnd(what);
    const s = this.pos;
    this.pos = e;
    return this.buf.subarray(s, e);
  }

  /** Everything up to the end of the packet, as a view (PUBLISH payload). */
  rest(): Buffer {
    const s = this.pos;
    this.pos = this.end;
    return this.buf.subarray(s, this.end);
  }

  /** Throws when bytes are left over: the Remaining Length claimed more than the fields hold. */
  done(what: string): void {
    if (this.pos !== this.end) {
      throw malformed(`${what} has ${this.end - this.pos} unexpected bytes after its last field (Remaining Length too long)`);
    }
  }
}

// ---------------------------------------------------------------------------------
// Writing. Sizes come first (the caller allocates once), then the write functions
// fill the buffer and return the next offset.

/**
 * Byte length of `s` in UTF-8. Throws for what has no well-formed UTF-8 encoding (lone
 * surrogates) [MQTT-1.5.4-1], U+0000 [MQTT-1.5.4-2] and strings over 65,535 bytes
 * (§1.5.4), so an encoder can never emit what a decoder would reject.
 */
export function utf8Length(s: string, what: string): number {
  return measure(s, what, false);
}

/** utf8Length for a Topic Name, which also must not contain '+' or '#' [MQTT-3.3.2-2]. */
export function topicNameLength(s: string, what: string): number {
  return measure(s, what, true);
}

function measure(s: string, what: string, topicName: boolean): number {
  if (typeof s !== 'string') throw malformed(`${what} must be a string`);
  const n = s.length;
  let len = n;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      if (c === 0) throw malformed(`${what} contains U+0000 [MQTT-1.5.4-2]`);
      if (topicName && (c === 0x2b || c === 0x23)) {
        throw new MqttError(0x82, `${what} contains the wildcard '${s[i]}' [MQTT-3.3.2-2]`);
      }
    } else if (c < 0x800) len += 1;
    else if (c < 0xd800 || c > 0xdfff) len += 2;
    else if (c <= 0xdbff && i + 1 < n && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      len += 2; // two UTF-16 units, four bytes
      i++;
    } else throw malformed(`${what} contains a lone surrogate, which has no UTF-8 encoding [MQTT-1.5.4-1]`);
  }
  if (len > MAX_U16) throw malformed(`${what} is ${len} bytes; a UTF-8 string holds at most 65535 (§1.5.4)`);
  return len;
}

/** Writes a UTF-8 string with its Two Byte Integer length; `len` is from utf8Length. */
export function writeUtf8(buf: Buffer, pos: number, s: string, len: number): number {
  buf[pos] = len >> 8;
  buf[pos + 1] = len & 0xff;
  pos += 2;
  if (len === s.length && len < 32) {
    // Short ASCII: a byte loop beats the native call overhead of buf.write.
    for (let i = 0; i < len; i++) buf[pos + i] = s.charCodeAt(i);
  } else if (len > 0) buf.write(s, pos, len, 'utf8');
  return pos + len;
}

export function binaryLength(b: Buffer | Uint8Array, what: string): number {
  if (b.length > MAX_U16) throw malformed(`${what} is ${b.length} bytes; Binary Data holds at most 65535 (§1.5.6)`);
  return b.length;
}

export function writeBinary(buf: Buffer, pos: number, b: Uint8Array): number {
  const len = b.length;
  buf[pos] = len >> 8;
  buf[pos + 1] = len & 0xff;
  buf.set(b, pos + 2);
  return pos + 2 + len;
}

export function writeU16(buf: Buffer, pos: number, n: number): number {
  buf[pos] = n >> 8;
  buf[pos + 1] = n & 0xff;
  return pos + 2;
}

export function writeU32(buf: Buffer, pos: number, n: number): number {
  buf.writeUInt32BE(n, pos);
  return pos + 4;
}

export function writeVarint(buf: Buffer, pos: number, n: number): number {
  while (n >= 0x80) {
    buf[pos++] = (n & 0x7f) | 0x80;
    n >>>= 7;
  }
  buf[pos++] = n;
  return pos;
}

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
    throw new MqttError(0x95, `packet too large: Remaining Length ${remaining} exceeds ${MAX_VARINT} (§2.1.4)`);
  }
  const buf = allocate(1 + varintSize(remaining) + remaining);
  buf[0] = byte1;
  writeVarint(buf, 1, remaining);
  return buf;
}

/** Checks an integer field before encoding (keepalive, packet identifier, ...). */
export function checkInt(n: number, min: number, max: number, what: string): void {
  if (!Number.isInteger(n) || n < min || n > max) {
    throw malformed(`${what} must be an integer from ${min} to ${max}, got ${String(n)}`);
  }
}
