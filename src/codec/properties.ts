// MQTT 5 property blocks (§2.2.2): a Variable Byte Integer length, then identifier /
// value pairs. Both directions are driven by the `Property` table in constants.ts:
// which packets allow a property, its wire type, whether it may repeat, its legal range.
import { PropertyById, PropertyByKey, type PropertyContext, type PropertyDef } from './constants.js';
import { malformed, protocolError } from './errors.js';
import { MAX_VARINT, type Reader, binaryLength, checkInt, varintSize, writeBinary, writeU16, writeU32, writeUtf8, writeVarint } from './primitives.js';
import { utf8Length } from './utf8.js';
import type { Properties } from './types.js';

const CONTEXTS: readonly PropertyContext[] = [
  'connect', 'connack', 'publish', 'puback', 'pubrec', 'pubrel', 'pubcomp', 'subscribe', 'suback',
  'unsubscribe', 'unsuback', 'disconnect', 'auth', 'will',
];
const BIT = Object.fromEntries(CONTEXTS.map((c, i) => [c, 1 << i])) as Record<PropertyContext, number>;

interface Entry {
  readonly def: PropertyDef;
  /** Bit set of contexts that allow the property. */
  readonly allowed: number;
  /** Bit set of contexts in which it may repeat. */
  readonly repeat: number;
  /** Values are lists in `Properties` (user properties, subscription identifiers). */
  readonly list: boolean;
  readonly label: string;
}

function toEntry(def: PropertyDef): Entry {
  const mask = (cs: readonly PropertyContext[] | undefined): number => (cs ?? []).reduce((m, c) => m | BIT[c], 0);
  return {
    def,
    allowed: mask(def.packets),
    repeat: mask(def.repeatIn),
    // The properties that may repeat are the ones kept as lists.
    list: def.repeatIn !== undefined,
    label: `${def.name} (0x${def.id.toString(16).padStart(2, '0')})`,
  };
}

const entryById: ReadonlyArray<Entry | undefined> = PropertyById.map((d) => (d === undefined ? undefined : toEntry(d)));
const entryByKey: ReadonlyMap<string, Entry> = new Map([...PropertyByKey].map(([k, d]) => [k, entryById[d.id]!]));

function where(context: PropertyContext): string {
  return context === 'will' ? 'will properties' : context.toUpperCase();
}

/** The range rules recorded in the table: "It is a Protocol Error ... value of 0" and so on. */
function checkRange(e: Entry, value: number): void {
  const { min, max } = e.def;
  if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
    const range = max !== undefined ? `${min ?? 0} or ${max}` : `at least ${min}`;
    const ref = e.def.key === 'topicAlias' ? '[MQTT-3.3.2-8]' : e.def.key === 'subscriptionIdentifier' ? '(§3.8.2.1.2)' : '(§2.2.2.2)';
    throw protocolError(`property ${e.label} must be ${range}, got ${value} ${ref}`);
  }
}

/**
 * Reads a property block at `r.pos` (length included). Returns undefined for an empty
 * block, so that decoded packets only carry `properties` when there are some.
 */
export function decodeProperties(r: Reader, context: PropertyContext): Properties | undefined {
  const len = r.varint('property length');
  if (len === 0) return undefined;
  const end = r.pos + len;
  const outerEnd = r.end;
  if (end > outerEnd) throw malformed(`property length ${len} runs past the end of the packet (${outerEnd - r.pos} bytes left)`);
  // Narrow the reader to the block: a property value that overflows it is malformed.
  r.end = end;
  const bit = BIT[context];
  const props: Record<string, unknown> = {};
  while (r.pos < end) {
    const id = r.varint('property identifier');
    const e = entryById[id];
    // "A Control Packet which contains an Identifier which is not valid for its packet
    // type ... is a Malformed Packet" (§2.2.2.2).
    if (e === undefined) throw malformed(`unknown property identifier 0x${id.toString(16)} in ${where(context)} (§2.2.2.2)`);
    if ((e.allowed & bit) === 0) throw malformed(`property ${e.label} is not valid in ${where(context)} (§2.2.2.2)`);
    let value: unknown;
    switch (e.def.type) {
      case 'byte': value = r.u8(e.label); break;
      case 'u16': value = r.u16(e.label); break;
      case 'u32': value = r.u32(e.label); break;
      case 'varint': value = r.varint(e.label); break;
      case 'string': value = r.utf8(e.label); break;
      case 'binary': value = r.binary(e.label); break;
      case 'string-pair': value = [r.utf8(`${e.label} name`), r.utf8(`${e.label} value`)]; break;
    }
    if (typeof value === 'number') checkRange(e, value);
    const key = e.def.key;
    const prev = props[key];
    if (prev !== undefined && (e.repeat & bit) === 0) {
      throw protocolError(`property ${e.label} appears more than once in ${where(context)}; it is a Protocol Error to include it more than once (§2.2.2.2)`);
    }
    if (!e.list) props[key] = value;
    else if (prev === undefined) props[key] = [value];
    else (prev as unknown[]).push(value);
  }
  r.end = outerEnd;
  if (props['authenticationData'] !== undefined && props['authenticationMethod'] === undefined) {
    throw protocolError(`${where(context)} has Authentication Data without an Authentication Method (§3.1.2.11.10)`);
  }
  return props as Properties;
}

