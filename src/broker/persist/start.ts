// Start-up of persistence: repair first when asked, migrate an old nedb store once (it
// is then renamed DIR/mqtk.db.migrated, not deleted), or create an empty store; then
// read and check every record (a damaged store stops start-up with one StoreError
// line), open the store for writing and restore its contents into the broker.
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import type { BrokerCore } from '../core.js';
import { type BrokerMessage, isExpired } from '../message.js';
import { NEVER_EXPIRES } from '../sessions.js';
import { LEGACY_FILE, readLegacyStore } from './nedb.js';
import { checkFile, createStore, loadSqlite, openForWriting, readStore, StoreError, storePath } from './open.js';
import { formatRepairReport, repairStore } from './repair.js';
import { armExpiry, type Restored, restore } from './restore.js';
import { fromMessageDoc, fromSessionDoc } from './serialize.js';
import { Persistence } from './store.js';

export interface PersistenceSettings {
  dir: string;
  /** fsync every commit (persistence_sync true). */
  sync: boolean;
  /** Move a damaged store aside and keep its readable records (--persist-repair). */
  repair: boolean;
  /** persistent_client_expiration in ms, applied to stored sessions too. */
  maxOfflineMs?: number;
}

export interface Started {
  store: Persistence;
  restored: Restored;
  /** Lines worth telling (repair report, migration). */
  notes: string[];
}

/** The old store's documents as broker objects, or a StoreError naming the first bad one. */
function buildLegacy(legacy: string, now: number): { retained: BrokerMessage[]; sessions: Array<ReturnType<typeof fromSessionDoc> & { left: number }> } {
  const docs = readLegacyStore(legacy);
  const sessions = [];
  for (const doc of docs.sessions) {
    try {
      const left = doc.expiryInterval === NEVER_EXPIRES ? Infinity : doc.savedAt + doc.expiryInterval * 1000 - now;
      if (left > 0) sessions.push({ ...fromSessionDoc(doc), left });
    } catch {
      throw new StoreError(legacy, `old store cannot be migrated: session ${JSON.stringify(doc.clientId)} is malformed (move the file away to start empty)`);
    }
  }
  const retained = [];
  for (const doc of docs.retained) {
    try {
      retained.push(fromMessageDoc(doc.m));
    } catch {
      throw new StoreError(legacy, `old store cannot be migrated: retained message ${JSON.stringify(doc._id)} is malformed (move the file away to start empty)`);
    }
  }
  return { retained, sessions };
}

export async function startPersistence(core: BrokerCore, settings: PersistenceSettings): Promise<Started> {
  const { dir } = settings;
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw new StoreError(dir, `cannot be used as the persistence directory (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  const Database = await loadSqlite();
  const file = storePath(dir);
  const notes: string[] = [];
  if (settings.repair) {
    const report = repairStore(Database, file);
    notes.push(report === undefined ? `persistence store ${file}: nothing to repair` : formatRepairReport(file, report));
  }
  const legacy = join(dir, LEGACY_FILE);
  const migrating = checkFile(file) === 'missing' && existsSync(legacy);
  // Every old document is checked before anything is written: a failed migration leaves no new store.
  const migrated = migrating ? buildLegacy(legacy, Date.now()) : undefined;
  if (checkFile(file) === 'missing') createStore(Database, file);
  const contents = readStore(Database, file);
  const store = new Persistence(core, openForWriting(Database, file, settings.sync), contents.lastIds);
  core.sink = store;
  const now = Date.now();
  const restored = restore(core, store, contents, now, settings.maxOfflineMs);
  if (migrated !== undefined) {
    for (const msg of migrated.retained) {
      if (isExpired(msg, now)) continue;
      core.retained.set(msg);
      store.retainedChanged(msg.topic);
      restored.retained++;
    }
    for (const { session, subscribers, left } of migrated.sessions) {
      if (core.sessions.has(session.clientId)) continue;
      core.sessions.set(session.clientId, session);
      for (const sub of subscribers) core.tree.add(session.clientId, sub);
      armExpiry(core, session, left);
      store.attach(session);
      restored.sessions++;
      restored.queued += session.queued + session.inflightCount;
    }
  }
  store.commitNow();
  if (migrated !== undefined) {
    renameSync(legacy, `${legacy}.migrated`);
    notes.push(`migrated ${restored.sessions} sessions and ${restored.retained} retained messages from ${legacy} (kept as ${legacy}.migrated)`);
  }
  return { store, restored, notes };
}
