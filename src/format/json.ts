// mqtk's --output json: one JSON object per line, for jq and log pipelines. Unlike
// %j this is always valid JSON: binary payloads are base64 with an explicit encoding
// field instead of raw bytes, and every MQTT 5 property keeps its own snake_case key.
import { isUtf8 } from 'node:buffer';
import type { Properties } from '../codec/types.js';
import type { ReceivedMessage } from './message.js';

/** Bytes as text when they are valid UTF-8 (a BOM kept), else base64 (reported through `encoding`). */
function encodeBytes(bytes: Buffer): { text: string; encoding?: 'base64' } {
  return isUtf8(bytes) ? { text: bytes.toString('utf8') } : { text: bytes.toString('base64'), encoding: 'base64' };
}

export const snakeCase = (name: string): string => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Adds `key` (and `key_encoding` for base64) to `into`, converting Buffers and Dates. */
function put(into: Record<string, unknown>, key: string, value: unknown): void {
  if (value === undefined) return;
  if (Buffer.isBuffer(value)) {
    const { text, encoding } = encodeBytes(value);
    into[key] = text;
    if (encoding) into[`${key}_encoding`] = encoding;
  } else if (value instanceof Date) {
    into[key] = value.toISOString();
  } else if (typeof value === 'bigint') {
    into[key] = value.toString();
  } else {
    into[key] = value;
  }
}

/** Every property present, snake_case; user properties as [name, value] pairs in order. */
export function toJsonProperties(props: Properties): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(props)) {
    if (Array.isArray(value) && value.length === 0) continue;
    put(out, snakeCase(name), value);
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * One message as a JSON line (with "\n"): time (UTC, ms), topic, payload (+ payload_encoding
 * "base64" when not UTF-8), qos, retain, dup, packet_id (QoS > 0), properties (when any).
 */
export function formatJsonMessage(msg: ReceivedMessage): string {
  const { packet } = msg;
  const line: Record<string, unknown> = { time: new Date(msg.time.epochMs).toISOString(), topic: packet.topic };
  put(line, 'payload', packet.payload);
  line.qos = packet.qos;
  line.retain = packet.retain;
  line.dup = packet.dup;
  if (packet.qos > 0) line.packet_id = packet.packetId;
  const props = packet.properties && toJsonProperties(packet.properties);
  if (props) line.properties = props;
  return `${JSON.stringify(line)}\n`;
}

/** Non-message events of --output json; `kind` becomes the "event" key. */
export type JsonEventKind = 'connected' | 'subscribed' | 'published' | 'disconnected' | 'error' | (string & {});

/**
 * A non-message event as a JSON line (with "\n"): {"event": kind, ...fields}. Buffers
 * become text or base64 (+ `<key>_encoding`), Dates ISO strings, undefined fields are
 * dropped. Formatters never read the clock: pass `time: new Date(...)` to include one.
 */
export function formatJsonEvent(kind: JsonEventKind, fields: Record<string, unknown> = {}): string {
  const line: Record<string, unknown> = { event: kind };
  for (const [key, value] of Object.entries(fields)) put(line, key, value);
  return `${JSON.stringify(line)}\n`;
}
