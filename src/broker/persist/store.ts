// Persistence (persistence true / --persist DIR): retained messages and persistent
// sessions in DIR/mqtk.sqlite (SQLite through better-sqlite3, WAL mode), one row per
// record (see records.ts). Changes go into one transaction, committed at the end of the
// event-loop turn (group commit); the acknowledgements waiting for it (commit.ts) go out
// only after that commit. So a QoS 1/2 message acknowledged, a retained message stored
// and a session change confirmed are in the file before the client hears of it, and a
// kill -9 loses none of them. persistence_sync adds an fsync per commit (power loss).
// A message queued for many sessions is stored once and referenced by each delivery.
// Messages and deliveries are written at the commit, as they are then: a delivery added
// and sent before it is one INSERT, and one acknowledged before it is not written at all.
// That is what makes a live subscriber cheap (see COMMIT_WINDOW_MS): a QoS 1 message whose
// every persistent delivery was acknowledged has nothing left to lose, so its PUBACK goes
// at once, without waiting for any commit.
import type { BrokerCore, SessionSink } from '../core.js';
import type { BrokerMessage } from '../message.js';
import { type Delivery, type Session, type SessionJournal } from '../session.js';
import { IdleCheckpoints } from './checkpoints.js';
import type { Database, Statement } from './open.js';
import { fromPropertiesJson, type Table } from './records.js';
import { RowBuffer, type RowStatements } from './row-buffer.js';

interface StoredMessage {
  id: number;
  refs: number;
  /** Queued for a session with no connection: no acknowledgement can release it early. */
  offline: boolean;
}

/** Called once the change an acknowledgement confirms is safe (ok), or could not be stored. */
export type Release = (ok: boolean) => void;

export interface StoreStats {
  commits: number;
  /** Checkpoints run when idle (checkpoints.ts). */
  checkpoints: number;
  /** Rows (messages, deliveries) added and removed within one commit window: never written. */
  skipped: number;
}

/**
 * A commit waits for nothing when an acknowledgement needs it (the end of the turn). When
 * only QoS 1 messages to connected subscribers wait, whose subscribers' PUBACKs will make
 * the commit unneeded, it waits up to this long for them: under a sustained stream one
 * commit then carries every message that is still unacknowledged, and none of the others.
 */
export const COMMIT_WINDOW_MS = 5;

export class Persistence implements SessionSink, SessionJournal {
  private commits = 0;
  private pending = false;
  /** What waits for the commit, in order; `early` can also be released by its message's last delivery ending. */
  private waiting: Release[] = [];
  private readonly early = new Map<BrokerMessage, Release[]>();
  private readonly changed = new Set<Session>();
  private readonly stored = new WeakMap<BrokerMessage, StoredMessage>();
  /** Messages and deliveries, written at the commit (row-buffer.ts). */
  private readonly rows = new RowBuffer();
  private readonly next: Record<Table, number>;
  private readonly sql: Record<string, Statement>;
  private closed = false;
  private turn: NodeJS.Immediate | undefined;
  private window: NodeJS.Timeout | undefined;
  private begun = 0;
  private readonly checkpoints: IdleCheckpoints;
  private readonly endOfTurn = (): void => {
    this.turn = undefined;
    const wait = this.begun + COMMIT_WINDOW_MS - performance.now();
    if (this.waiting.length > 0 || wait <= 0) this.commitNow();
    else this.window ??= setTimeout(this.commitNow, wait);
  };

