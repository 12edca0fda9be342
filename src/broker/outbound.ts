// Messages towards one session: write now when the client is connected, its socket is
// not backed up and its receive window has room [MQTT-4.9.0-2]; otherwise queue, up to
// max_queued_messages and max_queued_bytes (in-flight bytes count too). QoS 0 is not
// queued for a disconnected client (mosquitto's default). Retained messages for a new
// subscription are queued past those limits: they are streamed as the client reads.
// Queued and in-flight messages are resent on reconnect, PUBLISH with DUP=1
// [MQTT-4.4.0-1]. Every drop is counted in $SYS/broker/publish/messages/dropped.
import type { QoS } from '../codec/types.js';
import { type BrokerConnection, ReadHold } from './connection.js';
import type { BrokerCore } from './core.js';
import { type DeliveryShape, encodeDelivery, toDeliveryPacket } from './encode-delivery.js';
import { type BrokerMessage, detach, isExpired } from './message.js';
import type { Delivery, Session } from './session.js';

/** The connection currently holding the session, if it is past CONNACK. */
export function liveConnection(s: Session): BrokerConnection | undefined {
  const c = s.link as BrokerConnection | undefined;
  return c !== undefined && c.state === 'connected' ? c : undefined;
}

function queueLimit(core: BrokerCore): number {
  const n = core.config.maxQueuedMessages;
  return n > 0 ? n : Number.MAX_SAFE_INTEGER;
}

/** Writes one PUBLISH; false when it exceeds the client's Maximum Packet Size and was discarded [MQTT-3.1.2-25]. */
function write(core: BrokerCore, conn: BrokerConnection, d: Delivery, dup: boolean, now: number): boolean {
  const alias = conn.outAliases?.use(d.msg.topic);
  const shape: DeliveryShape = { qos: d.qos, retain: d.retain, dup, packetId: d.packetId, subscriptionIds: d.subscriptionIds };
  if (alias !== undefined) {
    shape.topicAlias = alias.alias;
    shape.aliasOnly = alias.known;
  }
  const bytes = encodeDelivery(d.msg, conn.version, shape, now);
  if (conn.maxPacketSize > 0 && bytes.length > conn.maxPacketSize) {
    // The client never learns an alias carried by a PUBLISH it does not get.
    if (alias !== undefined && !alias.known) conn.outAliases!.forget(d.msg.topic);
    core.stats.dropped++;
    core.emit?.({ type: 'dropped', clientId: conn.clientId, topic: d.msg.topic, reason: 'larger than the client\'s maximum packet size' });
    return false;
  }
  core.stats.messagesSent++;
  // The decoded form is built only for packet logging (core.onPacket, via the wire tap).
  conn.sendBytes(bytes, core.onPacket !== undefined ? toDeliveryPacket(d.msg, conn.version, shape, now) : undefined);
  return true;
}

function send(core: BrokerCore, s: Session, conn: BrokerConnection, d: Delivery, now: number): void {
  if (d.qos > 0) {
    // In flight until the client acknowledges, which may be never: our own copy of the
    // payload, not a view pinning the publisher's whole socket chunk.
    detach(d.msg);
    s.takeoff(d);
  }
  if (!write(core, conn, d, false, now) && d.qos > 0) s.land(d.packetId);
}

/** Why a message the session would hold (queued, or in flight) is refused, if it is. */
function overLimit(core: BrokerCore, s: Session, msg: BrokerMessage, queuing: boolean): string | undefined {
  if (queuing && s.backlog >= queueLimit(core)) return 'queue full (max_queued_messages)';
  const bytes = core.config.maxQueuedBytes;
  if (bytes > 0 && s.heldBytes + msg.payload.length > bytes) return 'queue full (max_queued_bytes)';
  return undefined;
}

/**
 * Routes one message to a session with the QoS, RETAIN flag and Subscription Identifiers
 * its subscriptions give. `streamed`: a retained message for a new subscription, sent as
 * the client reads and never dropped for the queue limits.
 */
export function deliver(core: BrokerCore, s: Session, msg: BrokerMessage, qos: QoS, retain: boolean, ids: number[] | undefined, now: number, streamed = false): void {
  const conn = liveConnection(s);
  if (conn === undefined && qos === 0) return;
  const direct = conn !== undefined && s.queued === 0 && !conn.congested(core.config.writeBufferLimit) && (qos === 0 || s.inflightCount < conn.sendWindow);
  if (!streamed && (!direct || qos > 0)) {
    const why = overLimit(core, s, msg, !direct);
    if (why !== undefined) {
      core.stats.dropped++;
      core.emit?.({ type: 'dropped', clientId: s.clientId, topic: msg.topic, reason: why });
      return;
    }
  }
  const d: Delivery = { msg, qos, retain, subscriptionIds: ids, packetId: 0, state: 'queued', streamed };
  if (direct) {
    send(core, s, conn!, d, now);
    return;
  }
  detach(msg);
  s.push(d);
  if (conn !== undefined) waitForDrain(core, s, conn);
}

