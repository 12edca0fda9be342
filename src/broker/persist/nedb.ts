// Migration from the store of older mqtk versions: DIR/mqtk.db, @seald-io/nedb's file
// of JSON lines (a later line with the same _id replaces an earlier one; `$$deleted`
// removes it; index lines are skipped). Read without nedb; a torn last line (a crash
// mid-append) is skipped, any other line that is not a document stops the migration.
import { readFileSync } from 'node:fs';
import type { RetainedDoc, SessionDoc } from './serialize.js';
import { StoreError } from './open.js';

export const LEGACY_FILE = 'mqtk.db';

export interface LegacyDocs {
  sessions: SessionDoc[];
  retained: RetainedDoc[];
}

export function readLegacyStore(file: string): LegacyDocs {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new StoreError(file, `old store cannot be read for migration (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  const docs = new Map<string, SessionDoc | RetainedDoc>();
  const lines = text.split('\n');
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  for (let i = 0; i < lines.length; i++) {
    let doc: Record<string, unknown>;
    try {
      doc = JSON.parse(lines[i]!) as Record<string, unknown>;
      if (typeof doc !== 'object' || doc === null) throw new TypeError('not an object');
    } catch {
      if (i === lines.length - 1) break;
      throw new StoreError(file, `old store cannot be migrated: line ${i + 1} is not a JSON document (move the file away to start empty)`);
    }
    if (doc.$$indexCreated !== undefined) continue;
    if (typeof doc._id !== 'string') throw new StoreError(file, `old store cannot be migrated: line ${i + 1} has no _id`);
    if (doc.$$deleted === true) docs.delete(doc._id);
    else docs.set(doc._id, doc as unknown as SessionDoc | RetainedDoc);
  }
  const out: LegacyDocs = { sessions: [], retained: [] };
  for (const doc of docs.values()) {
    if (doc.kind === 'session') out.sessions.push(doc);
    else if (doc.kind === 'retained') out.retained.push(doc);
  }
  return out;
}
