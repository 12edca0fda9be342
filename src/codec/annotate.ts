// Annotation for hex-dump traces: a second, separate walk over the bytes of one packet
// that names every byte range. It never runs on the decoding fast path. The walk only
// follows the layout (it does not enforce the rules: `decode` does, and its error is
// returned alongside), so even a rejected packet is annotated as far as its layout
// can be followed; whatever is left is one 'unparsed' span.
import { ConnackReturnCodeNames, PacketTypeById, PropertyById, reasonCodeName } from './constants.js';
import { decode } from './encode.js';
import { MqttError } from './errors.js';
import { splitProtocolLevel } from './packets/connect.js';
import type { Packet, PacketTypeName, ProtocolVersion, Span } from './types.js';

export interface Annotation {
  /** The decoded packet, when `decode` accepts the bytes. */
  packet?: Packet;
  /** Consecutive spans covering every byte of `raw` exactly once. */
  spans: Span[];
  /** Why `decode` rejected the bytes. */
  error?: MqttError;
}

/** Thrown inside the walk when the layout cannot be followed any further. */
const STOP = Symbol('stop');

const hex2 = (n: number): string => `0x${n.toString(16).padStart(2, '0')}`;
const bit = (flags: number, mask: number): number => ((flags & mask) !== 0 ? 1 : 0);
const LEVELS: Record<number, string> = { 3: 'MQTT 3.1', 4: 'MQTT 3.1.1', 5: 'MQTT 5.0' };

class Walk {
  readonly spans: Span[] = [];
  pos = 0;
  end: number;
  constructor(readonly raw: Buffer) {
    this.end = raw.length;
  }

  span(length: number, field: string, value: string | undefined, depth = 0): void {
    if (length <= 0 || this.pos + length > this.end) throw STOP;
    const span: Span = { offset: this.pos, length, field, depth };
    if (value !== undefined) span.value = value;
    this.spans.push(span);
    this.pos += length;
  }

  peek(at = this.pos): number {
    if (at >= this.end) throw STOP;
    return this.raw[at]!;
  }

  u8(field: string, format: (v: number) => string = String, depth = 0): number {
    const v = this.peek();
    this.span(1, field, format(v), depth);
    return v;
  }

  u16(field: string, depth = 0): number {
    const v = (this.peek() << 8) | this.peek(this.pos + 1);
    this.span(2, field, String(v), depth);
    return v;
  }

  /** Reads a Variable Byte Integer without recording it; returns [value, size]. */
  varint(at = this.pos): [number, number] {
    let value = 0;
    for (let i = 0, mult = 1; i < 4; i++, mult *= 128) {
      const b = this.peek(at + i);
      value += (b & 0x7f) * mult;
      if (b < 0x80) return [value, i + 1];
    }
    throw STOP;
  }

  /** A length-prefixed field as one span; returns its content. */
  prefixed(field: string, show: (b: Buffer) => string, depth = 0): Buffer {
    const len = (this.peek() << 8) | this.peek(this.pos + 1);
    const content = this.raw.subarray(this.pos + 2, this.pos + 2 + len);
    this.span(2 + len, field, show(content), depth);
    return content;
  }

  string(field: string, depth = 0): string {
    return this.prefixed(field, showString, depth).toString('utf8');
  }

  binary(field: string, depth = 0): void {
    this.prefixed(field, showBinary, depth);
  }
}

const showString = (b: Buffer): string => JSON.stringify(b.toString('utf8'));
const byteCount = (n: number): string => `${n} byte${n === 1 ? '' : 's'}`;
function showBinary(b: Buffer): string {
  const head = b.subarray(0, 16).toString('hex').replace(/(..)(?!$)/g, '$1 ');
  return `${byteCount(b.length)}${b.length > 0 ? `: ${head}${b.length > 16 ? ' …' : ''}` : ''}`;
}

function property(w: Walk, depth: number): void {
  const [id, idSize] = w.varint();
  const def = PropertyById[id];
  if (def === undefined) {
    w.span(idSize, `property: unknown identifier ${hex2(id)}`, undefined, depth);
    throw STOP;
  }
  const field = `property: ${def.name.replace(/-/g, ' ')}`;
  const at = w.pos + idSize;
  const u16At = (p: number): number => (w.peek(p) << 8) | w.peek(p + 1);
  const str = (p: number): [string, number] => {
    const len = u16At(p);
    if (p + 2 + len > w.end) throw STOP;
    return [w.raw.toString('utf8', p + 2, p + 2 + len), 2 + len];
  };
  let size: number;
  let value: string;
  switch (def.type) {
    case 'byte': size = 1; value = String(w.peek(at)); break;
    case 'u16': size = 2; value = String(u16At(at)); break;
    case 'u32': size = 4; value = String(u16At(at) * 0x10000 + u16At(at + 2)); break;
    case 'varint': { const [v, n] = w.varint(at); size = n; value = String(v); break; }
    case 'string': { const [s, n] = str(at); size = n; value = JSON.stringify(s); break; }
    case 'binary': {
      size = 2 + u16At(at);
      if (at + size > w.end) throw STOP;
      value = showBinary(w.raw.subarray(at + 2, at + size));
      break;
    }
    case 'string-pair': {
      const [k, n1] = str(at);
      const [v, n2] = str(at + n1);
      size = n1 + n2;
      value = `${JSON.stringify(k)} = ${JSON.stringify(v)}`;
      break;
    }
  }
  w.span(idSize + size, field, value, depth);
}

