// The property table drives both directions: every property in every packet, allowed
// or not, once or twice, at the edges of its range (MQTT 5 §2.2.2, Table 2-4).
import { describe, expect, it } from 'vitest';
import {
  type Packet, type Properties, type PropertyContext, type PropertyDef, Property, decode, encode,
} from '../../src/codec/index.js';
import { expectMqttError } from './expect-mqtt-error.js';

const CONTEXTS: PropertyContext[] = [
  'connect', 'connack', 'publish', 'puback', 'pubrec', 'pubrel', 'pubcomp', 'subscribe', 'suback',
  'unsubscribe', 'unsuback', 'disconnect', 'auth', 'will',
];
const defs: PropertyDef[] = Object.values(Property);

/** A minimal MQTT 5 packet carrying `properties` in `context`. */
function packetWith(context: PropertyContext, properties: Properties): Packet {
  switch (context) {
    case 'connect': return { type: 'connect', protocolVersion: 5, protocolName: 'MQTT', clientId: 'c', clean: true, keepalive: 0, properties };
    case 'will': return { type: 'connect', protocolVersion: 5, protocolName: 'MQTT', clientId: 'c', clean: true, keepalive: 0, will: { topic: 't', payload: Buffer.alloc(0), qos: 0, retain: false, properties } };
    case 'connack': return { type: 'connack', sessionPresent: false, reasonCode: 0, properties };
    case 'publish': return { type: 'publish', topic: 't', payload: Buffer.alloc(0), qos: 0, retain: false, dup: false, properties };
    case 'subscribe': return { type: 'subscribe', packetId: 1, subscriptions: [{ topicFilter: 't', qos: 0, noLocal: false, retainAsPublished: false, retainHandling: 0 }], properties };
    case 'suback': return { type: 'suback', packetId: 1, reasonCodes: [0], properties };
    case 'unsubscribe': return { type: 'unsubscribe', packetId: 1, topicFilters: ['t'], properties };
    case 'unsuback': return { type: 'unsuback', packetId: 1, reasonCodes: [0], properties };
    case 'disconnect': return { type: 'disconnect', reasonCode: 0, properties };
    case 'auth': return { type: 'auth', reasonCode: 0, properties };
    default: return { type: context, packetId: 1, reasonCode: 0, properties };
  }
}

function sampleValue(def: PropertyDef, n = def.min ?? def.max ?? 1): unknown {
  switch (def.type) {
    case 'string': return 'a';
    case 'binary': return Buffer.from('a');
    case 'string-pair': return [['a', 'b']];
    case 'varint': return [n];
    default: return n;
  }
}

/** Wire bytes of one property with the value `n` (or 'a' / 'a'='b' for strings). */
function wire(def: PropertyDef, n = def.min ?? def.max ?? 1): number[] {
  switch (def.type) {
    case 'byte': case 'varint': return [def.id, n];
    case 'u16': return [def.id, 0, n];
    case 'u32': return [def.id, 0, 0, 0, n];
    case 'string': case 'binary': return [def.id, 0, 1, 0x61];
    case 'string-pair': return [def.id, 0, 1, 0x61, 0, 1, 0x62];
  }
}

/**
 * Bytes of the packet for `context` whose property block holds exactly `props`: encode it
 * with one user property, then swap that block for ours and fix the Remaining Length.
 */
function bytesWith(context: PropertyContext, props: number[]): Buffer {
  const bytes = [...encode(packetWith(context, { userProperties: [['a', 'b']] }), 5)];
  const block = [0x07, 0x26, 0x00, 0x01, 0x61, 0x00, 0x01, 0x62];
  const at = bytes.findIndex((_, i) => block.every((b, k) => bytes[i + k] === b));
  bytes.splice(at, block.length, props.length, ...props);
  bytes[1]! += props.length + 1 - block.length; // all of these packets are short: one-byte Remaining Length
  return Buffer.from(bytes);
}

