// Persistence (persistence true / --persist DIR): retained messages and persistent
// sessions in DIR/mqtk.sqlite (SQLite through better-sqlite3, WAL mode), one row per
// record (see records.ts). Every change is written as it happens into a transaction
// opened for the current event-loop turn, committed once at the end of the turn
// (group commit, setImmediate); the acknowledgements of the turn (commit.ts) go out
// only after that commit. So a QoS 1/2 message acknowledged, a retained message stored
// and a session change confirmed are in the file before the client hears of it, and a
// kill -9 loses none of them. persistence_sync adds an fsync per commit (power loss).
// A message queued for many sessions is stored once and referenced by each delivery.
import type { BrokerCore, SessionSink } from '../core.js';
import type { BrokerMessage } from '../message.js';
import { type Delivery, type Session, type SessionJournal } from '../session.js';
import type { Database, Statement } from './open.js';
import { fromPropertiesJson, STATES, type Table } from './records.js';

interface StoredMessage {
  id: number;
  refs: number;
}

export interface StoreStats {
  commits: number;
}

export class Persistence implements SessionSink, SessionJournal {
  readonly stats: StoreStats = { commits: 0 };
  private pending = false;
  private waiting: Array<() => void> = [];
  private readonly changed = new Set<Session>();
  private readonly stored = new WeakMap<BrokerMessage, StoredMessage>();
  private readonly next: Record<Table, number>;
  private readonly sql: Record<string, Statement>;
  private closed = false;
  private readonly commitTurn = (): void => this.commitNow();

