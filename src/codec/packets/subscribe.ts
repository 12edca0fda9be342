// SUBSCRIBE (§3.8): packet identifier, MQTT 5 properties, then one or more topic
// filter + subscription options pairs. Filter syntax (wildcard placement) is not
// checked here: a server answers a bad filter with a SUBACK failure code, not a
// disconnect, so that check belongs to the topic layer.
import { malformed, protocolError } from '../errors.js';
import { assertNoProperties, decodeProperties, propertiesLength, writeProperties } from '../properties.js';
import { type Reader, varintSize, writeU16, writeUtf8 } from '../primitives.js';
import { allocPacket } from '../packet-buffer.js';
import { utf8Length } from '../utf8.js';
import type { ProtocolVersion, QoS, SubscribePacket, Subscription } from '../types.js';
import { checkPacketId, readPacketId } from './fields.js';

export function decodeSubscribe(r: Reader, version: ProtocolVersion): SubscribePacket {
  const packetId = readPacketId(r, 'SUBSCRIBE');
  const properties = version === 5 ? decodeProperties(r, 'subscribe') : undefined;
  const subscriptions: Subscription[] = [];
  while (r.pos < r.end) {
    const topicFilter = r.utf8('topic filter');
    if (topicFilter === '') throw protocolError('SUBSCRIBE topic filter is empty; it MUST be at least one character [MQTT-4.7.3-1]');
    subscriptions.push(decodeOptions(topicFilter, r.u8('subscription options'), version));
  }
  if (subscriptions.length === 0) {
    throw protocolError('SUBSCRIBE has no topic filters; it MUST contain at least one [MQTT-3.8.3-3]');
  }
  const packet: SubscribePacket = { type: 'subscribe', packetId, subscriptions };
  if (properties !== undefined) packet.properties = properties;
  return packet;
}

function decodeOptions(topicFilter: string, opts: number, version: ProtocolVersion): Subscription {
  const qos = opts & 3;
  if (version < 5) {
    // The 3.1.1 spec spells this id with a dash: [MQTT-3-8.3-4].
    if (opts & 0xfc) throw malformed(`SUBSCRIBE requested QoS byte has reserved bits set (0x${opts.toString(16)}) [MQTT-3-8.3-4]`);
    if (qos === 3) throw malformed('SUBSCRIBE requested QoS is 3 [MQTT-3-8.3-4]');
    return { topicFilter, qos: qos as QoS };
  }
  if (opts & 0xc0) throw malformed(`SUBSCRIBE subscription options bits 7-6 are reserved and MUST be 0 [MQTT-3.8.3-5]`);
  if (qos === 3) throw protocolError('SUBSCRIBE Maximum QoS is 3 (§3.8.3.1)');
  const retainHandling = (opts >> 4) & 3;
  if (retainHandling === 3) throw protocolError('SUBSCRIBE Retain Handling is 3 (§3.8.3.1)');
  const noLocal = (opts & 4) !== 0;
  checkNoLocal(topicFilter, noLocal);
  return { topicFilter, qos: qos as QoS, noLocal, retainAsPublished: (opts & 8) !== 0, retainHandling: retainHandling as 0 | 1 | 2 };
}

function checkNoLocal(topicFilter: string, noLocal: boolean | undefined): void {
  if (noLocal && topicFilter.startsWith('$share/')) {
    throw protocolError(`No Local on the shared subscription "${topicFilter}" [MQTT-3.8.3-4]`);
  }
}

function encodeOptions(s: Subscription, version: ProtocolVersion): number {
  const { qos } = s;
  if (qos !== 0 && qos !== 1 && qos !== 2) throw malformed(`SUBSCRIBE QoS must be 0, 1 or 2, got ${String(qos)} [MQTT-3-8.3-4]`);
  const rh = s.retainHandling ?? 0;
  if (version < 5) {
    if (s.noLocal || s.retainAsPublished || rh !== 0) {
      throw protocolError('SUBSCRIBE options No Local, Retain As Published and Retain Handling need MQTT 5 (§3.8.3.1)');
    }
    return qos;
  }
  if (rh !== 0 && rh !== 1 && rh !== 2) throw protocolError(`SUBSCRIBE Retain Handling must be 0, 1 or 2, got ${String(rh)} (§3.8.3.1)`);
  checkNoLocal(s.topicFilter, s.noLocal);
  return qos | (s.noLocal ? 4 : 0) | (s.retainAsPublished ? 8 : 0) | (rh << 4);
}

export function encodeSubscribe(p: SubscribePacket, version: ProtocolVersion): Buffer {
  checkPacketId(p.packetId, 'SUBSCRIBE');
  const subs = p.subscriptions;
  if (subs.length === 0) throw protocolError('SUBSCRIBE needs at least one topic filter [MQTT-3.8.3-3]');
  const lens = new Array<number>(subs.length);
  const opts = new Array<number>(subs.length);
  let remaining = 2;
  for (let i = 0; i < subs.length; i++) {
    const s = subs[i]!;
    const len = utf8Length(s.topicFilter, 'topic filter');
    if (len === 0) throw protocolError('SUBSCRIBE topic filter is empty; it MUST be at least one character [MQTT-4.7.3-1]');
    lens[i] = len;
    opts[i] = encodeOptions(s, version);
    remaining += 3 + len;
  }
  let propsLen = 0;
  if (version === 5) {
    propsLen = propertiesLength(p.properties, 'subscribe');
    remaining += varintSize(propsLen) + propsLen;
  } else assertNoProperties(p.properties, 'SUBSCRIBE');
  const buf = allocPacket(0x82, remaining);
  let pos = writeU16(buf, buf.length - remaining, p.packetId);
  if (version === 5) pos = writeProperties(buf, pos, p.properties, propsLen);
  for (let i = 0; i < subs.length; i++) {
    pos = writeUtf8(buf, pos, subs[i]!.topicFilter, lens[i]!);
    buf[pos++] = opts[i]!;
  }
  return buf;
}
