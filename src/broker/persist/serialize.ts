// The documents of the store older mqtk versions wrote (@seald-io/nedb, DIR/mqtk.db):
// read once to migrate them into the record store. Pure.
import type { Properties, QoS } from '../../codec/types.js';
import type { BrokerMessage } from '../message.js';
import type { Delivery, DeliveryState, Session } from '../session.js';
import type { Subscriber } from '../subscriptions.js';
import type { SubscriptionRecord } from './records.js';
import { toSession } from './restore.js';

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

/** A subscription was stored as the record store keeps it. */
export type SubscriptionDoc = SubscriptionRecord;

export interface SessionDoc {
  _id: string;
  kind: 'session';
  clientId: string;
  expiryInterval: number;
  username?: string;
  /** When this document was written (epoch ms): expiry counts from here. */
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

function fromPropertiesDoc(doc: Record<string, unknown>): Properties {
  const { correlationData, ...rest } = doc;
  const props = rest as Properties;
  if (typeof correlationData === 'string') props.correlationData = Buffer.from(correlationData, 'base64');
  return props;
}

export function fromMessageDoc(d: MessageDoc): BrokerMessage {
  if (typeof d.topic !== 'string' || typeof d.payload !== 'string') throw new TypeError('message without topic or payload');
  return {
    topic: d.topic, payload: Buffer.from(d.payload, 'base64'), qos: d.qos, retain: d.retain,
    properties: d.properties === undefined ? undefined : fromPropertiesDoc(d.properties),
    expiresAt: d.expiresAt ?? 0, origin: d.origin, detached: true,
  };
}

function fromDeliveryDoc(d: DeliveryDoc): Delivery {
  return { msg: fromMessageDoc(d.m), qos: d.qos, retain: d.retain, subscriptionIds: d.ids, packetId: d.packetId, state: d.state };
}

/** Rebuilds a session (not yet in the tree: the caller adds `subscribers`); throws on a malformed document. */
export function fromSessionDoc(doc: SessionDoc): { session: Session; subscribers: Array<Subscriber<Session>> } {
  const { session: s, subscribers } = toSession({ clientId: doc.clientId, expiry: doc.expiryInterval, username: doc.username, detachedAt: doc.savedAt, subscriptions: doc.subscriptions });
  if (doc.inflight.length > 0) s.inflight = new Map(doc.inflight.map((d) => [d.packetId, fromDeliveryDoc(d)]));
  if (doc.queue.length > 0) s.queue = doc.queue.map(fromDeliveryDoc);
  if (doc.incoming.length > 0) s.incoming = new Set(doc.incoming);
  return { session: s, subscribers };
}
