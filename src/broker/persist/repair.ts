// --persist-repair: the damaged store is moved aside (renamed, never changed or deleted),
// every record that can still be read and passes the checks is copied into a new store,
// and the counts are reported. Rows are read in id order, a batch at a time; a batch
// that fails (a damaged page) is skipped by jumping ahead in growing steps, so one bad
// page costs only the rows on it and its neighbours. Deliveries whose session or
// message was lost are left out (they could never be sent).
import { existsSync, lstatSync, renameSync } from 'node:fs';
import { assertNotInUse, checkFile, createStore, type Database, type DatabaseClass, StoreError } from './open.js';
import { checkRow, type Row, type Table, TABLES } from './records.js';

export interface RepairReport {
  aside: string;
  kept: Record<Table, number>;
  /** Rows read that failed the checks or lost their session or message. */
  invalid: number;
  /** Ranges of rows that could not be read at all. */
  unreadable: number;
}

const BATCH = 256;

function salvageTable(db: Database, table: Table, report: RepairReport): Row[] {
  const out: Row[] = [];
  const stmt = db.prepare(`SELECT * FROM ${table} WHERE id > ? ORDER BY id LIMIT ${BATCH}`);
  let last = -1;
  let step = 1;
  for (;;) {
    let batch: Row[];
    try {
      batch = stmt.all(last) as Row[];
    } catch {
      report.unreadable++;
      if (last > Number.MAX_SAFE_INTEGER / 2) break;
      last += step;
      step *= 2;
      continue;
    }
    step = 1;
    if (batch.length === 0) break;
    for (const row of batch) {
      last = row.id;
      try {
        checkRow(table, row);
        out.push(row);
      } catch {
        report.invalid++;
      }
    }
  }
  return out;
}

function salvage(Database: DatabaseClass, file: string, report: RepairReport): Partial<Record<Table, Row[]>> {
  let db: Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const tables: Partial<Record<Table, Row[]>> = {};
    for (const table of TABLES) {
      try {
        tables[table] = salvageTable(db, table, report);
      } catch {
        report.unreadable++;
      }
    }
    return tables;
  } catch {
    report.unreadable++;
    return {};
  } finally {
    db?.close();
  }
}

/** Leaves out deliveries and incoming ids without their session, deliveries without their message. */
function consistent(rows: Partial<Record<Table, Row[]>>, report: RepairReport): Partial<Record<Table, Row[]>> {
  const clients = new Set((rows.sessions ?? []).map((r) => r.client_id));
  const messages = new Set((rows.messages ?? []).map((r) => r.id));
  const keep = (r: Row, ok: boolean): boolean => ok || (report.invalid++, false);
  const deliveries = (rows.deliveries ?? []).filter((r) => keep(r, clients.has(r.client_id) && messages.has(r.message_id as number)));
  const used = new Set(deliveries.map((r) => r.message_id));
  return {
    ...rows,
    deliveries,
    messages: (rows.messages ?? []).filter((r) => used.has(r.id)),
    incoming: (rows.incoming ?? []).filter((r) => keep(r, clients.has(r.client_id))),
  };
}

/** Moves `file` (and its -wal/-shm) aside and builds a new store from its readable records. */
export function repairStore(Database: DatabaseClass, file: string): RepairReport | undefined {
  if (!existsSync(file) && !isLink(file)) return undefined;
  if (lstatSync(file).isFile()) assertNotInUse(Database, file);
  const aside = `${file}.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  try {
    renameSync(file, aside);
    for (const side of ['-wal', '-shm']) if (existsSync(file + side)) renameSync(file + side, aside + side);
  } catch (err) {
    throw new StoreError(file, `cannot be moved aside for repair (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  const report: RepairReport = { aside, kept: { sessions: 0, messages: 0, deliveries: 0, incoming: 0, retained: 0 }, invalid: 0, unreadable: 0 };
  let rows: Partial<Record<Table, Row[]>> = {};
  try {
    checkFile(aside);
    rows = consistent(salvage(Database, aside, report), report);
  } catch (err) {
    if (!(err instanceof StoreError)) throw err;
    report.unreadable++;
  }
  createStore(Database, file, (db) => {
    for (const table of TABLES) {
      const list = rows[table] ?? [];
      if (list.length === 0) continue;
      const cols = Object.keys(list[0]!);
      const insert = db.prepare(`INSERT OR IGNORE INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
      for (const row of list) insert.run(...cols.map((c) => row[c]));
      report.kept[table] = list.length;
    }
  });
  return report;
}

function isLink(file: string): boolean {
  try {
    return lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

export function formatRepairReport(file: string, r: RepairReport): string {
  const k = r.kept;
  return `repaired ${file}: damaged store moved to ${r.aside}; recovered ${k.sessions} sessions, ${k.deliveries} queued or in-flight messages `
    + `(${k.messages} distinct), ${k.incoming} unreleased QoS 2 ids, ${k.retained} retained messages; `
    + `${r.invalid} records left out as invalid, ${r.unreadable} unreadable ranges`;
}
