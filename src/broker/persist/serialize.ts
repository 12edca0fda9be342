// Session and retained-message documents for the persistent store: plain JSON (payloads
// and binary properties as base64), and back. Pure.
import type { Properties, QoS } from '../../codec/types.js';
import type { BrokerMessage } from '../message.js';
import { type Delivery, type DeliveryState, Session } from '../session.js';
import type { Subscriber } from '../subscriptions.js';
import { splitShared } from '../../topic/shared.js';

export interface MessageDoc {
  topic: string;
  payload: string;
  qos: QoS;
  retain: boolean;
  properties?: Record<string, unknown>;
  expiresAt: number;
  origin?: string;
}

export interface DeliveryDoc {
  m: MessageDoc;
  qos: QoS;
  retain: boolean;
  ids?: number[];
  packetId: number;
  state: DeliveryState;
}

export interface SubscriptionDoc {
  filter: string;
  qos: QoS;
  noLocal: boolean;
  retainAsPublished: boolean;
  retainHandling: 0 | 1 | 2;
  subscriptionId?: number;
}

export interface SessionDoc {
  _id: string;
  kind: 'session';
  clientId: string;
  expiryInterval: number;
  username?: string;
  /** When this document was written (epoch ms): expiry counts from here after a crash. */
  savedAt: number;
  subscriptions: SubscriptionDoc[];
  inflight: DeliveryDoc[];
  queue: DeliveryDoc[];
  incoming: number[];
}

export interface RetainedDoc {
  _id: string;
  kind: 'retained';
  m: MessageDoc;
}

export const sessionKey = (clientId: string): string => `s:${clientId}`;
export const retainedKey = (topic: string): string => `r:${topic}`;

function toPropertiesDoc(p: Properties): Record<string, unknown> {
  const { correlationData, ...rest } = p;
  return correlationData === undefined ? rest : { ...rest, correlationData: correlationData.toString('base64') };
}

function fromPropertiesDoc(doc: Record<string, unknown>): Properties {
  const { correlationData, ...rest } = doc;
  const props = rest as Properties;
  if (typeof correlationData === 'string') props.correlationData = Buffer.from(correlationData, 'base64');
  return props;
}

export function toMessageDoc(m: BrokerMessage): MessageDoc {
  const doc: MessageDoc = { topic: m.topic, payload: m.payload.toString('base64'), qos: m.qos, retain: m.retain, expiresAt: m.expiresAt };
  if (m.properties !== undefined) doc.properties = toPropertiesDoc(m.properties);
  if (m.origin !== undefined) doc.origin = m.origin;
  return doc;
}

export function fromMessageDoc(d: MessageDoc): BrokerMessage {
  return {
    topic: d.topic, payload: Buffer.from(d.payload, 'base64'), qos: d.qos, retain: d.retain,
    properties: d.properties === undefined ? undefined : fromPropertiesDoc(d.properties),
    expiresAt: d.expiresAt, origin: d.origin, detached: true,
  };
}

function toDeliveryDoc(d: Delivery): DeliveryDoc {
  const doc: DeliveryDoc = { m: toMessageDoc(d.msg), qos: d.qos, retain: d.retain, packetId: d.packetId, state: d.state };
  if (d.subscriptionIds !== undefined) doc.ids = d.subscriptionIds;
  return doc;
}

function fromDeliveryDoc(d: DeliveryDoc): Delivery {
  return { msg: fromMessageDoc(d.m), qos: d.qos, retain: d.retain, subscriptionIds: d.ids, packetId: d.packetId, state: d.state };
}

export function toSessionDoc(s: Session, now: number): SessionDoc {
  const doc: SessionDoc = {
    _id: sessionKey(s.clientId), kind: 'session', clientId: s.clientId, expiryInterval: s.expiryInterval, savedAt: now,
    subscriptions: [...(s.subscriptions?.values() ?? [])].map((sub) => ({
      filter: sub.filter, qos: sub.qos, noLocal: sub.noLocal, retainAsPublished: sub.retainAsPublished, retainHandling: sub.retainHandling,
      ...(sub.subscriptionId !== undefined ? { subscriptionId: sub.subscriptionId } : {}),
    })),
    inflight: [...(s.inflight?.values() ?? [])].map(toDeliveryDoc),
    queue: (s.queue?.slice(s.queueHead) ?? []).map(toDeliveryDoc),
    incoming: [...(s.incoming ?? [])],
  };
  if (s.username !== undefined) doc.username = s.username;
  return doc;
}

/** Rebuilds a session (not yet in the tree: the caller adds `subscribers`). */
export function fromSessionDoc(doc: SessionDoc): { session: Session; subscribers: Array<Subscriber<Session>> } {
  const s = new Session(doc.clientId);
  s.expiryInterval = doc.expiryInterval;
  s.username = doc.username;
  const subscribers: Array<Subscriber<Session>> = doc.subscriptions.map((d) => {
    const shared = splitShared(d.filter);
    return {
      owner: s, filter: d.filter, topicFilter: shared ? shared[1] : d.filter, shareGroup: shared?.[0], qos: d.qos,
      noLocal: d.noLocal, retainAsPublished: d.retainAsPublished, retainHandling: d.retainHandling, subscriptionId: d.subscriptionId,
    };
  });
  if (subscribers.length > 0) s.subscriptions = new Map(subscribers.map((sub) => [sub.filter, sub]));
  if (doc.inflight.length > 0) s.inflight = new Map(doc.inflight.map((d) => [d.packetId, fromDeliveryDoc(d)]));
  if (doc.queue.length > 0) s.queue = doc.queue.map(fromDeliveryDoc);
  if (doc.incoming.length > 0) s.incoming = new Set(doc.incoming);
  s.dirty = false;
  return { session: s, subscribers };
}
