// PUBLISH from a client (§3.3): topic alias resolution [MQTT-3.3.2-12], authorization,
// then QoS 0 route; QoS 1 route + PUBACK; QoS 2 route once + PUBREC, remembering the
// Packet Identifier until PUBREL so a resent PUBLISH is not delivered twice
// (exactly once, [MQTT-4.3.3-9]). Our Receive Maximum bounds unreleased QoS 2 [MQTT-3.3.4-9].
import { mayPublish } from '../authorize.js';
import type { PublishPacket } from '../../codec/types.js';
import { sendAck } from '../commit.js';
import type { BrokerConnection } from '../connection.js';
import type { BrokerCore } from '../core.js';
import { dropConnection } from '../lifecycle.js';
import { topicTooDeep } from '../limits.js';
import { type BrokerMessage, toBrokerMessage } from '../message.js';
import { receiveMaximum } from '../options.js';
import { route } from '../router.js';
import { isValidMqttText } from '../../topic/validate.js';

function resolveTopic(core: BrokerCore, conn: BrokerConnection, p: PublishPacket): string | undefined {
  const alias = p.properties?.topicAlias;
  if (alias === undefined) return p.topic;
  if (alias > core.config.maxTopicAlias) {
    dropConnection(core, conn, 'protocol', 0x94, `topic alias ${alias} exceeds the Topic Alias Maximum ${core.config.maxTopicAlias} [MQTT-3.3.2-9]`);
    return undefined;
  }
  const aliases = (conn.aliases ??= new Map());
  if (p.topic !== '') {
    aliases.set(alias, p.topic);
    return p.topic;
  }
  const topic = aliases.get(alias);
  if (topic === undefined) dropConnection(core, conn, 'protocol', 0x82, `unknown topic alias ${alias} with an empty topic name [MQTT-3.3.2-12]`);
  return topic;
}

function ack(core: BrokerCore, conn: BrokerConnection, type: 'puback' | 'pubrec', packetId: number, reasonCode: number, msg?: BrokerMessage): void {
  const packet = conn.version === 5 && reasonCode !== 0 ? { type, packetId, reasonCode } : { type, packetId };
  // With persistence: after the message and its queue entries are committed (a QoS 1
  // message, `msg`: or once every persistent subscriber has acknowledged it).
  sendAck(core, conn, packet, msg);
}

export function handlePublish(core: BrokerCore, conn: BrokerConnection, p: PublishPacket): void {
  const topic = resolveTopic(core, conn, p);
  if (topic === undefined) return;
  if (!isValidMqttText(topic)) {
    // Control characters and non-characters [MQTT-1.5.4-3]: mosquitto calls the packet
    // malformed and disconnects (MQTT 5: DISCONNECT 0x81 first); so do we.
    dropConnection(core, conn, 'protocol', 0x81, 'topic with control characters or non-characters (malformed UTF-8) [MQTT-1.5.4-3]');
    return;
  }
  if (topicTooDeep(core.config, topic)) {
    // As mosquitto: a topic beyond the level limit is a malformed PUBLISH, not a refusal.
    dropConnection(core, conn, 'protocol', 0x90, `topic of more than ${core.config.maxTopicLevels} levels`);
    return;
  }
  core.stats.messagesReceived++;
  const s = conn.session!;
  const qos = p.qos;
  if (qos === 2) {
    const incoming = s.incoming;
    if (incoming?.has(p.packetId!)) {
      // A resend of a message we already have: acknowledge, do not deliver again [MQTT-4.3.3-9].
      ack(core, conn, 'pubrec', p.packetId!, 0);
      return;
    }
    // Only MQTT 5 clients are told our Receive Maximum; older ones are bounded by their 65,535 ids.
    const max = receiveMaximum(core.config);
    if (conn.version === 5 && incoming !== undefined && incoming.size >= max) {
      dropConnection(core, conn, 'protocol', 0x93, `more than Receive Maximum ${max} QoS 2 messages unreleased [MQTT-3.3.4-9]`);
      return;
    }
  }
  core.emit?.({ type: 'publish', clientId: conn.clientId, topic, qos, retain: p.retain, bytes: p.payload.length });
  let code = 0;
  const limit = core.config.messageSizeLimit;
  if (limit > 0 && p.payload.length > limit) code = 0x97;
  else if (p.retain && !core.config.retainAvailable) {
    // Retain not supported: a protocol violation for MQTT 5 [MQTT-3.3.1-8].
    dropConnection(core, conn, 'protocol', 0x9a, 'RETAIN is not available on this broker');
    return;
  } else if (!mayPublish(core, conn, topic)) code = 0x87;
  let msg: BrokerMessage | undefined;
  if (code === 0) {
    const now = Date.now();
    msg = toBrokerMessage(p, topic, conn.clientId, now);
    const n = route(core, msg, conn, now);
    if (n === 0) code = 0x10;
  } else {
    core.stats.dropped++;
    core.emit?.({ type: 'denied', clientId: conn.clientId, topic, qos, retain: p.retain, dup: p.dup, packetId: p.packetId ?? 0, bytes: p.payload.length, reason: code === 0x87 ? 'not authorised' : 'too large' });
  }
  // A retained message's ack waits for the retained store's commit.
  if (qos === 1) ack(core, conn, 'puback', p.packetId!, code, p.retain ? undefined : msg);
  else if (qos === 2) {
    // A refused QoS 2 message ends its flow at PUBREC with a reason ≥ 0x80 (§4.3.3): nothing to release.
    if (code < 0x80) s.holdIncoming(p.packetId!);
    ack(core, conn, 'pubrec', p.packetId!, code);
  }
}
