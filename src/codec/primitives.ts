// Wire data types (MQTT 5 §1.5, 3.1.1 §1.5): Variable Byte Integer, Two/Four Byte
// Integer, UTF-8 Encoded String, Binary Data, UTF-8 String Pair. Reading goes through
// `Reader` (one cursor per packet, bounds-checked so that no input can make Buffer
// throw a RangeError); writing is plain functions that return the next offset, after
// the sizes were measured (utf8.ts measures strings) and the packet allocated once
// (packet-buffer.ts).
import { type MqttError, malformed, topicNameInvalid } from './errors.js';
import { isWellFormedUtf8 } from './utf8.js';

/** Largest value a Variable Byte Integer can carry (four bytes, §1.5.5). */
export const MAX_VARINT = 268_435_455;
/** Largest UTF-8 string or binary field: a Two Byte Integer length prefix (§1.5.4, §1.5.6). */
export const MAX_U16 = 0xffff;

export function varintSize(n: number): number {
  return n < 0x80 ? 1 : n < 0x4000 ? 2 : n < 0x200000 ? 3 : 4;
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
        throw topicNameInvalid(`${what} contains the wildcard '${c === 0x2b ? '+' : '#'}' [MQTT-3.3.2-2]`);
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
// Writing: each function fills its field and returns the next offset.

/** Writes a UTF-8 string with its Two Byte Integer length; `len` is from utf8Length (utf8.ts). */
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

/** Checks an integer field before encoding (keepalive, packet identifier, ...). */
export function checkInt(n: number, min: number, max: number, what: string): void {
  if (!Number.isInteger(n) || n < min || n > max) {
    throw malformed(`${what} must be an integer from ${min} to ${max}, got ${String(n)}`);
  }
}