function valueLength(e: Entry, value: unknown, context: PropertyContext): number {
  const what = `property ${e.label}`;
  switch (e.def.type) {
    case 'byte': return intLength(e, value, 0xff, 1);
    case 'u16': return intLength(e, value, 0xffff, 2);
    case 'u32': return intLength(e, value, 0xffffffff, 4);
    case 'string':
      if (typeof value !== 'string') throw malformed(`${what} must be a string`);
      return 3 + utf8Length(value, what);
    case 'binary':
      if (!(value instanceof Uint8Array)) throw malformed(`${what} must be a Buffer`);
      return 3 + binaryLength(value, what);
    case 'varint': {
      if (!Array.isArray(value)) throw malformed(`${what} must be an array of numbers`);
      if (value.length > 1 && (e.repeat & BIT[context]) === 0) {
        throw protocolError(`${where(context)} may carry one ${e.def.name}, got ${value.length} (§3.8.2.1.2)`);
      }
      let n = 0;
      for (const v of value as unknown[]) n += 1 + intLength(e, v, MAX_VARINT, 0);
      return n;
    }
    case 'string-pair': {
      if (!Array.isArray(value)) throw malformed(`${what} must be an array of [name, value] pairs`);
      let n = 0;
      for (const pair of value as unknown[]) {
        if (!Array.isArray(pair) || typeof pair[0] !== 'string' || typeof pair[1] !== 'string') {
          throw malformed(`${what} must be an array of [name, value] string pairs [MQTT-1.5.7-1]`);
        }
        n += 5 + utf8Length(pair[0], `${what} name`) + utf8Length(pair[1], `${what} value`);
      }
      return n;
    }
  }
}

/** Size of one integer value (`size` 0 means Variable Byte Integer). */
function intLength(e: Entry, value: unknown, max: number, size: number): number {
  checkInt(value as number, 0, max, `property ${e.label}`);
  checkRange(e, value as number);
  return size === 0 ? varintSize(value as number) : 1 + size;
}

/**
 * Validates `props` for `context` and returns the length of the block's content (the
 * Property Length value). Undefined values are skipped, as are empty lists.
 */
export function propertiesLength(props: Properties | undefined, context: PropertyContext): number {
  if (props === undefined) return 0;
  const bit = BIT[context];
  let n = 0;
  for (const key in props) {
    const value = props[key as keyof Properties];
    if (value === undefined) continue;
    const e = entryByKey.get(key);
    if (e === undefined) throw malformed(`unknown property '${key}'`);
    if ((e.allowed & bit) === 0) throw malformed(`property ${e.label} is not valid in ${where(context)} (§2.2.2.2)`);
    n += valueLength(e, value, context);
  }
  if (props.authenticationData !== undefined && props.authenticationMethod === undefined) {
    throw protocolError(`${where(context)} has Authentication Data without an Authentication Method (§3.1.2.11.10)`);
  }
  return n;
}

/** Writes the Property Length and the properties; `len` is from propertiesLength. */
export function writeProperties(buf: Buffer, pos: number, props: Properties | undefined, len: number): number {
  pos = writeVarint(buf, pos, len);
  if (props === undefined || len === 0) return pos;
  for (const key in props) {
    const value = props[key as keyof Properties];
    if (value === undefined) continue;
    const { def } = entryByKey.get(key)!;
    const id = def.id;
    switch (def.type) {
      case 'byte': buf[pos++] = id; buf[pos++] = value as number; break;
      case 'u16': buf[pos++] = id; pos = writeU16(buf, pos, value as number); break;
      case 'u32': buf[pos++] = id; pos = writeU32(buf, pos, value as number); break;
      case 'string': {
        const s = value as string;
        buf[pos++] = id;
        pos = writeUtf8(buf, pos, s, Buffer.byteLength(s));
        break;
      }
      case 'binary': buf[pos++] = id; pos = writeBinary(buf, pos, value as Uint8Array); break;
      case 'varint':
        for (const v of value as number[]) {
          buf[pos++] = id;
          pos = writeVarint(buf, pos, v);
        }
        break;
      case 'string-pair':
        for (const [name, v] of value as Array<[string, string]>) {
          buf[pos++] = id;
          pos = writeUtf8(buf, pos, name, Buffer.byteLength(name));
          pos = writeUtf8(buf, pos, v, Buffer.byteLength(v));
        }
        break;
    }
  }
  return pos;
}

/** Before MQTT 5 a packet has no properties: refuse to drop them silently. */
export function assertNoProperties(props: Properties | undefined, packet: string): void {
  if (props === undefined) return;
  for (const key in props) {
    if (props[key as keyof Properties] !== undefined) {
      throw protocolError(`${packet} has property '${key}', but properties need MQTT 5 (§2.2.2)`);
    }
  }
}
