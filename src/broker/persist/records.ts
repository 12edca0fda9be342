// The store's records: one SQLite table per kind, one row per record (a session, a
// message, one queued or in-flight delivery of a message to a session, one unreleased
// incoming QoS 2 id, one retained message), so a change writes only the rows it touches.
// Rows read back are checked field by field: a bad one is named (table and row id),
// never half-loaded. Pure apart from the schema text.
import type { Properties, QoS } from '../../codec/types.js';
import type { BrokerMessage } from '../message.js';
import type { DeliveryState } from '../session.js';

/** 'mqtk' in the SQLite header's application id: a database of another program is refused. */
export const APPLICATION_ID = 0x6d71746b;
export const FORMAT_VERSION = 1;

export const SCHEMA = `
CREATE TABLE sessions (id INTEGER PRIMARY KEY, client_id TEXT NOT NULL UNIQUE, expiry INTEGER NOT NULL,
  username TEXT, detached_at INTEGER, subscriptions TEXT NOT NULL);
CREATE TABLE messages (id INTEGER PRIMARY KEY, topic TEXT NOT NULL, payload BLOB NOT NULL, qos INTEGER NOT NULL,
  retain INTEGER NOT NULL, properties TEXT, expires_at INTEGER NOT NULL, origin TEXT);
CREATE TABLE deliveries (id INTEGER PRIMARY KEY, client_id TEXT NOT NULL, message_id INTEGER NOT NULL, qos INTEGER NOT NULL,
  retain INTEGER NOT NULL, subscription_ids TEXT, packet_id INTEGER NOT NULL, state INTEGER NOT NULL);
CREATE TABLE incoming (id INTEGER PRIMARY KEY, client_id TEXT NOT NULL, packet_id INTEGER NOT NULL, UNIQUE (client_id, packet_id));
CREATE TABLE retained (id INTEGER PRIMARY KEY, topic TEXT NOT NULL UNIQUE, payload BLOB NOT NULL, qos INTEGER NOT NULL,
  properties TEXT, expires_at INTEGER NOT NULL, origin TEXT);
`;

export const TABLES = ['sessions', 'messages', 'deliveries', 'incoming', 'retained'] as const;
export type Table = (typeof TABLES)[number];

export type Row = Record<string, unknown> & { id: number };

export interface SubscriptionRecord {
  filter: string;
  qos: QoS;
  noLocal: boolean;
  retainAsPublished: boolean;
  retainHandling: 0 | 1 | 2;
  subscriptionId?: number;
}

export interface SessionRecord {
  clientId: string;
  expiry: number;
  username: string | undefined;
  /** Epoch ms of the disconnect; null while connected (expiry then counts from the restart). */
  detachedAt: number | null;
  subscriptions: SubscriptionRecord[];
}

export interface DeliveryRecord {
  id: number;
  clientId: string;
  messageId: number;
  qos: QoS;
  retain: boolean;
  subscriptionIds: number[] | undefined;
  packetId: number;
  state: DeliveryState;
}

export const STATES: readonly DeliveryState[] = ['queued', 'sent', 'released'];

/** A record that cannot be used: which one, and why. */
export class RecordError extends Error {
  constructor(table: Table, id: unknown, problem: string) {
    super(`${table} record ${String(id)}: ${problem}`);
    this.name = 'RecordError';
  }
}

type Check = (table: Table, row: Row, col: string) => unknown;

const text: Check = (t, r, c) => {
  if (typeof r[c] !== 'string') throw new RecordError(t, r.id, `${c} is not text`);
  return r[c];
};
const optText: Check = (t, r, c) => (r[c] === null ? undefined : text(t, r, c));
const int = (min: number, max: number): Check => (t, r, c) => {
  const v = r[c];
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) throw new RecordError(t, r.id, `${c} ${String(v)} is not an integer in ${min}..${max}`);
  return v;
};
const blob: Check = (t, r, c) => {
  if (!Buffer.isBuffer(r[c])) throw new RecordError(t, r.id, `${c} is not a blob`);
  return r[c];
};
const json: Check = (t, r, c) => {
  if (r[c] === null) return undefined;
  try {
    return JSON.parse(text(t, r, c) as string) as unknown;
  } catch (err) {
    if (err instanceof RecordError) throw err;
    throw new RecordError(t, r.id, `${c} is not JSON`);
  }
};
const qos = int(0, 2);
const u32 = int(0, 0xffffffff);
const time = int(0, Number.MAX_SAFE_INTEGER);