function properties(w: Walk, field = 'property length'): void {
  const [len, size] = w.varint();
  w.span(size, field, String(len));
  const end = w.pos + len;
  if (end > w.end) throw STOP;
  const outer = w.end;
  w.end = end;
  while (w.pos < end) property(w, 1);
  w.end = outer;
}

function codeName(code: number, type: PacketTypeName, version: ProtocolVersion): string {
  if (version === 5) return reasonCodeName(code, type);
  if (type === 'connack') return ConnackReturnCodeNames[code] ?? 'reserved';
  return code === 0x80 ? 'Failure' : `Granted QoS ${code}`; // 3.1.1 SUBACK return codes
}

function reasonCode(w: Walk, type: PacketTypeName, version: ProtocolVersion, depth = 0): void {
  w.u8(version < 5 ? 'return code' : 'reason code', (c) => `${hex2(c)} (${codeName(c, type, version)})`, depth);
}

function fixedHeader(byte1: number): string {
  const type = byte1 >> 4;
  const name = PacketTypeById[type]?.toUpperCase() ?? 'reserved';
  const flags = byte1 & 0x0f;
  if (type === 3) return `${name}, DUP=${bit(flags, 8)} QoS=${(flags >> 1) & 3} RETAIN=${bit(flags, 1)}`;
  return `${name}, flags=${flags.toString(2).padStart(4, '0')}`;
}

function connect(w: Walk): void {
  w.string('protocol name');
  const { level } = splitProtocolLevel(w.u8('protocol level', (v) => {
    const { level: l, bridge } = splitProtocolLevel(v);
    return `${v}${LEVELS[l] ? ` (${LEVELS[l]}${bridge ? ', bridge' : ''})` : ''}`;
  }));
  const flags = w.u8('connect flags', (f) =>
    `user name=${bit(f, 0x80)} password=${bit(f, 0x40)} will retain=${bit(f, 0x20)} will QoS=${(f >> 3) & 3} ` +
    `will=${bit(f, 0x04)} clean=${bit(f, 0x02)} reserved=${bit(f, 0x01)}`);
  w.u16('keep alive');
  if (level === 5) properties(w);
  w.string('client identifier');
  if (flags & 0x04) {
    if (level === 5) properties(w, 'will property length');
    w.string('will topic');
    w.binary('will payload');
  }
  if (flags & 0x80) w.string('user name');
  if (flags & 0x40) w.binary('password');
}

/** Fields after the fixed header; stops (STOP) where the layout cannot be followed. */
function body(w: Walk, type: PacketTypeName, flags: number, version: ProtocolVersion): void {
  const more = (): boolean => w.pos < w.end;
  switch (type) {
    case 'connect': return connect(w);
    case 'connack':
      w.u8('acknowledge flags', (f) => `session present=${bit(f, 1)}${f & 0xfe ? ` reserved=${(f >> 1).toString(2)}` : ''}`);
      reasonCode(w, type, version);
      if (version === 5) properties(w);
      return;
    case 'publish':
      w.string('topic name');
      if ((flags & 6) !== 0) w.u16('packet identifier');
      if (version === 5) properties(w);
      if (more()) w.span(w.end - w.pos, 'payload', byteCount(w.end - w.pos));
      return;
    case 'puback': case 'pubrec': case 'pubrel': case 'pubcomp':
      w.u16('packet identifier');
      if (version === 5 && more()) reasonCode(w, type, version);
      if (version === 5 && more()) properties(w);
      return;
    case 'subscribe':
      w.u16('packet identifier');
      if (version === 5) properties(w);
      while (more()) {
        w.string('topic filter', 1);
        w.u8('subscription options', (o) =>
          version < 5 ? `QoS ${o & 3}` : `QoS ${o & 3}, no local=${bit(o, 4)}, retain as published=${bit(o, 8)}, retain handling=${(o >> 4) & 3}`, 1);
      }
      return;
    case 'suback': case 'unsuback':
      w.u16('packet identifier');
      if (version === 5) properties(w);
      if (type === 'suback' || version === 5) while (more()) reasonCode(w, type, version, 1);
      return;
    case 'unsubscribe':
      w.u16('packet identifier');
      if (version === 5) properties(w);
      while (more()) w.string('topic filter', 1);
      return;
    case 'disconnect': case 'auth':
      if (version === 5 && more()) reasonCode(w, type, version);
      if (version === 5 && more()) properties(w);
      return;
    default:
      return; // PINGREQ, PINGRESP: no body
  }
}

/**
 * Maps every byte of `raw` (one packet, fixed header included) to the field it
 * encodes, and decodes it. Never throws for bad input: a rejected packet comes back
 * with `error` and its spans up to where the layout broke, the rest as 'unparsed'.
 */
export function annotate(raw: Buffer, version: ProtocolVersion): Annotation {
  const result: Annotation = { spans: [] };
  try {
    result.packet = decode(raw, version);
  } catch (err) {
    if (!(err instanceof MqttError)) throw err;
    result.error = err;
  }
  const w = new Walk(raw);
  try {
    const byte1 = w.u8('fixed header', fixedHeader);
    const [remaining, size] = w.varint();
    w.span(size, 'remaining length', String(remaining));
    w.end = Math.min(raw.length, w.pos + remaining);
    const type = PacketTypeById[byte1 >> 4];
    if (type === undefined || (type === 'auth' && version < 5)) throw STOP;
    body(w, type, byte1 & 0x0f, version);
  } catch (err) {
    if (err !== STOP) throw err;
  }
  if (w.pos < raw.length) w.spans.push({ offset: w.pos, length: raw.length - w.pos, field: 'unparsed', depth: 0 });
  result.spans = w.spans;
  return result;
}
