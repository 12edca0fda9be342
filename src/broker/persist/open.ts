// Opening the store file DIR/mqtk.sqlite safely. A file we cannot read is never
// changed, truncated or deleted: it is checked (a regular file, an SQLite header,
// mqtk's application id and format version) and read whole through a read-only
// connection, every record checked; any problem is one StoreError naming the file.
// A new store is built beside it and renamed into place, so a crash never leaves a
// half-made store behind. better-sqlite3 is loaded here, on first use only.
import { closeSync, existsSync, lstatSync, openSync, readSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import type { BrokerMessage } from '../message.js';
import {
  APPLICATION_ID, type DeliveryRecord, FORMAT_VERSION, RecordError, type Row, SCHEMA, type SessionRecord, type Table, TABLES,
  toDeliveryRecord, toIncomingRecord, toMessage, toSessionRecord,
} from './records.js';

export type Database = BetterSqlite3.Database;
export type Statement = BetterSqlite3.Statement<unknown[], unknown>;
export type DatabaseClass = typeof BetterSqlite3;

export const STORE_FILE = 'mqtk.sqlite';
const HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** The store cannot be used as it is; the message names the file and the problem. */
export class StoreError extends Error {
  constructor(readonly file: string, problem: string) {
    super(`persistence store ${file}: ${problem}`);
    this.name = 'StoreError';
  }
}

let loaded: DatabaseClass | undefined;
export async function loadSqlite(): Promise<DatabaseClass> {
  loaded ??= (await import('better-sqlite3')).default;
  return loaded;
}

export const storePath = (dir: string): string => join(dir, STORE_FILE);

/** 'missing', or throws StoreError when the path is not a file that can be an SQLite database. */
export function checkFile(file: string): 'missing' | 'present' {
  let st;
  try {
    st = lstatSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'missing';
    throw new StoreError(file, `cannot be read (${code ?? String(err)})`);
  }
  if (st.isDirectory()) throw new StoreError(file, 'is a directory, not a file');
  if (!st.isFile()) throw new StoreError(file, 'is not a regular file');
  if (st.size === 0) throw new StoreError(file, 'is empty (0 bytes)');
  const head = Buffer.alloc(HEADER.length);
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    readSync(fd, head, 0, head.length, 0);
  } catch (err) {
    throw new StoreError(file, `cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  if (!head.equals(HEADER)) throw new StoreError(file, 'is not an SQLite database (bad header)');
  return 'present';
}

export interface StoreContents {
  sessions: Array<{ id: number; record: SessionRecord }>;
  messages: Map<number, BrokerMessage>;
  deliveries: DeliveryRecord[];
  incoming: Array<{ id: number; clientId: string; packetId: number }>;
  retained: Array<{ id: number; msg: BrokerMessage }>;
  /** Highest row id per table (new rows are numbered after it). */
  lastIds: Record<Table, number>;
}

/** Rows in id order. Raw arrays made into objects here: about a third faster than better-sqlite3's objects. */
function* rows(db: Database, table: Table): Generator<Row> {
  const stmt = db.prepare(`SELECT * FROM ${table} ORDER BY id`).raw(true);
  const cols = stmt.columns().map((c) => c.name);
  for (const values of stmt.iterate() as IterableIterator<unknown[]>) {
    const row: Record<string, unknown> = {};
    for (let i = 0; i < cols.length; i++) row[cols[i]!] = values[i];
    yield row as Row;
  }
}

/** Reads and checks every record, read-only; throws StoreError on the first problem. */
export function readStore(Database: DatabaseClass, file: string): StoreContents {
  const side = [`${file}-wal`, `${file}-shm`].filter((f) => !existsSync(f));
  let db: Database | undefined;
  try {
    // A store held by a running serve answers SQLITE_BUSY: tell that at once, do not wait.
    db = new Database(file, { readonly: true, fileMustExist: true, timeout: 100 });
    const app = db.pragma('application_id', { simple: true }) as number;
    if (app !== APPLICATION_ID) throw new StoreError(file, `is an SQLite database but not an mqtk store (application id ${app})`);
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version !== FORMAT_VERSION) throw new StoreError(file, `has format version ${version}; this mqtk reads version ${FORMAT_VERSION}`);
    const out: StoreContents = { sessions: [], messages: new Map(), deliveries: [], incoming: [], retained: [], lastIds: { sessions: 0, messages: 0, deliveries: 0, incoming: 0, retained: 0 } };
    for (const table of TABLES) {
      for (const row of rows(db, table)) {
        out.lastIds[table] = row.id;
        if (table === 'sessions') out.sessions.push({ id: row.id, record: toSessionRecord(row) });
        else if (table === 'messages') out.messages.set(row.id, toMessage('messages', row));
        else if (table === 'deliveries') out.deliveries.push(toDeliveryRecord(row));
        else if (table === 'incoming') out.incoming.push({ id: row.id, ...toIncomingRecord(row) });
        else out.retained.push({ id: row.id, msg: toMessage('retained', row) });
      }
    }
    return out;
  } catch (err) {
    if (err instanceof StoreError) throw err;
    if ((err as { code?: unknown }).code === 'SQLITE_BUSY') throw new StoreError(file, 'is in use by another process (another mqtk serve?)');
    if (err instanceof RecordError) throw new StoreError(file, `${err.message} (start with --persist-repair to set it aside and keep the readable records)`);
    throw new StoreError(file, `${err instanceof Error ? err.message : String(err)} (start with --persist-repair to set it aside and keep the readable records)`);
  } finally {
    db?.close();
    // The read-only open may have made empty -wal/-shm files beside a store that had none.
    for (const f of side) rmSync(f, { force: true });
  }
}

/** Throws StoreError when a running serve holds `file` (a repair must not move a live store). */
export function assertNotInUse(Database: DatabaseClass, file: string): void {
  let db: Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, timeout: 100 });
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (err) {
    if ((err as { code?: unknown }).code === 'SQLITE_BUSY') throw new StoreError(file, 'is in use by another process (another mqtk serve?)');
  } finally {
    db?.close();
  }
}

/**
 * Settings of the working connection: WAL (a commit is one append; survives a process
 * crash), and the file held exclusively until serve exits: no lock round trips per
 * commit, and a second serve on the same store is refused instead of writing into it.
 */
export function openForWriting(Database: DatabaseClass, file: string, sync: boolean): Database {
  const db = new Database(file, { fileMustExist: true });
  db.pragma('locking_mode = EXCLUSIVE');
  db.pragma('journal_mode = WAL');
  // NORMAL: a commit is on disk once the OS has it (survives kill -9); FULL: fsync per commit (survives power loss).
  db.pragma(`synchronous = ${sync ? 'FULL' : 'NORMAL'}`);
  // Checkpoints run when serve is idle (store.ts); SQLite's own, inside a commit, only once
  // the WAL holds 64 MB: each costs two fsyncs, which at SQLite's default of 1,000 pages
  // made commits several times slower under sustained load.
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.pragma(`wal_autocheckpoint = ${Math.floor(67108864 / pageSize)}`);
  db.pragma('journal_size_limit = 67108864');
  // The exclusive lock is taken at the first write: take it now.
  db.exec('BEGIN IMMEDIATE; COMMIT');
  return db;
}

/** Builds a new, empty store (then `fill` writes into it) beside `file` and renames it into place. */
export function createStore(Database: DatabaseClass, file: string, fill?: (db: Database) => void): void {
  const temp = `${file}.new`;
  for (const f of [temp, `${temp}-wal`, `${temp}-shm`]) rmSync(f, { force: true });
  const db = new Database(temp);
  try {
    // 1 KB pages (SQLite's default is 4 KB): a commit appends every page it changed to the
    // WAL whole, and at low rates a commit is one message (its PUBACK waits for it), so the
    // page size is most of what each message costs in bytes written: measured at 1k msg/s
    // to 100 offline sessions, 8.4 KB per message instead of 17.6 KB, for the same CPU.
    // Set before the first table; a store made with other pages keeps them.
    db.pragma('page_size = 1024');
    db.pragma('journal_mode = WAL');
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.pragma(`user_version = ${FORMAT_VERSION}`);
    db.exec(SCHEMA);
    if (fill !== undefined) db.transaction(() => fill(db))();
  } finally {
    db.close();
  }
  renameSync(temp, file);
}