describe('property table', () => {
  it('has unique identifiers, keys and mosquitto names', () => {
    expect(new Set(defs.map((d) => d.id)).size).toBe(defs.length);
    expect(new Set(defs.map((d) => d.name)).size).toBe(defs.length);
    for (const [key, def] of Object.entries(Property)) expect(def.key).toBe(key);
    for (const def of defs) expect(def.name).toMatch(/^[a-z]+(-[a-z]+)*$/);
  });

  it('lists all 27 MQTT 5 properties (Table 2-4)', () => {
    expect(defs.map((d) => d.id).sort((a, b) => a - b)).toEqual([
      0x01, 0x02, 0x03, 0x08, 0x09, 0x0b, 0x11, 0x12, 0x13, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x1c, 0x1f,
      0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0x27, 0x28, 0x29, 0x2a,
    ]);
  });
});

for (const def of defs) {
  describe(`${def.name} (0x${def.id.toString(16).padStart(2, '0')})`, () => {
    for (const context of CONTEXTS) {
      if ((def.packets as readonly string[]).includes(context)) {
        it(`round-trips in ${context}`, () => {
          const props: Properties = { [def.key]: sampleValue(def) };
          if (def.key === 'authenticationData') props.authenticationMethod = 'm';
          const packet = packetWith(context, props);
          expect(decode(encode(packet, 5), 5)).toEqual(packet);
        });
        const repeats = (def.repeatIn as readonly string[] | undefined)?.includes(context) ?? false;
        it(`${repeats ? 'may' : 'may not'} appear twice in ${context} (§2.2.2.2)`, () => {
          const bytes = bytesWith(context, [...wire(def), ...wire(def)]);
          if (repeats) expect(() => decode(bytes, 5)).not.toThrow();
          else expectMqttError(() => decode(bytes, 5), 0x82, 'more than once');
        });
      } else {
        it(`is a Malformed Packet in ${context} (§2.2.2.2)`, () => {
          expectMqttError(() => decode(bytesWith(context, wire(def)), 5), 0x81, '§2.2.2.2');
          expectMqttError(() => encode(packetWith(context, { [def.key]: sampleValue(def) }), 5), 0x81, '§2.2.2.2');
        });
      }
    }
    const context = def.packets[0]!;
    if (def.min !== undefined) {
      it(`rejects ${def.min - 1}, below its minimum, as a Protocol Error`, () => {
        expectMqttError(() => decode(bytesWith(context, wire(def, def.min! - 1)), 5), 0x82, `at least ${def.min}`);
        expectMqttError(() => encode(packetWith(context, { [def.key]: sampleValue(def, def.min! - 1) }), 5), 0x82, `at least ${def.min}`);
      });
    }
    if (def.max !== undefined) {
      it(`rejects ${def.max + 1}, above its maximum, as a Protocol Error`, () => {
        expectMqttError(() => decode(bytesWith(context, wire(def, def.max! + 1)), 5), 0x82, '0 or 1');
        expectMqttError(() => encode(packetWith(context, { [def.key]: sampleValue(def, def.max! + 1) }), 5), 0x82, '0 or 1');
      });
    }
  });
}

describe('property values on encode', () => {
  it('refuses an unknown key', () => {
    expectMqttError(() => encode(packetWith('publish', { bogus: 1 } as Properties), 5), 0x81, "unknown property 'bogus'");
  });

  it('refuses a value of the wrong type', () => {
    expectMqttError(() => encode(packetWith('publish', { contentType: 5 } as unknown as Properties), 5), 0x81, 'must be a string');
    expectMqttError(() => encode(packetWith('publish', { topicAlias: 1.5 }), 5), 0x81, 'integer');
  });

  it('skips undefined values and empty lists', () => {
    const bytes = encode(packetWith('publish', { contentType: undefined, userProperties: [] }), 5);
    expect(decode(bytes, 5)).toEqual(packetWith('publish', undefined as unknown as Properties));
  });

  it('writes user properties in order, duplicates included [MQTT-3.3.2-18]', () => {
    const props: Properties = { userProperties: [['k', '2'], ['k', '1'], ['a', '3']] };
    expect((decode(encode(packetWith('publish', props), 5), 5) as { properties: Properties }).properties).toEqual(props);
  });
});
