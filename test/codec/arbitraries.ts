// fast-check arbitraries for valid packets of every type and version, in the form
// `decode` returns them (so that decode(encode(p)) can be compared with toEqual):
// `properties` only when non-empty, v5 acks always with a reasonCode, and so on.
import fc from 'fast-check';
import {
  type Packet, type Properties, type PropertyContext, type PropertyDef, type ProtocolVersion,
  type QoS, type ReasonCodePacket, type Subscription, Property, isReasonCodeAllowed,
} from '../../src/codec/index.js';

export const versionArb: fc.Arbitrary<ProtocolVersion> = fc.constantFrom(3, 4, 5);
const qosArb = fc.constantFrom<QoS>(0, 1, 2);
const u16 = fc.integer({ min: 0, max: 0xffff });
const packetIdArb = fc.integer({ min: 1, max: 0xffff });

/** Any well-formed string without U+0000 [MQTT-1.5.4-2]; mostly short, sometimes not ASCII. */
export const stringArb: fc.Arbitrary<string> = fc
  .oneof(fc.string({ maxLength: 20 }), fc.string({ unit: 'binary', maxLength: 12 }), fc.string({ unit: 'grapheme', maxLength: 4 }))
  .map((s) => s.replace(/\u0000/g, ''));
const nonEmpty = (a: fc.Arbitrary<string>): fc.Arbitrary<string> => a.map((s) => (s === '' ? 'x' : s));
/** Topic names: no wildcards [MQTT-3.3.2-2], at least one character [MQTT-4.7.3-1]. */
export const topicNameArb: fc.Arbitrary<string> = nonEmpty(stringArb.map((s) => s.replace(/[+#]/g, '')));
const topicFilterArb = nonEmpty(fc.oneof(stringArb, fc.constantFrom('#', '+/a/#', '$share/g/a/+', 'a/+/b')));
const bytesArb = fc.uint8Array({ maxLength: 40 }).map((a) => Buffer.from(a));

function codesFor(packet: ReasonCodePacket): number[] {
  return Array.from({ length: 256 }, (_, i) => i).filter((c) => isReasonCodeAllowed(packet, c));
}

function valueArb(def: PropertyDef, context: PropertyContext): fc.Arbitrary<unknown> {
  const int = (max: number): fc.Arbitrary<number> => fc.integer({ min: def.min ?? 0, max: Math.min(max, def.max ?? max) });
  switch (def.type) {
    case 'byte': return int(0xff);
    case 'u16': return int(0xffff);
    case 'u32': return int(0xffffffff);
    case 'varint': return fc.array(int(268_435_455), { minLength: 1, maxLength: context === 'publish' ? 3 : 1 });
    case 'string': return stringArb;
    case 'binary': return bytesArb;
    case 'string-pair': return fc.array(fc.tuple(stringArb, stringArb), { minLength: 1, maxLength: 3 });
  }
}

/** A non-empty property block valid in `context`, or undefined. */
export function propertiesArb(context: PropertyContext): fc.Arbitrary<Properties | undefined> {
  const defs = Object.values(Property).filter((d: PropertyDef) => (d.packets as readonly string[]).includes(context));
  const record = Object.fromEntries(defs.map((d) => [d.key, valueArb(d, context)]));
  const block = fc.record(record, { requiredKeys: [] }).map((p) => {
    const props = p as Properties;
    // Authentication Data needs an Authentication Method (§3.1.2.11.10).
    if (props.authenticationData !== undefined && props.authenticationMethod === undefined) delete props.authenticationData;
    return props;
  });
  return fc.option(block.filter((p) => Object.keys(p).length > 0), { nil: undefined });
}

/** Adds `properties` only when there are some and the version has them. */
function withProps<T extends object>(packet: T, props: Properties | undefined, version: ProtocolVersion): T {
  return version === 5 && props !== undefined ? { ...packet, properties: props } : packet;
}

function opt<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

const arbs = {
  connect: (v: ProtocolVersion) =>
    fc.record({
      clientId: stringArb, clean: fc.boolean(), keepalive: u16,
      username: fc.option(stringArb, { nil: undefined }), password: fc.option(bytesArb, { nil: undefined }),
      will: fc.option(fc.record({ topic: topicNameArb, payload: bytesArb, qos: qosArb, retain: fc.boolean(), props: propertiesArb('will') }), { nil: undefined }),
      props: propertiesArb('connect'),
    }).map(({ clientId, clean, keepalive, username, password, will, props }): Packet => {
      // Before MQTT 5 a password needs a user name [MQTT-3.1.2-22].
      const pw = v < 5 && username === undefined ? undefined : password;
      const w = will && withProps({ topic: will.topic, payload: will.payload, qos: will.qos, retain: will.retain }, will.props, v);
      const p = { type: 'connect' as const, protocolVersion: v, protocolName: v === 3 ? 'MQIsdp' : 'MQTT', clientId, clean, keepalive, ...opt('will', w), ...opt('username', username), ...opt('password', pw) };
      return withProps(p, props, v);
    }),
  connack: (v: ProtocolVersion) =>
    fc.record({ sessionPresent: fc.boolean(), code: v === 5 ? fc.constantFrom(...codesFor('connack')) : fc.integer({ min: 0, max: 5 }), props: propertiesArb('connack') })
      .map(({ sessionPresent, code, props }): Packet => withProps({ type: 'connack', sessionPresent: sessionPresent && code === 0, reasonCode: code }, props, v)),
  publish: (v: ProtocolVersion) =>
    fc.record({ topic: topicNameArb, payload: bytesArb, qos: qosArb, retain: fc.boolean(), dup: fc.boolean(), packetId: packetIdArb, props: propertiesArb('publish') })
      .map(({ topic, payload, qos, retain, dup, packetId, props }): Packet =>
        withProps({ type: 'publish', topic, payload, qos, retain, dup: dup && qos > 0, ...opt('packetId', qos > 0 ? packetId : undefined) }, props, v)),
  ack: (v: ProtocolVersion) =>
    fc.constantFrom('puback', 'pubrec', 'pubrel', 'pubcomp' as const).chain((type) =>
      fc.record({ packetId: packetIdArb, code: fc.constantFrom(...codesFor(type)), props: propertiesArb(type) })
        .map(({ packetId, code, props }): Packet => withProps({ type, packetId, ...opt('reasonCode', v === 5 ? code : undefined) }, props, v))),
  subscribe: (v: ProtocolVersion) =>
    fc.record({
      packetId: packetIdArb, props: propertiesArb('subscribe'),
      subs: fc.array(fc.record({ topicFilter: topicFilterArb, qos: qosArb, noLocal: fc.boolean(), retainAsPublished: fc.boolean(), retainHandling: fc.constantFrom<0 | 1 | 2>(0, 1, 2) }), { minLength: 1, maxLength: 4 }),
    }).map(({ packetId, props, subs }): Packet => {
      const subscriptions: Subscription[] = subs.map((s) =>
        v === 5 ? { ...s, noLocal: s.noLocal && !s.topicFilter.startsWith('$share/') } : { topicFilter: s.topicFilter, qos: s.qos });
      return withProps({ type: 'subscribe', packetId, subscriptions }, props, v);
    }),
  suback: (v: ProtocolVersion) =>
    fc.record({ packetId: packetIdArb, codes: fc.array(fc.constantFrom(...(v === 5 ? codesFor('suback') : [0, 1, 2, 0x80])), { minLength: 1, maxLength: 5 }), props: propertiesArb('suback') })
      .map(({ packetId, codes, props }): Packet => withProps({ type: 'suback', packetId, reasonCodes: codes }, props, v)),
  unsubscribe: (v: ProtocolVersion) =>
    fc.record({ packetId: packetIdArb, filters: fc.array(topicFilterArb, { minLength: 1, maxLength: 4 }), props: propertiesArb('unsubscribe') })
      .map(({ packetId, filters, props }): Packet => withProps({ type: 'unsubscribe', packetId, topicFilters: filters }, props, v)),
  unsuback: (v: ProtocolVersion) =>
    fc.record({ packetId: packetIdArb, codes: fc.array(fc.constantFrom(...codesFor('unsuback')), { minLength: 1, maxLength: 5 }), props: propertiesArb('unsuback') })
      .map(({ packetId, codes, props }): Packet => withProps({ type: 'unsuback', packetId, ...opt('reasonCodes', v === 5 ? codes : undefined) }, props, v)),
  ping: () => fc.constantFrom<Packet>({ type: 'pingreq' }, { type: 'pingresp' }),
  disconnect: (v: ProtocolVersion) =>
    fc.record({ code: fc.constantFrom(...codesFor('disconnect')), props: propertiesArb('disconnect') })
      .map(({ code, props }): Packet => withProps({ type: 'disconnect', ...opt('reasonCode', v === 5 ? code : undefined) }, props, v)),
  auth: () =>
    fc.record({ code: fc.constantFrom(...codesFor('auth')), props: propertiesArb('auth') })
      .map(({ code, props }): Packet => withProps({ type: 'auth', reasonCode: code }, props, 5)),
};

export type PacketKind = keyof typeof arbs;
export const packetKinds = Object.keys(arbs) as PacketKind[];

/** Valid packets of one kind for one version (AUTH exists only in MQTT 5). */
export function packetArb(kind: PacketKind, version: ProtocolVersion): fc.Arbitrary<Packet> {
  if (kind === 'auth' && version < 5) return arbs.ping();
  return arbs[kind](version);
}

/** Any valid packet for `version`. */
export function anyPacketArb(version: ProtocolVersion): fc.Arbitrary<Packet> {
  return fc.oneof(...packetKinds.map((k) => packetArb(k, version)));
}