  constructor(private readonly core: BrokerCore, private readonly db: Database, lastIds: Record<Table, number>) {
    this.next = { ...lastIds };
    const p = (text: string): Statement => db.prepare<unknown[]>(text);
    this.sql = {
      begin: p('BEGIN'),
      commit: p('COMMIT'),
      rollback: p('ROLLBACK'),
      putSession: p(`INSERT INTO sessions (id, client_id, expiry, username, detached_at, subscriptions) VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT (client_id) DO UPDATE SET expiry = excluded.expiry, username = excluded.username, detached_at = excluded.detached_at, subscriptions = excluded.subscriptions`),
      dropSession: p('DELETE FROM sessions WHERE client_id = ?'),
      putMessage: p('INSERT INTO messages (id, topic, payload, qos, retain, properties, expires_at, origin) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
      dropMessage: p('DELETE FROM messages WHERE id = ?'),
      putDelivery: p('INSERT INTO deliveries (id, client_id, message_id, qos, retain, subscription_ids, packet_id, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
      setDelivery: p('UPDATE deliveries SET packet_id = ?, state = ? WHERE id = ?'),
      dropDelivery: p('DELETE FROM deliveries WHERE id = ?'),
      putIncoming: p('INSERT OR IGNORE INTO incoming (id, client_id, packet_id) VALUES (?, ?, ?)'),
      dropIncoming: p('DELETE FROM incoming WHERE client_id = ? AND packet_id = ?'),
      dropAllIncoming: p('DELETE FROM incoming WHERE client_id = ?'),
      putRetained: p(`INSERT INTO retained (id, topic, payload, qos, properties, expires_at, origin) VALUES (?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (topic) DO UPDATE SET payload = excluded.payload, qos = excluded.qos, properties = excluded.properties, expires_at = excluded.expires_at, origin = excluded.origin`),
      dropRetained: p('DELETE FROM retained WHERE topic = ?'),
    };
  }

  /** A loaded message row: deliveries that reference it count it. */
  adopt(msg: BrokerMessage, id: number): void {
    if (!this.stored.has(msg)) this.stored.set(msg, { id, refs: 0 });
    this.stored.get(msg)!.refs++;
  }

  /** Starts the turn's transaction on the first write of the turn; false once closed (late timers). */
  private touch(): boolean {
    if (this.closed) return false;
    if (this.pending) return true;
    this.pending = true;
    this.sql.begin!.run();
    setImmediate(this.commitTurn);
    return true;
  }

  afterCommit(fn: () => void): void {
    if (this.pending) this.waiting.push(fn);
    else fn();
  }

  commitNow(): void {
    if (!this.pending) return;
    const waiting = this.waiting;
    this.waiting = [];
    try {
      for (const s of this.changed) this.writeSession(s);
      this.changed.clear();
      this.sql.commit!.run();
      this.stats.commits++;
    } catch (err) {
      // Nothing of this turn is on disk: its acknowledgements are not sent (clients resend).
      if (this.db.inTransaction) this.sql.rollback!.run();
      this.pending = false;
      this.core.warn(`persistence: commit failed, ${waiting.length} acknowledgements withheld: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    this.pending = false;
    for (const fn of waiting) fn();
  }

  // SessionSink

  sessionChanged(s: Session): void {
    if (s.ended || (s.journal === undefined && s.expiryInterval === 0)) return;
    if (!this.touch()) return;
    if (s.journal === undefined) this.attach(s);
    this.changed.add(s);
  }

  /** Journals a session from now on, writing what it already holds. */
  attach(s: Session): void {
    s.journal = this;
    if (!this.touch()) return;
    if (s.queue !== undefined) for (let i = s.queueHead; i < s.queue.length; i++) if (s.queue[i]!.qos > 0) this.deliveryAdded(s, s.queue[i]!);
    if (s.inflight !== undefined) for (const d of s.inflight.values()) this.deliveryAdded(s, d);
    if (s.incoming !== undefined) for (const id of s.incoming) this.incomingChanged(s, id, true);
    this.changed.add(s);
  }

  sessionEnded(s: Session): void {
    if (s.journal === undefined) return;
    if (!this.touch()) return;
    if (s.queue !== undefined) for (let i = s.queueHead; i < s.queue.length; i++) if (s.queue[i]!.storeId) this.deliveryRemoved(s, s.queue[i]!);
    if (s.inflight !== undefined) for (const d of s.inflight.values()) if (d.storeId) this.deliveryRemoved(s, d);
    this.sql.dropAllIncoming!.run(s.clientId);
    this.sql.dropSession!.run(s.clientId);
    this.changed.delete(s);
    s.journal = undefined;
  }

  retainedChanged(topic: string): void {
    if (!this.touch()) return;
    const msg = this.core.retained.get(topic);
    if (msg === undefined) this.sql.dropRetained!.run(topic);
    else this.sql.putRetained!.run(++this.next.retained, topic, msg.payload, msg.qos, fromPropertiesJson(msg.properties), msg.expiresAt, msg.origin ?? null);
  }

  private writeSession(s: Session): void {
    if (s.ended) return;
    const subs = [...(s.subscriptions?.values() ?? [])].map((sub) => ({
      filter: sub.filter, qos: sub.qos, noLocal: sub.noLocal, retainAsPublished: sub.retainAsPublished, retainHandling: sub.retainHandling,
      ...(sub.subscriptionId !== undefined ? { subscriptionId: sub.subscriptionId } : {}),
    }));
    this.sql.putSession!.run(++this.next.sessions, s.clientId, s.expiryInterval, s.username ?? null, s.link === undefined ? Date.now() : null, JSON.stringify(subs));
  }

  // SessionJournal: called by the session as its QoS 1/2 deliveries and incoming ids change.

  deliveryAdded(s: Session, d: Delivery): void {
    if (!this.touch()) return;
    let m = this.stored.get(d.msg);
    if (m === undefined) {
      const msg = d.msg;
      m = { id: ++this.next.messages, refs: 0 };
      this.sql.putMessage!.run(m.id, msg.topic, msg.payload, msg.qos, msg.retain ? 1 : 0, fromPropertiesJson(msg.properties), msg.expiresAt, msg.origin ?? null);
      this.stored.set(msg, m);
    }
    m.refs++;
    d.storeId = ++this.next.deliveries;
    const ids = d.subscriptionIds === undefined ? null : JSON.stringify(d.subscriptionIds);
    this.sql.putDelivery!.run(d.storeId, s.clientId, m.id, d.qos, d.retain ? 1 : 0, ids, d.packetId, STATES.indexOf(d.state));
  }

  deliveryChanged(_s: Session, d: Delivery): void {
    if (!this.touch()) return;
    this.sql.setDelivery!.run(d.packetId, STATES.indexOf(d.state), d.storeId);
  }

  deliveryRemoved(_s: Session, d: Delivery): void {
    this.dropDelivery(d);
  }

  /** Removes a delivery's record, and its message's once no delivery refers to it. */
  dropDelivery(d: Delivery): void {
    if (!this.touch()) return;
    this.sql.dropDelivery!.run(d.storeId);
    d.storeId = 0;
    const m = d.msg === undefined ? undefined : this.stored.get(d.msg);
    if (m !== undefined && --m.refs === 0) {
      this.sql.dropMessage!.run(m.id);
      this.stored.delete(d.msg);
    }
  }

  /** Loaded messages that no delivery adopted (their last delivery ended just before a crash). */
  dropUnreferenced(messages: Map<number, BrokerMessage>): void {
    for (const [id, msg] of messages) {
      if (this.stored.has(msg)) continue;
      if (!this.touch()) return;
      this.sql.dropMessage!.run(id);
    }
  }

  incomingChanged(s: Session, packetId: number, held: boolean): void {
    if (!this.touch()) return;
    if (held) this.sql.putIncoming!.run(++this.next.incoming, s.clientId, packetId);
    else this.sql.dropIncoming!.run(s.clientId, packetId);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.commitNow();
    this.db.close();
  }
}
