// The store's group commit and early release (src/broker/persist/store.ts) and the order
// of acknowledgements (src/broker/commit.ts), driven directly: no timers, no sockets.
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Packet } from '../../src/codec/types.js';
import { sendAck } from '../../src/broker/commit.js';
import type { IdleCheckpoints } from '../../src/broker/persist/checkpoints.js';
import type { BrokerConnection } from '../../src/broker/connection.js';
import type { BrokerCore, SessionSink } from '../../src/broker/core.js';
import type { BrokerMessage } from '../../src/broker/message.js';
import { createStore, openForWriting, storePath } from '../../src/broker/persist/open.js';
import { Persistence } from '../../src/broker/persist/store.js';
import { type Delivery, Session } from '../../src/broker/session.js';

const stores: Persistence[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});

function openStore(): { store: Persistence; rows: (sql: string) => unknown[] } {
  const file = storePath(mkdtempSync(join(tmpdir(), 'mqtk-commit-')));
  createStore(Database, file);
  const warnings: string[] = [];
  const core = { warn: (w: string) => warnings.push(w), retained: new Map() } as unknown as BrokerCore;
  const store = new Persistence(core, openForWriting(Database, file, false), { sessions: 0, messages: 0, deliveries: 0, incoming: 0, retained: 0 });
  stores.push(store);
  // A second, read-only look would be refused (the store is held exclusively): ask the working connection.
  const db = (store as unknown as { db: Database.Database }).db;
  return { store, rows: (sql) => db.prepare(sql).all() };
}

const message = (topic: string): BrokerMessage => ({ topic, payload: Buffer.from('m'), qos: 1, retain: false, properties: undefined, expiresAt: 0, origin: 'pub', detached: true });

function persistentSession(store: Persistence, id: string, online: boolean): Session {
  const s = new Session(id);
  s.expiryInterval = 60;
  if (online) s.link = { clientId: id };
  store.sessionChanged(s);
  store.commitNow();
  return s;
}

function queue(s: Session, msg: BrokerMessage): Delivery {
  const d: Delivery = { msg, qos: 1, retain: false, subscriptionIds: undefined, packetId: 0, state: 'queued' };
  s.push(d);
  return d;
}

describe('persistence: commit and early release', () => {
  it('a QoS 1 message every persistent subscriber acknowledged before the commit is released at once and never written', () => {
    const { store, rows } = openStore();
    const s = persistentSession(store, 'live', true);
    const msg = message('a');
    const d = queue(s, msg);
    s.shift();
    s.takeoff(d);
    const released: boolean[] = [];
    store.afterStored(msg, (ok) => released.push(ok));
    expect(released).toEqual([]);
    s.land(d.packetId);
    expect(released).toEqual([true]);
    store.commitNow();
    expect(rows('SELECT count(*) AS n FROM messages UNION ALL SELECT count(*) FROM deliveries')).toEqual([{ n: 0 }, { n: 0 }]);
    expect(store.stats.skipped).toBe(2);
  });

  it('a message still unacknowledged is released by the commit, with its delivery written as it is then (one row, in flight)', () => {
    const { store, rows } = openStore();
    const s = persistentSession(store, 'slow', true);
    const msg = message('b');
    const d = queue(s, msg);
    s.shift();
    s.takeoff(d);
    const released: boolean[] = [];
    store.afterStored(msg, (ok) => released.push(ok));
    store.commitNow();
    expect(released).toEqual([true]);
    expect(rows('SELECT client_id, packet_id, state FROM deliveries')).toEqual([{ client_id: 'slow', packet_id: d.packetId, state: 1 }]);
    expect(rows('SELECT topic FROM messages')).toEqual([{ topic: 'b' }]);
  });

  it('a message queued for an offline session waits for the commit, even when a connected subscriber acknowledges it', () => {
    const { store, rows } = openStore();
    const live = persistentSession(store, 'live', true);
    const away = persistentSession(store, 'away', false);
    const msg = message('c');
    const d = queue(live, msg);
    queue(away, msg);
    live.shift();
    live.takeoff(d);
    const released: boolean[] = [];
    store.afterStored(msg, (ok) => released.push(ok));
    live.land(d.packetId);
    expect(released).toEqual([]);
    store.commitNow();
    expect(released).toEqual([true]);
    expect(rows('SELECT client_id FROM deliveries')).toEqual([{ client_id: 'away' }]);
  });

  it('an acknowledgement for a message no persistent session holds goes at once; others wait for the commit, in order', () => {
    const { store } = openStore();
    const s = persistentSession(store, 'x', false);
    queue(s, message('pending'));
    const released: string[] = [];
    store.afterCommit(() => released.push('suback'));
    store.afterStored(message('nobody'), () => released.push('nobody'));
    store.afterStored(undefined, () => released.push('pubrec'));
    store.afterCommit(() => released.push('unsuback'));
    expect(released).toEqual(['nobody']);
    store.commitNow();
    expect(released).toEqual(['nobody', 'suback', 'pubrec', 'unsuback']);
  });
});

describe('persistence: checkpoints', () => {
  it('copies the WAL into the file after commits, not while a transaction is open, and not twice for the same commits', async () => {
    const { store, rows } = openStore();
    const s = persistentSession(store, 'x', false);
    queue(s, message('m'));
    const checkpoints = (store as unknown as { checkpoints: IdleCheckpoints }).checkpoints;
    checkpoints.run();
    expect(store.stats.checkpoints).toBe(0);
    store.commitNow();
    checkpoints.run();
    checkpoints.run();
    expect(store.stats.checkpoints).toBe(1);
    expect(rows('SELECT topic FROM messages')).toEqual([{ topic: 'm' }]);
    // After the checkpoint the file alone holds the commit: a copy without the WAL reads it.
    const file = (store as unknown as { db: Database.Database }).db.name;
    const copy = join(mkdtempSync(join(tmpdir(), 'mqtk-ckpt-')), 'copy.sqlite');
    copyFileSync(file, copy);
    const db = new Database(copy, { readonly: true });
    try {
      expect(db.prepare('SELECT topic FROM messages').all()).toEqual([{ topic: 'm' }]);
    } finally {
      db.close();
    }
  });
});

describe('acknowledgement order [MQTT-4.6.0-2]', () => {
  it('an acknowledgement released early waits for the earlier ones of its connection; a withheld one is skipped', () => {
    const releases: Array<(ok: boolean) => void> = [];
    const sink = { afterStored: (_m: unknown, fn: (ok: boolean) => void) => releases.push(fn) } as unknown as SessionSink;
    const sent: number[] = [];
    const conn = { acks: undefined, send: (p: Packet) => sent.push((p as { packetId: number }).packetId) } as unknown as BrokerConnection;
    const core = { sink } as unknown as BrokerCore;
    for (const packetId of [1, 2, 3, 4]) sendAck(core, conn, { type: 'puback', packetId });
    releases[1]!(true);
    releases[3]!(true);
    expect(sent).toEqual([]);
    releases[0]!(true);
    expect(sent).toEqual([1, 2]);
    releases[2]!(false);
    expect(sent).toEqual([1, 2, 4]);
    expect(conn.acks).toBeUndefined();
  });
});
