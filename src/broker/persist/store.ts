// Persistence (persistence true / --persist DIR): retained messages and persistent
// sessions (subscriptions, queued and in-flight QoS 1/2 messages, unreleased QoS 2 ids)
// in an embedded document store, @seald-io/nedb (pure JavaScript: an append-only file
// of JSON lines, compacted with write-to-temp + rename). Changed sessions are written
// every FLUSH_MS and everything on a clean shutdown.
//
// What a `kill -9` can lose: the changes of the last FLUSH_MS (messages accepted, acked
// or queued in that window, subscriptions made in it). The file itself stays readable:
// nedb only appends, and a torn last line is skipped on load. A power loss can lose
// what the OS had not written yet (nedb does not fsync each append).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import * as nedb from '@seald-io/nedb';
import type { BrokerCore, SessionSink } from '../core.js';
import { isExpired } from '../message.js';
import type { Session } from '../session.js';
import { NEVER_EXPIRES, endSession } from '../sessions.js';
import { longTimeout } from '../timers.js';
import { fromMessageDoc, fromSessionDoc, type RetainedDoc, retainedKey, type SessionDoc, sessionKey, toMessageDoc, toSessionDoc } from './serialize.js';

// nedb is CommonJS (module.exports = the class): ESM and the CJS bundle both expose it as `default`.
type NedbClass = typeof import('@seald-io/nedb').default;
const Datastore = (nedb as unknown as { default: NedbClass }).default;
type Store = InstanceType<NedbClass>;

export const FLUSH_MS = 200;
const FILE = 'mqtk.db';

type Doc = SessionDoc | RetainedDoc;

export class Persistence implements SessionSink {
  private readonly db: Store;
  private readonly ended = new Set<string>();
  private readonly retained = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  /** Client ids with a document in the store (a session never written is written once even if clean). */
  private readonly written = new Set<string>();

  constructor(private readonly core: BrokerCore, dir: string) {
    mkdirSync(dir, { recursive: true });
    // corruptAlertThreshold 1: a torn last line after a crash must not stop the load.
    this.db = new Datastore({ filename: join(dir, FILE), corruptAlertThreshold: 1 });
  }

  /** Reads the store into the broker: retained messages, then sessions (offline, expiry timers running). */
  async load(): Promise<{ sessions: number; retained: number }> {
    await this.db.loadDatabaseAsync();
    const now = Date.now();
    let sessions = 0;
    let retained = 0;
    for (const doc of (await this.db.findAsync({})) as unknown as Doc[]) {
      if (doc.kind === 'retained') {
        const msg = fromMessageDoc(doc.m);
        if (isExpired(msg, now)) continue;
        this.core.retained.set(msg);
        retained++;
        continue;
      }
      const left = doc.expiryInterval === NEVER_EXPIRES ? Infinity : doc.savedAt + doc.expiryInterval * 1000 - now;
      if (left <= 0) {
        this.ended.add(doc.clientId);
        continue;
      }
      const { session, subscribers } = fromSessionDoc(doc);
      this.core.sessions.set(session.clientId, session);
      for (const sub of subscribers) this.core.tree.add(session.clientId, sub);
      if (left !== Infinity) {
        session.expiryTimer = longTimeout(() => {
          session.expiryTimer = undefined;
          if (session.link === undefined) endSession(this.core, session);
        }, left);
      }
      this.written.add(session.clientId);
      sessions++;
    }
    this.timer = setInterval(() => this.flush(), FLUSH_MS);
    this.timer.unref();
    this.db.setAutocompactionInterval(60_000);
    return { sessions, retained };
  }

  /**
   * A change made outside the session's own methods (subscriptions, expiry interval,
   * attach/detach): mark it for the next flush like the changes those methods mark.
   */
  sessionChanged(s: Session): void {
    s.dirty = true;
  }

  sessionEnded(clientId: string): void {
    this.ended.add(clientId);
  }

  retainedChanged(topic: string): void {
    this.retained.add(topic);
  }

  /** Writes what changed since the last flush (one flush at a time). */
  flush(): Promise<void> {
    this.writing = this.writing.then(() => this.write()).catch((err: unknown) => {
      this.core.warn(`persistence: ${err instanceof Error ? err.message : String(err)}`);
    });
    return this.writing;
  }

  private async write(): Promise<void> {
    const now = Date.now();
    const ops: Array<Promise<unknown>> = [];
    for (const s of this.core.sessions.values()) {
      if (!s.dirty && s.expiryInterval !== 0 && !this.isNew(s.clientId)) continue;
      s.dirty = false;
      if (s.expiryInterval === 0) continue;
      const doc = toSessionDoc(s, now);
      ops.push(this.db.updateAsync({ _id: doc._id }, doc, { upsert: true }));
      this.written.add(s.clientId);
    }
    for (const id of this.ended) {
      if (this.core.sessions.has(id)) continue;
      this.written.delete(id);
      ops.push(this.db.removeAsync({ _id: sessionKey(id) }, {}));
    }
    this.ended.clear();
    for (const topic of this.retained) {
      const msg = this.core.retained.get(topic);
      const _id = retainedKey(topic);
      ops.push(msg === undefined ? this.db.removeAsync({ _id }, {}) : this.db.updateAsync({ _id }, { _id, kind: 'retained', m: toMessageDoc(msg) }, { upsert: true }));
    }
    this.retained.clear();
    await Promise.all(ops);
  }

  private isNew(clientId: string): boolean {
    return !this.written.has(clientId);
  }

  async close(): Promise<void> {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.db.stopAutocompaction();
    await this.flush();
    await this.db.compactDatafileAsync();
  }
}
