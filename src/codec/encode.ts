// One-shot encode and decode. `encode` measures the packet, allocates once, then
// writes (each packet file does both passes); `decode` takes exactly one whole packet.
import { decodePacket, readRemainingLength } from './decode-packet.js';
import { malformed } from './errors.js';
import { encodeAck } from './packets/ack.js';
import { encodeAuth } from './packets/auth.js';
import { encodeConnack } from './packets/connack.js';
import { encodeConnect } from './packets/connect.js';
import { encodeDisconnect } from './packets/disconnect.js';
import { encodePing } from './packets/ping.js';
import { encodePublish } from './packets/publish.js';
import { encodeSuback } from './packets/suback.js';
import { encodeSubscribe } from './packets/subscribe.js';
import { encodeUnsuback } from './packets/unsuback.js';
import { encodeUnsubscribe } from './packets/unsubscribe.js';
import { varintSize } from './primitives.js';
import type { Packet, ProtocolVersion } from './types.js';

/**
 * Encodes `packet` for a connection speaking `version`. CONNECT uses its own
 * `protocolVersion`. Throws MqttError for packets the spec does not allow to be sent.
 */
export function encode(packet: Packet, version: ProtocolVersion): Buffer {
  switch (packet.type) {
    case 'publish': return encodePublish(packet, version);
    case 'puback':
    case 'pubrec':
    case 'pubrel':
    case 'pubcomp': return encodeAck(packet, version);
    case 'connect': return encodeConnect(packet);
    case 'connack': return encodeConnack(packet, version);
    case 'subscribe': return encodeSubscribe(packet, version);
    case 'suback': return encodeSuback(packet, version);
    case 'unsubscribe': return encodeUnsubscribe(packet, version);
    case 'unsuback': return encodeUnsuback(packet, version);
    case 'pingreq':
    case 'pingresp': return encodePing(packet.type);
    case 'disconnect': return encodeDisconnect(packet, version);
    case 'auth': return encodeAuth(packet, version);
    default: throw malformed(`unknown packet type '${String((packet as { type: unknown }).type)}'`);
  }
}

/**
 * Decodes `buf`, which must hold exactly one complete packet: a short buffer or
 * trailing bytes are a Malformed Packet. Payloads and binary fields are views of `buf`.
 */
export function decode(buf: Buffer, version: ProtocolVersion): Packet {
  if (buf.length < 2) throw malformed(`a packet needs at least 2 bytes, got ${buf.length}`);
  const remaining = readRemainingLength(buf, 1, buf.length);
  if (remaining < 0) throw malformed('the buffer ends inside the Remaining Length');
  const start = 1 + varintSize(remaining);
  const end = start + remaining;
  if (end > buf.length) throw malformed(`Remaining Length ${remaining} exceeds the ${buf.length - start} bytes that follow it`);
  if (end < buf.length) throw malformed(`${buf.length - end} bytes follow the end of the packet given by its Remaining Length`);
  return decodePacket(buf, buf[0]!, start, end, version);
}
