// Shape of the byte vectors: one fixture drives decode, encode, round trip, the
// streaming parser and annotation (see ../vectors.test.ts).
import type { Packet, ProtocolVersion } from '../../../src/codec/index.js';

export interface Vector {
  /** What the bytes show, with the spec section or example they come from. */
  name: string;
  version: ProtocolVersion;
  bytes: number[];
  packet: Packet;
  /** A legal but not shortest form: decoded, but encode produces the shortest one instead. */
  decodeOnly?: true;
}

export interface DecodeError {
  /** Test title: "rejects ... [MQTT-x.y.z-n]". */
  name: string;
  version: ProtocolVersion;
  bytes: number[];
  reasonCode: number;
  /** Text the message must contain: the spec id or section of the broken rule. */
  rule: string;
  /** The packet's own length is wrong: only `decode` can tell (a parser would wait for more). */
  framing?: true;
}

export interface EncodeError {
  name: string;
  version: ProtocolVersion;
  /** Deliberately invalid, hence loosely typed. */
  packet: Record<string, unknown>;
  reasonCode: number;
  rule: string;
}

/** The bytes of an ASCII string, e.g. ...ascii('a/b') in a vector. */
export function ascii(s: string): number[] {
  return [...Buffer.from(s, 'latin1')];
}

/** A Two Byte Integer length prefix followed by the UTF-8 bytes of `s`. */
export function str(s: string): number[] {
  const b = Buffer.from(s, 'utf8');
  return [b.length >> 8, b.length & 0xff, ...b];
}

export const MALFORMED = 0x81;
export const PROTOCOL_ERROR = 0x82;
export const TOPIC_NAME_INVALID = 0x90;
