// A store serve cannot read is refused with one line naming the file and the problem,
// and left byte-for-byte as it was; --persist-repair moves it aside and keeps what is
// readable. Also: the one-time migration of an old nedb store (DIR/mqtk.db).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Broker } from '../../src/broker/broker.js';
import { connect, subscribe, testBroker } from './harness.js';

let broker: Broker | undefined;
afterEach(async () => {
  await broker?.close();
  broker = undefined;
});

const fresh = (): string => mkdtempSync(join(tmpdir(), 'mqtk-damage-'));
const digest = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

async function start(dir: string, extra: object = {}): Promise<{ broker: Broker; warnings: string[] }> {
  const warnings: string[] = [];
  const b = testBroker({ persistence: true, persistenceLocation: dir, listeners: [], onWarning: (w) => warnings.push(w), ...extra });
  await b.listen();
  return { broker: b, warnings };
}

/** A store with 50 retained messages of 1 KB and one persistent session, cleanly closed. */
async function filledStore(dir: string): Promise<string> {
  ({ broker } = await start(dir));
  const s = await connect(broker, 'keeper', 4, { clean: false });
  await subscribe(s.peer, 'r/#', 1);
  const p = await connect(broker, 'pub', 4);
  for (let i = 0; i < 50; i++) p.peer.send({ type: 'publish', topic: `r/${i}`, payload: Buffer.alloc(1024, i), qos: 1, packetId: i + 1, retain: true, dup: false });
  for (let i = 0; i < 50; i++) await p.peer.expect('puback');
  await broker.close();
  broker = undefined;
  return join(dir, 'mqtk.sqlite');
}

async function refusal(dir: string): Promise<string> {
  const b = testBroker({ persistence: true, persistenceLocation: dir, listeners: [] });
  const err = await b.listen().then(() => undefined, (e: unknown) => e);
  await b.close();
  expect(err).toBeInstanceOf(Error);
  expect((err as Error).name).toBe('StoreError');
  return (err as Error).message;
}

describe('a store serve cannot read', () => {
  const kinds: Array<[string, (file: string, dir: string) => Promise<void> | void, RegExp]> = [
    ['20 KB of random bytes', (file) => writeFileSync(file, Buffer.from(Array.from({ length: 20_000 }, (_, i) => (i * 7919 + 13) % 251))), /is not an SQLite database \(bad header\)$/],
    ['an empty file', (file) => writeFileSync(file, ''), /is empty \(0 bytes\)$/],
    ['a directory', (file) => mkdirSync(file), /is a directory, not a file$/],
    ['another program\'s SQLite database', (file) => new Database(file).exec('CREATE TABLE t (x)').close(), /is an SQLite database but not an mqtk store/],
    ['a file cut in half', async (file, dir) => {
      await filledStore(dir);
      truncateSync(file, statSync(file).size >> 1);
    }, /malformed|not a database|corrupt/i],
    ['a record with a bad field', async (file, dir) => {
      await filledStore(dir);
      const db = new Database(file);
      db.prepare("UPDATE sessions SET subscriptions = '[{\"qos\":1}]'").run();
      db.close();
    }, /sessions record \d+: bad subscription \{"qos":1\}/],
  ];
  for (const [kind, damage, problem] of kinds) {
    it(`${kind}: refused with one line naming the file, and left as it was`, async () => {
      const dir = fresh();
      const file = join(dir, 'mqtk.sqlite');
      await damage(file, dir);
      const before = statSync(file).isDirectory() ? 'dir' : digest(file);
      const listing = readdirSync(dir).sort();
      const message = await refusal(dir);
      expect(message.startsWith(`persistence store ${file}: `)).toBe(true);
      expect(message).toMatch(problem);
      expect(message).not.toContain('\n');
      expect(statSync(file).isDirectory() ? 'dir' : digest(file)).toBe(before);
      expect(readdirSync(dir).sort()).toEqual(listing);
    });
  }

  it('a store another broker holds is refused, not shared', async () => {
    const dir = fresh();
    ({ broker } = await start(dir));
    expect(await refusal(dir)).toBe(`persistence store ${join(dir, 'mqtk.sqlite')}: is in use by another process (another mqtk serve?)`);
    const second = testBroker({ persistence: true, persistenceLocation: dir, persistenceRepair: true, listeners: [] });
    await expect(second.listen()).rejects.toThrow('is in use by another process');
    await second.close();
    expect(readdirSync(dir).filter((f) => f.includes('damaged'))).toEqual([]);
  });

  it('--persist-repair moves a store cut in half aside untouched, keeps the readable records and reports the counts', async () => {
    const dir = fresh();
    const file = await filledStore(dir);
    truncateSync(file, statSync(file).size >> 1);
    const damaged = digest(file);
    const started = await start(dir, { persistenceRepair: true });
    broker = started.broker;
    const [note] = started.warnings;
    const m = /^repaired (.*): damaged store moved to (\S+); recovered (\d+) sessions, .* (\d+) retained messages; (\d+) records left out as invalid, (\d+) unreadable ranges$/.exec(note ?? '');
    expect(m, note).not.toBeNull();
    expect(digest(m![2]!)).toBe(damaged);
    expect(Number(m![4])).toBe(broker.core.retained.size);
    expect(broker.core.retained.size).toBeLessThan(50);
    await broker.close();
    // The new store is whole: a restart reads it without repair.
    ({ broker } = await start(dir));
    expect(existsSync(file)).toBe(true);
  });

  it('--persist-repair of random bytes starts empty and keeps the bytes aside', async () => {
    const dir = fresh();
    const file = join(dir, 'mqtk.sqlite');
    writeFileSync(file, Buffer.alloc(20_000, 0x5a));
    const started = await start(dir, { persistenceRepair: true });
    broker = started.broker;
    expect(started.warnings[0]).toMatch(/recovered 0 sessions, 0 queued or in-flight messages \(0 distinct\), 0 unreleased QoS 2 ids, 0 retained messages; 0 records left out as invalid, 1 unreadable ranges$/);
    const aside = readdirSync(dir).find((f) => f.startsWith('mqtk.sqlite.damaged-'))!;
    expect(readFileSync(join(dir, aside))).toEqual(Buffer.alloc(20_000, 0x5a));
  });
});