function toProperties(table: Table, row: Row, value: unknown): Properties | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new RecordError(table, row.id, 'properties is not an object');
  const { correlationData, ...rest } = value as Record<string, unknown>;
  const props = rest as Properties;
  if (typeof correlationData === 'string') props.correlationData = Buffer.from(correlationData, 'base64');
  return props;
}

export function fromPropertiesJson(p: Properties | undefined): string | null {
  if (p === undefined) return null;
  const { correlationData, ...rest } = p;
  return JSON.stringify(correlationData === undefined ? rest : { ...rest, correlationData: correlationData.toString('base64') });
}

/** A messages or retained row → the broker's message (its own copy of the payload). */
export function toMessage(table: 'messages' | 'retained', row: Row): BrokerMessage {
  return {
    topic: text(table, row, 'topic') as string,
    payload: blob(table, row, 'payload') as Buffer,
    qos: qos(table, row, 'qos') as QoS,
    retain: table === 'retained' || int(0, 1)(table, row, 'retain') === 1,
    properties: toProperties(table, row, json(table, row, 'properties')),
    expiresAt: time(table, row, 'expires_at') as number,
    origin: optText(table, row, 'origin') as string | undefined,
    detached: true,
  };
}

function toSubscription(row: Row, v: unknown): SubscriptionRecord {
  const s = v as Partial<SubscriptionRecord> | null;
  const ok = typeof s === 'object' && s !== null && typeof s.filter === 'string' && s.filter !== '' && (s.qos === 0 || s.qos === 1 || s.qos === 2)
    && typeof s.noLocal === 'boolean' && typeof s.retainAsPublished === 'boolean' && (s.retainHandling === 0 || s.retainHandling === 1 || s.retainHandling === 2)
    && (s.subscriptionId === undefined || (Number.isInteger(s.subscriptionId) && s.subscriptionId > 0));
  if (!ok) throw new RecordError('sessions', row.id, `bad subscription ${JSON.stringify(v)}`);
  return s as SubscriptionRecord;
}

export function toSessionRecord(row: Row): SessionRecord {
  const subs = json('sessions', row, 'subscriptions');
  if (!Array.isArray(subs)) throw new RecordError('sessions', row.id, 'subscriptions is not a list');
  return {
    clientId: text('sessions', row, 'client_id') as string,
    expiry: u32('sessions', row, 'expiry') as number,
    username: optText('sessions', row, 'username') as string | undefined,
    detachedAt: row.detached_at === null ? null : (time('sessions', row, 'detached_at') as number),
    subscriptions: subs.map((s) => toSubscription(row, s)),
  };
}

export function toDeliveryRecord(row: Row): DeliveryRecord {
  const ids = json('deliveries', row, 'subscription_ids');
  if (ids !== undefined && !(Array.isArray(ids) && ids.every((i) => Number.isInteger(i) && i > 0))) {
    throw new RecordError('deliveries', row.id, 'subscription_ids is not a list of identifiers');
  }
  const state = int(0, 2)('deliveries', row, 'state') as number;
  const q = int(1, 2)('deliveries', row, 'qos') as QoS;
  const packetId = int(0, 0xffff)('deliveries', row, 'packet_id') as number;
  if ((state === 0) !== (packetId === 0)) throw new RecordError('deliveries', row.id, `packet_id ${packetId} does not fit state ${STATES[state]!}`);
  return {
    id: row.id, clientId: text('deliveries', row, 'client_id') as string, messageId: int(1, Number.MAX_SAFE_INTEGER)('deliveries', row, 'message_id') as number,
    qos: q, retain: int(0, 1)('deliveries', row, 'retain') === 1, subscriptionIds: ids as number[] | undefined, packetId, state: STATES[state]!,
  };
}

export function toIncomingRecord(row: Row): { clientId: string; packetId: number } {
  return { clientId: text('incoming', row, 'client_id') as string, packetId: int(1, 0xffff)('incoming', row, 'packet_id') as number };
}

/** Checks one row of any table (for repair: only rows that load are copied). */
export function checkRow(table: Table, row: Row): void {
  if (table === 'sessions') toSessionRecord(row);
  else if (table === 'deliveries') toDeliveryRecord(row);
  else if (table === 'incoming') toIncomingRecord(row);
  else toMessage(table, row);
}
