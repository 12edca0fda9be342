/**
 * `mqtk/codec`: a pure MQTT 3.1, 3.1.1 and 5.0 packet codec (imports node:buffer only).
 *
 * ```ts
 * import { encode, decode, createParser, annotate, MqttError } from 'mqtk/codec';
 *
 * const bytes = encode({ type: 'publish', topic: 'a/b', payload: Buffer.from('hi'),
 *   qos: 1, packetId: 7, retain: false, dup: false }, 5);
 * decode(bytes, 5);                       // → the same PublishPacket (payload is a view)
 *
 * const parser = createParser({ protocolVersion: 4, maxPacketSize: 1 << 20 }, (packet, raw) => {
 *   if (packet.type === 'connect') parser.setProtocolVersion(packet.protocolVersion);
 * });
 * socket.on('data', (chunk) => {
 *   try { parser.push(chunk); }
 *   catch (err) { if (err instanceof MqttError) closeWith(err.reasonCode); else throw err; }
 * });
 *
 * annotate(bytes, 5).spans;               // byte ranges → field names, for hex dumps
 * ```
 *
 * Every malformed or illegal packet, in either direction, throws `MqttError` whose
 * `reasonCode` is the MQTT 5 code the spec prescribes (0x81 Malformed Packet, 0x82
 * Protocol Error, 0x84, 0x95) and whose message cites the rule, e.g. [MQTT-3.3.1-4].
 */
export type * from './types.js';
export { MqttError } from './errors.js';
export { encode, decode } from './encode.js';
export { publishSize } from './packets/publish.js';
export { createParser, type Parser, type ParserOptions, type OnPacket } from './parser.js';
export { annotate, type Annotation } from './annotate.js';
export {
  PacketType,
  PacketTypeById,
  ReservedFlags,
  ConnackReturnCodeNames,
  ReasonCode,
  reasonCodeName,
  isReasonCodeAllowed,
  Property,
  PropertyById,
  PropertyByKey,
  PropertyByName,
  type PropertyContext,
  type PropertyDef,
  type PropertyWireType,
  type ReasonCodePacket,
} from './constants.js';
export { MAX_VARINT } from './primitives.js';