/** Sends queued messages while the socket and the receive window have room. */
export function pump(core: BrokerCore, s: Session, now: number): void {
  const conn = liveConnection(s);
  if (conn === undefined) return;
  const limit = core.config.writeBufferLimit;
  for (let d = s.peek(); d !== undefined; d = s.peek()) {
    if (conn.congested(limit)) break;
    if (isExpired(d.msg, now)) {
      s.shift();
      continue;
    }
    if (d.qos > 0 && s.inflightCount >= conn.sendWindow) break;
    s.shift();
    send(core, s, conn, d, now);
  }
  if (s.queued > 0) waitForDrain(core, s, conn);
  onBacklogShrunk(core, s);
}

function waitForDrain(core: BrokerCore, s: Session, conn: BrokerConnection): void {
  if (conn.drainWaiting || !conn.congested(core.config.writeBufferLimit)) return;
  conn.drainWaiting = true;
  conn.wire.stream.once('drain', () => {
    conn.drainWaiting = false;
    if (s.link === conn) pump(core, s, Date.now());
  });
}

/**
 * After reconnecting to a session: resend unacknowledged PUBLISH with DUP=1 and PUBREL
 * for messages already released, in their original order [MQTT-4.4.0-1], then the queue.
 */
export function resume(core: BrokerCore, s: Session, conn: BrokerConnection, now: number): void {
  if (s.inflight !== undefined) {
    for (const d of [...s.inflight.values()]) {
      if (d.state === 'released') conn.send({ type: 'pubrel', packetId: d.packetId });
      else if (!write(core, conn, d, true, now)) s.land(d.packetId);
    }
  }
  pump(core, s, now);
}

// Backpressure. A publisher whose messages fill a connected subscriber's queue past half
// of max_queued_messages is put on hold (its socket is not read) until that queue drains,
// so fast publishers never make the broker drop messages for a live but slower
// subscriber; memory stays bounded by one socket chunk per held publisher. A subscriber
// that does not drain within HOLD_LIMIT_MS stops holding publishers (then its queue
// fills and drops, counted), so one stuck client cannot stall everyone.
export const HOLD_LIMIT_MS = 5000;
const blockers = new WeakMap<Session, Set<BrokerConnection>>();
/** Subscribers that held publishers too long: no more holding until their queue drains. */
const stuck = new WeakSet<Session>();

export function applyBackpressure(core: BrokerCore, s: Session, from: BrokerConnection | undefined): void {
  if (from === undefined || from.session === s || s.backlog * 2 < queueLimit(core) || stuck.has(s) || liveConnection(s) === undefined) return;
  let held = blockers.get(s);
  if (held === undefined) blockers.set(s, (held = new Set()));
  if (held.has(from)) return;
  held.add(from);
  (from.pausedBy ??= new Set()).add(s);
  if (from.pausedAt === 0) from.pausedAt = Date.now();
  from.holdReading(ReadHold.publishers);
}

function onBacklogShrunk(core: BrokerCore, s: Session): void {
  if (s.backlog * 4 > queueLimit(core)) return;
  stuck.delete(s);
  releaseAll(s);
}

/** Called by the sweeper for a publisher held longer than HOLD_LIMIT_MS. */
export function giveUpHolding(conn: BrokerConnection): void {
  for (const s of [...(conn.pausedBy ?? [])]) {
    stuck.add(s);
    releaseAll(s);
  }
}

/** Lets every publisher held by `s` go (the session drained, went away, or is stuck). */
export function releaseAll(s: Session): void {
  const held = blockers.get(s);
  if (held === undefined) return;
  blockers.delete(s);
  for (const conn of held) releaseOne(conn, s);
}

export function releaseOne(conn: BrokerConnection, s: Session): void {
  blockers.get(s)?.delete(conn);
  const by = conn.pausedBy;
  if (by === undefined || !by.delete(s)) return;
  if (by.size > 0) return;
  conn.pausedBy = undefined;
  conn.pausedAt = 0;
  conn.lastSeen = Date.now();
  if (conn.state === 'connected') conn.releaseReading(ReadHold.publishers);
}