  constructor(private readonly core: BrokerCore, private readonly db: Database, lastIds: Record<Table, number>) {
    this.next = { ...lastIds };
    this.checkpoints = new IdleCheckpoints(db, () => this.pending || this.closed, (text) => core.warn(text));
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

  get stats(): StoreStats {
    return { commits: this.commits, checkpoints: this.checkpoints.count, skipped: this.rows.skipped };
  }

  /** A loaded message row: deliveries that reference it count it. */
  adopt(msg: BrokerMessage, id: number): void {
    if (!this.stored.has(msg)) this.stored.set(msg, { id, refs: 0, offline: false });
    this.stored.get(msg)!.refs++;
  }

  /** Starts the transaction on the first change since the last commit; false once closed (late timers). */
  private touch(): boolean {
    if (this.closed) return false;
    if (this.pending) return true;
    this.pending = true;
    this.sql.begin!.run();
    this.begun = performance.now();
    this.turn = setImmediate(this.endOfTurn);
    return true;
  }

  /** Something waits for the commit: it happens at the end of this turn. */
  private needed(): void {
    this.turn ??= setImmediate(this.endOfTurn);
  }

  afterCommit(fn: () => void): void {
    if (!this.pending) return fn();
    // Not run when the commit fails (what it would confirm is not stored).
    this.waiting.push((ok) => ok && fn());
    this.needed();
  }

  /**
   * Releases an acknowledgement once what it confirms is safe: `msg` (a QoS 1 message,
   * not retained) once it is committed or once every persistent delivery of it has been
   * acknowledged, whichever comes first; without `msg`, once the commit is done.
   */
  afterStored(msg: BrokerMessage | undefined, fn: Release): void {
    if (!this.pending) return fn(true);
    if (msg !== undefined) {
      const m = this.stored.get(msg);
      // Not queued for any persistent session: nothing of it needs to be on disk.
      if (m === undefined) return fn(true);
      if (!m.offline && this.rows.isNew(m.id)) {
        const list = this.early.get(msg);
        if (list === undefined) this.early.set(msg, [fn]);
        else list.push(fn);
        return;
      }
    }
    this.waiting.push(fn);
    this.needed();
  }

  readonly commitNow = (): void => {
    if (this.turn !== undefined) clearImmediate(this.turn);
    if (this.window !== undefined) clearTimeout(this.window);
    this.turn = this.window = undefined;
    if (!this.pending) return;
    const waiting = this.waiting;
    this.waiting = [];
    for (const list of this.early.values()) waiting.push(...list);
    this.early.clear();
    try {
      this.rows.write(this.sql as unknown as RowStatements);
      for (const s of this.changed) this.writeSession(s);
      this.changed.clear();
      this.sql.commit!.run();
      this.commits++;
    } catch (err) {
      // Nothing since the last commit is on disk: its acknowledgements are not sent (clients resend).
      if (this.db.inTransaction) this.sql.rollback!.run();
      this.pending = false;
      this.core.warn(`persistence: commit failed, ${waiting.length} acknowledgements withheld: ${err instanceof Error ? err.message : String(err)}`);
      for (const fn of waiting) fn(false);
      return;
    }
    this.pending = false;
    this.checkpoints.committed();
    for (const fn of waiting) fn(true);
  };

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
      m = { id: ++this.next.messages, refs: 0, offline: false };
      this.rows.addMessage(m.id, d.msg);
      this.stored.set(d.msg, m);
    }
    m.refs++;
    if (s.link === undefined) m.offline = true;
    d.storeId = ++this.next.deliveries;
    this.rows.addDelivery(s.clientId, m.id, d);
  }

  deliveryChanged(_s: Session, d: Delivery): void {
    if (!this.touch()) return;
    this.rows.changeDelivery(d);
  }

  deliveryRemoved(_s: Session, d: Delivery): void {
    this.dropDelivery(d);
  }

  /** Removes a delivery's record, and its message's once no delivery refers to it. */
  dropDelivery(d: Delivery): void {
    if (!this.touch()) return;
    this.rows.dropDelivery(d);
    d.storeId = 0;
    const m = d.msg === undefined ? undefined : this.stored.get(d.msg);
    if (m !== undefined && --m.refs === 0) {
      if (this.rows.dropMessage(m.id)) {
        // Every delivery ended before the commit: the PUBACKs waiting for it can go.
        const early = this.early.get(d.msg);
        if (early !== undefined) {
          this.early.delete(d.msg);
          for (const fn of early) fn(true);
        }
      }
      this.stored.delete(d.msg);
    }
  }

  /** Loaded messages that no delivery adopted (their last delivery ended just before a crash). */
  dropUnreferenced(messages: Map<number, BrokerMessage>): void {
    for (const [id, msg] of messages) {
      if (this.stored.has(msg)) continue;
      if (!this.touch()) return;
      this.rows.dropMessage(id);
    }
  }

  incomingChanged(s: Session, packetId: number, held: boolean): void {
    if (!this.touch()) return;
    if (held) this.sql.putIncoming!.run(++this.next.incoming, s.clientId, packetId);
    else this.sql.dropIncoming!.run(s.clientId, packetId);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.commitNow();
    this.checkpoints.stop();
    this.closed = true;
    this.db.close();
  }
}
