// Streaming framer: feed it chunks as they come off the socket, it calls `onPacket`
// for each complete packet. The common case, whole packets inside one chunk, is
// decoded straight from the chunk; only a packet that straddles chunks is copied, once,
// into a buffer of its exact size.
import { ReasonCode } from './constants.js';
import { decodePacket, readRemainingLength } from './decode-packet.js';
import { MqttError } from './errors.js';
import { varintSize } from './primitives.js';
import type { Packet, ProtocolVersion } from './types.js';

export interface ParserOptions {
  /** Version of the connection; CONNECT is decoded by its own level regardless. Default 4. */
  protocolVersion?: ProtocolVersion;
  /** Largest packet accepted, fixed header included (MQTT 5 Maximum Packet Size, §3.1.2.11.4). */
  maxPacketSize?: number;
}

export interface Parser {
  /**
   * Frames and decodes `chunk`; throws MqttError on the first bad packet (then discard
   * the parser). Chunks are not copied: payloads and `raw` are views of them, and a
   * partial packet keeps its chunks until it completes, so never refill a pushed chunk.
   */
  push(chunk: Buffer): void;
  /** Switch version, e.g. from inside `onPacket` once CONNECT has been seen. */
  setProtocolVersion(v: ProtocolVersion): void;
  /** Changes the size limit for the packets that follow (e.g. a server's, after CONNECT); undefined = none. */
  setMaxPacketSize(max: number | undefined): void;
  readonly protocolVersion: ProtocolVersion;
  /** Bytes received but not yet decoded (a partial packet). A bad packet's bytes are on its error (`MqttError.raw`). */
  pending(): Buffer;
}

/** `raw` is the whole packet (fixed header included), a view of the input. */
export type OnPacket = (packet: Packet, raw: Buffer) => void;

const NO_LIMIT = Number.MAX_SAFE_INTEGER;
const EMPTY = Buffer.alloc(0);

function tooLarge(size: number, max: number): MqttError {
  return new MqttError(ReasonCode.PacketTooLarge, `packet of ${size} bytes exceeds the maximum packet size of ${max} bytes (§3.1.2.11.4)`);
}

/** Puts the offending bytes on an MqttError (for traces); other errors pass unchanged. */
function withRaw(err: unknown, raw: Buffer): unknown {
  if (err instanceof MqttError) err.raw ??= raw;
  return err;
}

class StreamParser implements Parser {
  private version: ProtocolVersion;
  private max: number;
  private readonly onPacket: OnPacket;
  /** Pieces of an incomplete packet, in order, and their total length. */
  private parts: Buffer[] = [];
  private partsLength = 0;
  /** Total size of the incomplete packet once its header is known, else -1. */
  private need = -1;

  constructor(options: ParserOptions, onPacket: OnPacket) {
    this.version = options.protocolVersion ?? 4;
    this.max = options.maxPacketSize ?? NO_LIMIT;
    this.onPacket = onPacket;
  }

  get protocolVersion(): ProtocolVersion {
    return this.version;
  }

  setProtocolVersion(v: ProtocolVersion): void {
    this.version = v;
  }

  setMaxPacketSize(max: number | undefined): void {
    this.max = max ?? NO_LIMIT;
  }

  pending(): Buffer {
    return this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts, this.partsLength);
  }

  push(chunk: Buffer): void {
    let pos = this.partsLength > 0 ? this.completePending(chunk) : 0;
    const len = chunk.length;
    let end = pos;
    try {
      while (pos < len) {
        // Fast path: header and body inside this chunk.
        const remaining = readRemainingLength(chunk, pos + 1, len);
        if (remaining < 0) break;
        const start = pos + 1 + varintSize(remaining);
        end = start + remaining;
        if (end - pos > this.max) throw tooLarge(end - pos, this.max);
        if (end > len) break;
        this.onPacket(decodePacket(chunk, chunk[pos]!, start, end, this.version), chunk.subarray(pos, end));
        pos = end;
      }
    } catch (err) {
      // The bad packet as far as this chunk holds it (just its header when that was bad).
      throw withRaw(err, chunk.subarray(pos, Math.min(len, end > pos ? end : pos + 5)));
    }
    if (pos < len) this.keep(chunk.subarray(pos));
  }

  /** Stores the unfinished tail of a chunk, learning the packet size if the header is there. */
  private keep(tail: Buffer): void {
    this.parts.push(tail);
    this.partsLength += tail.length;
    if (this.need < 0) this.learnSize(EMPTY);
  }

  /**
   * Header bytes may themselves straddle chunks: try to read the Remaining Length from
   * the buffered parts plus the start of `extra` (at most 5 header bytes are needed).
   * Checks the size limit before any more of the body is buffered.
   */
  private learnSize(extra: Buffer): void {
    const head = Buffer.allocUnsafe(5);
    let n = 0;
    for (const p of this.parts) {
      const take = Math.min(p.length, 5 - n);
      p.copy(head, n, 0, take);
      n += take;
      if (n === 5) break;
    }
    if (n < 5 && extra.length > 0) {
      const take = Math.min(extra.length, 5 - n);
      extra.copy(head, n, 0, take);
      n += take;
    }
    try {
      const remaining = readRemainingLength(head, 1, n);
      if (remaining < 0) return;
      const total = 1 + varintSize(remaining) + remaining;
      if (total > this.max) throw tooLarge(total, this.max);
      this.need = total;
    } catch (err) {
      throw withRaw(err, head.subarray(0, n));
    }
  }

  /** Feeds `chunk` to the buffered partial packet; returns how much of `chunk` it used. */
  private completePending(chunk: Buffer): number {
    if (this.need < 0) {
      this.learnSize(chunk);
      if (this.need < 0) {
        // Still no complete header: the chunk is tiny, keep all of it.
        this.parts.push(chunk);
        this.partsLength += chunk.length;
        return chunk.length;
      }
    }
    const missing = this.need - this.partsLength;
    if (chunk.length < missing) {
      this.parts.push(chunk);
      this.partsLength += chunk.length;
      return chunk.length;
    }
    // Copy the pieces once into a buffer of the packet's exact size.
    const raw = Buffer.allocUnsafe(this.need);
    let at = 0;
    for (const p of this.parts) {
      p.copy(raw, at);
      at += p.length;
    }
    chunk.copy(raw, at, 0, missing);
    this.parts = [];
    this.partsLength = 0;
    this.need = -1;
    try {
      const remaining = readRemainingLength(raw, 1, raw.length);
      this.onPacket(decodePacket(raw, raw[0]!, 1 + varintSize(remaining), raw.length, this.version), raw);
    } catch (err) {
      throw withRaw(err, raw);
    }
    return missing;
  }
}

/**
 * Creates a streaming parser. `onPacket` runs synchronously for each packet, so it can
 * call `setProtocolVersion` before the next packet of the same chunk is decoded.
 */
export function createParser(options: ParserOptions, onPacket: OnPacket): Parser {
  return new StreamParser(options, onPacket);
}
