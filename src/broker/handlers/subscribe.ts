// SUBSCRIBE (§3.8): per filter, validate [MQTT-4.7.1], authorize, store (replacing an
// identical filter of the session [MQTT-3.8.4-3]), grant the requested QoS (we support
// 2), then SUBACK [MQTT-3.8.4-1] followed by retained messages as Retain Handling says
// [MQTT-3.3.1-9] [MQTT-3.8.4-4]. Shared subscriptions get no retained messages (§4.8.2).
import { mayRead, maySubscribe } from '../authorize.js';
import type { QoS, SubscribePacket, Subscription } from '../../codec/types.js';
import { isValidMqttText, isValidTopicFilter } from '../../topic/validate.js';
import { afterCommit } from '../commit.js';
import type { BrokerConnection } from '../connection.js';
import type { BrokerCore } from '../core.js';
import { dropConnection } from '../lifecycle.js';
import { topicTooDeep } from '../limits.js';
import { deliver } from '../outbound.js';
import type { Session } from '../session.js';
import type { Subscriber } from '../subscriptions.js';
import { splitShared } from '../../topic/shared.js';

interface Grant {
  code: number;
  /** The session already had this filter (Retain Handling 1 sends nothing then). */
  existed: boolean;
}

function grant(core: BrokerCore, conn: BrokerConnection, s: Session, sub: Subscription, subscriptionId: number | undefined): Grant {
  const v5 = conn.version === 5;
  if (!isValidTopicFilter(sub.topicFilter) || topicTooDeep(core.config, sub.topicFilter)) return { code: v5 ? 0x8f : 0x80, existed: false };
  if (!maySubscribe(core, conn, sub.topicFilter)) {
    return { code: v5 ? 0x87 : 0x80, existed: false };
  }
  const shared = splitShared(sub.topicFilter);
  const entry: Subscriber<Session> = {
    owner: s,
    filter: sub.topicFilter,
    topicFilter: shared ? shared[1] : sub.topicFilter,
    shareGroup: shared?.[0],
    qos: sub.qos,
    // A bridge (try_private) never gets its own messages back, and keeps RETAIN as published (as mosquitto does).
    noLocal: (sub.noLocal ?? false) || conn.bridge,
    retainAsPublished: (sub.retainAsPublished ?? false) || conn.bridge,
    retainHandling: sub.retainHandling ?? 0,
    subscriptionId,
  };
  const existed = core.tree.add(s.clientId, entry) !== undefined;
  (s.subscriptions ??= new Map()).set(sub.topicFilter, entry);
  return { code: sub.qos, existed };
}

function sendRetained(core: BrokerCore, s: Session, entry: Subscriber<Session>, now: number): void {
  for (const msg of core.retained.match(entry.topicFilter, now)) {
    if (!mayRead(core, s, msg.topic)) continue;
    // Sent because of a new subscription: RETAIN stays 1 [MQTT-3.3.1-9]. Streamed as the
    // client reads, all of them: a subscription to '#' is not a queue overflow.
    deliver(core, s, msg, (msg.qos < entry.qos ? msg.qos : entry.qos) as QoS, true, entry.subscriptionId === undefined ? undefined : [entry.subscriptionId], now, true);
  }
}

export function handleSubscribe(core: BrokerCore, conn: BrokerConnection, p: SubscribePacket): void {
  // A filter with control characters or non-characters [MQTT-1.5.4-3] makes the whole
  // packet malformed, as for mosquitto: nothing is subscribed, the client is disconnected.
  if (!p.subscriptions.every((sub) => isValidMqttText(sub.topicFilter))) {
    dropConnection(core, conn, 'protocol', 0x81, 'topic filter with control characters or non-characters (malformed UTF-8) [MQTT-1.5.4-3]');
    return;
  }
  const s = conn.session!;
  const now = Date.now();
  const subscriptionId = p.properties?.subscriptionIdentifier?.[0];
  const reasonCodes: number[] = [];
  const retained: Array<Subscriber<Session>> = [];
  for (const sub of p.subscriptions) {
    const { code, existed } = grant(core, conn, s, sub, subscriptionId);
    reasonCodes.push(code);
    core.emit?.({ type: 'subscribe', clientId: conn.clientId, filter: sub.topicFilter, qos: sub.qos, granted: code });
    if (code >= 0x80) continue;
    const entry = s.subscriptions!.get(sub.topicFilter)!;
    const rh = entry.retainHandling;
    if (entry.shareGroup === undefined && (rh === 0 || (rh === 1 && !existed))) retained.push(entry);
  }
  const suback = { type: 'suback' as const, packetId: p.packetId, reasonCodes };
  core.sink?.sessionChanged(s);
  // With persistence: once the subscriptions are committed; retained messages follow SUBACK.
  afterCommit(core, () => {
    conn.send(suback);
    for (const entry of retained) sendRetained(core, s, entry, now);
  });
}