describe('an old nedb store (mqtk.db)', () => {
  it('is migrated once: sessions with their queues and retained messages, then kept as mqtk.db.migrated', async () => {
    const dir = fresh();
    const m = (topic: string, text: string) => ({ topic, payload: Buffer.from(text).toString('base64'), qos: 1, retain: false, expiresAt: 0 });
    const lines = [
      { _id: 's:old', kind: 'session', clientId: 'old', expiryInterval: 0xffffffff, savedAt: Date.now(), subscriptions: [{ filter: 'o/#', qos: 1, noLocal: false, retainAsPublished: false, retainHandling: 0 }], inflight: [], queue: [{ m: m('o/1', 'queued'), qos: 1, retain: false, packetId: 0, state: 'queued' }], incoming: [] },
      { _id: 'r:keep', kind: 'retained', m: { ...m('keep', 'retained'), retain: true } },
      { $$indexCreated: { fieldName: 'x' } },
    ];
    writeFileSync(join(dir, 'mqtk.db'), `${lines.map((l) => JSON.stringify(l)).join('\n')}\n{"_id":"torn`);
    const started = await start(dir);
    broker = started.broker;
    expect(started.warnings).toEqual([`migrated 1 sessions and 1 retained messages from ${join(dir, 'mqtk.db')} (kept as ${join(dir, 'mqtk.db')}.migrated)`]);
    expect(existsSync(join(dir, 'mqtk.db.migrated'))).toBe(true);
    const c = await connect(broker, 'old', 4, { clean: false });
    expect(c.connack.sessionPresent).toBe(true);
    expect((await c.peer.expect('publish')).payload.toString()).toBe('queued');
  });

  it('with a malformed document is refused by name, and nothing is written', async () => {
    const dir = fresh();
    const text = `${JSON.stringify({ _id: 's:bad', kind: 'session', clientId: 'bad', expiryInterval: 60, savedAt: Date.now() })}\n`;
    writeFileSync(join(dir, 'mqtk.db'), text);
    expect(await refusal(dir)).toBe(`persistence store ${join(dir, 'mqtk.db')}: old store cannot be migrated: session "bad" is malformed (move the file away to start empty)`);
    expect(readdirSync(dir)).toEqual(['mqtk.db']);
  });
});
