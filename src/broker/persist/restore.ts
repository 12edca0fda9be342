// Store contents → broker state at start-up: retained messages, then sessions (offline,
// with their subscriptions in the tree, queues and in-flight messages in their original
// order, unreleased incoming QoS 2 ids) and their expiry timers. A session whose expiry
// ran out while serve was down is removed from the store, with its deliveries.
import type { BrokerCore } from '../core.js';
import { isExpired } from '../message.js';
import { type Delivery, Session } from '../session.js';
import { endSession, NEVER_EXPIRES } from '../sessions.js';
import type { Subscriber } from '../subscriptions.js';
import { longTimeout } from '../timers.js';
import { splitShared } from '../../topic/shared.js';
import type { StoreContents } from './open.js';
import type { SessionRecord } from './records.js';
import type { Persistence } from './store.js';

export interface Restored {
  sessions: number;
  retained: number;
  queued: number;
}

export function toSession(r: SessionRecord): { session: Session; subscribers: Array<Subscriber<Session>> } {
  const s = new Session(r.clientId);
  s.expiryInterval = r.expiry;
  s.username = r.username;
  const subscribers: Array<Subscriber<Session>> = r.subscriptions.map((d) => {
    const shared = splitShared(d.filter);
    return {
      owner: s, filter: d.filter, topicFilter: shared ? shared[1] : d.filter, shareGroup: shared?.[0], qos: d.qos,
      noLocal: d.noLocal, retainAsPublished: d.retainAsPublished, retainHandling: d.retainHandling, subscriptionId: d.subscriptionId,
    };
  });
  if (subscribers.length > 0) s.subscriptions = new Map(subscribers.map((sub) => [sub.filter, sub]));
  return { session: s, subscribers };
}

/** The session ends `left` ms from now unless a client takes it first. */
export function armExpiry(core: BrokerCore, session: Session, left: number): void {
  if (left === Infinity) return;
  session.expiryTimer = longTimeout(() => {
    session.expiryTimer = undefined;
    if (session.link === undefined) endSession(core, session);
  }, left);
}

/**
 * `maxOfflineMs` (persistent_client_expiration) caps how long a stored session that would
 * never expire may stay offline; undefined or 0 = no cap.
 */
export function restore(core: BrokerCore, store: Persistence, c: StoreContents, now: number, maxOfflineMs?: number): Restored {
  let retained = 0;
  for (const { msg } of c.retained) {
    if (isExpired(msg, now)) {
      store.retainedChanged(msg.topic);
      continue;
    }
    core.retained.set(msg);
    retained++;
  }
  const gone: Session[] = [];
  for (const { record } of c.sessions) {
    const { session, subscribers } = toSession(record);
    core.sessions.set(session.clientId, session);
    session.journal = store;
    // Expiry counts from the disconnect; a session connected at the crash counts from now.
    const since = record.detachedAt ?? now;
    let left = record.expiry === NEVER_EXPIRES ? Infinity : since + record.expiry * 1000 - now;
    // persistent_client_expiration bounds the sessions that would otherwise never expire (as for live ones).
    if (left === Infinity && maxOfflineMs !== undefined && maxOfflineMs > 0) left = since + maxOfflineMs - now;
    if (record.expiry === 0 || left <= 0) {
      gone.push(session);
      continue;
    }
    for (const sub of subscribers) core.tree.add(session.clientId, sub);
    armExpiry(core, session, left);
  }
  for (const r of c.deliveries) {
    const s = core.sessions.get(r.clientId);
    const msg = c.messages.get(r.messageId);
    const d: Delivery = { msg: msg!, qos: r.qos, retain: r.retain, subscriptionIds: r.subscriptionIds, packetId: r.packetId, state: r.state, storeId: r.id };
    if (msg !== undefined) store.adopt(msg, r.messageId);
    if (s === undefined || msg === undefined) {
      // A delivery without its session or message cannot be sent: drop the record.
      store.dropDelivery(d);
      continue;
    }
    if (r.state === 'queued') (s.queue ??= []).push(d);
    else (s.inflight ??= new Map()).set(r.packetId, d);
  }
  for (const { clientId, packetId } of c.incoming) {
    const s = core.sessions.get(clientId);
    if (s !== undefined) (s.incoming ??= new Set()).add(packetId);
  }
  for (const s of gone) {
    endSession(core, s);
  }
  // Messages no delivery refers to any more (their last delivery ended in a crash window).
  store.dropUnreferenced(c.messages);
  let queued = 0;
  for (const s of core.sessions.values()) queued += s.queued + s.inflightCount;
  return { sessions: core.sessions.size, retained, queued };
}
