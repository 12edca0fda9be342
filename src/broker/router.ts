// Routing one accepted message: store it if retained, find the matching subscriptions
// in the tree, merge overlapping subscriptions of one session into one delivery (the
// highest QoS and every Subscription Identifier [MQTT-3.3.4-2] [MQTT-3.3.4-3]), and hand
// each session its copy. QoS is downgraded to the subscription's [MQTT-3.8.4-8].
import { mayRead } from './authorize.js';
import type { QoS } from '../codec/types.js';
import type { BrokerConnection } from './connection.js';
import type { BrokerCore } from './core.js';
import { type BrokerMessage, detach } from './message.js';
import { applyBackpressure, deliver } from './outbound.js';
import type { Session } from './session.js';
import type { Subscriber } from './subscriptions.js';

/** Stores or clears the retained message of the topic [MQTT-3.3.1-5] [MQTT-3.3.1-10]. */
export function retain(core: BrokerCore, msg: BrokerMessage): void {
  if (!core.config.retainAvailable) return;
  core.retained.set(detach(msg));
  // $SYS values are rebuilt at start-up: not worth storing.
  if (!msg.topic.startsWith('$SYS/')) core.sink?.retainedChanged(msg.topic);
}

/** Delivers `msg` to every matching session; returns how many sessions it went to. */
export function route(core: BrokerCore, msg: BrokerMessage, from: BrokerConnection | undefined, now: number): number {
  if (msg.retain) retain(core, msg);
  const gen = ++core.matchGen;
  const targets: Session[] = [];
  const visit = (sub: Subscriber<Session>): void => {
    const s = sub.owner;
    // No Local: not back to the connection that published it [MQTT-3.8.3-3].
    if (sub.noLocal && msg.origin === s.clientId) return;
    const qos = (sub.qos < msg.qos ? sub.qos : msg.qos) as QoS;
    // Retain As Published keeps the flag; otherwise it is 0 on forwarded messages [MQTT-3.3.1-12] [MQTT-3.3.1-13].
    const retainFlag = sub.retainAsPublished && msg.retain;
    const id = sub.subscriptionId;
    if (s.matchGen !== gen) {
      s.matchGen = gen;
      s.matchQos = qos;
      s.matchRetain = retainFlag;
      s.matchIds = id === undefined ? undefined : [id];
      targets.push(s);
      return;
    }
    if (qos > s.matchQos) s.matchQos = qos;
    if (retainFlag) s.matchRetain = true;
    if (id !== undefined) (s.matchIds ??= []).push(id);
  };
  core.tree.match(msg.topic, visit);
  let sent = 0;
  for (const s of targets) {
    if (!mayRead(core, s, msg.topic)) continue;
    deliver(core, s, msg, s.matchQos, s.matchRetain, s.matchIds, now);
    applyBackpressure(core, s, from);
    sent++;
  }
  return sent;
}
