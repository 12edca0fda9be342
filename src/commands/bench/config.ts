// Parsed argv → what a bench run needs. Pure, and run again in each worker thread from
// the same argv (workers get strings, not objects with Buffers and closures). Every
// cross-field check of bench lives here.
import type { BackoffConfig } from '../../client/backoff.js';
import type { ClientConfig } from '../../client/config.js';
import type { Properties, QoS } from '../../codec/types.js';
import { UsageError } from '../../errors.js';
import { toConnectionSetup } from '../../options/client-config.js';
import { list, parseIntStrict, parseQos, str } from '../../options/numbers.js';
import type { ParsedArgs } from '../../options/spec.js';
import { STAMP_SIZE } from './payload.js';
import { toReportTarget } from './report.js';
import { compileTemplate, templateFilter, type Template } from './template.js';

export type BenchMode = 'pub' | 'sub' | 'pubsub' | 'conn';
const MODES: readonly string[] = ['pub', 'sub', 'pubsub', 'conn'];

export interface BenchConfig {
  mode: BenchMode;
  client: ClientConfig;
  publishProperties?: Properties;
  subscribeProperties?: Properties;
  /** Publishers (pub, pubsub), subscribers (sub) or plain connections (conn). */
  clients: number;
  /** pubsub's subscribers. */
  subscribers: number;
  topic: Template;
  /** Subscription filters (templates: %i of the subscriber). */
  filters: Template[];
  /** A filter is a shared subscription ($share/...). */
  sharedSubscription: boolean;
  qos: QoS;
  retain: boolean;
  size: number;
  /** Milliseconds between messages of one publisher; undefined: as fast as the broker takes them. */
  msgIntervalMs?: number;
  /** Messages to publish in total (pub, pubsub) or to receive per subscriber (sub). */
  limit: number;
  durationMs: number;
  /** Milliseconds between connects of the whole run (0: no pacing). */
  connIntervalMs: number;
  /** Failed reconnect attempts in a row before a lost connection stays lost (0: no reconnecting). */
  reconnect: number;
  /** --num-retry-connect: retries of a failed first connect, and the waits between them. */
  connectRetry: { retries: number; backoff: BackoffConfig };
  clientId: Template;
  startNumber: number;
  workers: number;
  warmupMs: number;
  output: 'text' | 'json';
  csv?: string;
  report?: string;
  /** Print every client's results (text: a table; JSON: per_client). */
  perClient: boolean;
  quiet: boolean;
}

/** --reconnect-delay doubles up to this. */
const MAX_RECONNECT_DELAY_MS = 30_000;

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** `30s`, `2m`, `500ms`, `1.5h`; a bare number is seconds. */
export function parseDuration(text: string, what: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!m) throw new UsageError(`Invalid ${what} '${text}': use a number of seconds or 500ms, 30s, 2m, 1h.`);
  return Number(m[1]) * UNITS[m[2] ?? 's']!;
}

function count(v: ParsedArgs['values'][string], what: string, min: number, fallback: number): number {
  const text = str(v);
  if (text === undefined) return fallback;
  const n = parseIntStrict(text);
  if (n === undefined || n < min) throw new UsageError(`Invalid ${what} '${text}': a whole number ≥ ${min} is needed.`);
  return n;
}

function positive(v: ParsedArgs['values'][string], what: string): number | undefined {
  const text = str(v);
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!(n > 0) || !Number.isFinite(n)) throw new UsageError(`Invalid ${what} '${text}': a number > 0 is needed.`);
  return n;
}

export function toBenchMode(positionals: readonly string[]): BenchMode {
  const [mode = 'pubsub', ...rest] = positionals;
  if (!MODES.includes(mode)) throw new UsageError(`Unknown bench mode '${mode}': use pub, sub, pubsub, conn or collect.`);
  if (rest.length > 0) throw new UsageError(`Unexpected argument '${rest[0]}'.`);
  return mode as BenchMode;
}

export function toBenchConfig(args: ParsedArgs, env: { pid: number; cores: number }): BenchConfig {
  const v = args.values;
  const mode = toBenchMode(args.positionals);
  const setup = toConnectionSetup(args, { protocolVersion: 4, pid: env.pid });
  const clients = count(v.clients, 'client count (-c)', 1, 1);
  const subscribers = count(v.subscribers, 'subscriber count', 1, 1);
  if (v.subscribers !== undefined && mode !== 'pubsub') throw new UsageError('--subscribers is for pubsub mode (sub: use -c).');

  const topics = list(v.topic);
  const defaultTopic = setup.urlTopic ?? 'mqtk-bench/%i';
  if (mode === 'pub' || mode === 'pubsub') {
    if (topics.length > 1) throw new UsageError('Give one topic template (-t) to publish to.');
  }
  const topicText = mode === 'sub' ? defaultTopic : (topics[0] ?? defaultTopic);
  const filterTexts = mode === 'sub' ? (topics.length > 0 ? topics : [templateFilter(defaultTopic)]) : list(v.filter).length > 0 ? list(v.filter) : [templateFilter(topicText)];
  if (v.filter !== undefined && mode !== 'pubsub') throw new UsageError('--filter is for pubsub mode (sub: use -t).');

  const size = count(v.size, 'payload size (-s)', STAMP_SIZE, 64);
  const rate = positive(v.rate, 'rate');
  const perClient = positive(v.msgInterval, 'message interval (-I)');
  if (rate !== undefined && perClient !== undefined) throw new UsageError('Give --rate or -I, not both.');
  const limit = count(v.limit, 'limit', 1, Infinity);
  const durationMs = v.duration !== undefined ? parseDuration(str(v.duration)!, 'duration (-d)') : Infinity;
  if (durationMs <= 0) throw new UsageError('The duration (-d) must be > 0.');
  if (mode === 'conn' && limit !== Infinity) throw new UsageError('--limit is for pub, sub and pubsub (conn: use -d).');

  const connRate = positive(v.connRate, 'connection rate (-R)');
  const connInterval = positive(v.connInterval, 'connect interval (-i)');
  if (connRate !== undefined && connInterval !== undefined) throw new UsageError('Give -R or -i, not both.');
  const reconnect = count(v.reconnect, 'reconnect attempts', 0, 0);
  const reconnectDelayMs = v.reconnectDelay !== undefined ? parseDuration(str(v.reconnectDelay)!, 'reconnect delay') : 1000;
  if (reconnectDelayMs <= 0) throw new UsageError('The reconnect delay must be > 0.');
  const connectRetries = count(v.connectRetries, 'connect retries (--num-retry-connect)', 0, 0);
  if (v.reconnectDelay !== undefined && reconnect === 0 && connectRetries === 0) throw new UsageError('--reconnect-delay needs --reconnect N or --num-retry-connect N.');
  const workers = count(v.workers, 'worker count', 1, env.cores);
  const output = toBenchOutput(v);
  const report = str(v.report);
  if (report !== undefined) toReportTarget(args, report, 'check', env.pid);

  return {
    mode,
    // Reconnecting is the client engine's: it resends unacknowledged QoS 1/2 messages and
    // holds new ones until it is back, so the subscribers' sequence numbers still tell
    // what the broker lost or repeated across the gap.
    client: reconnect > 0
      ? { ...setup.client, reconnectDelayMs, reconnectMaxDelayMs: Math.max(MAX_RECONNECT_DELAY_MS, reconnectDelayMs), reconnectAttempts: reconnect }
      : setup.client,
    ...(setup.properties.publish ? { publishProperties: setup.properties.publish } : {}),
    ...(setup.properties.subscribe ? { subscribeProperties: setup.properties.subscribe } : {}),
    clients,
    subscribers,
    topic: compileTemplate(topicText, 'topic'),
    filters: filterTexts.map((f) => compileTemplate(f, 'filter')),
    sharedSubscription: filterTexts.some((f) => f.startsWith('$share/')),
    qos: v.qos !== undefined ? parseQos(str(v.qos)!) : 0,
    retain: v.retain === true,
    size,
    ...(rate !== undefined ? { msgIntervalMs: (1000 * clients) / rate } : perClient !== undefined ? { msgIntervalMs: perClient } : {}),
    limit,
    durationMs,
    reconnect,
    connectRetry: { retries: connectRetries, backoff: { baseMs: reconnectDelayMs, maxMs: Math.max(MAX_RECONNECT_DELAY_MS, reconnectDelayMs) } },
    connIntervalMs: connRate !== undefined ? 1000 / connRate : (connInterval ?? 0),
    clientId: compileTemplate(str(v.clientId) ?? `mqtk-bench-${mode}-%i`, 'client id'),
    startNumber: count(v.startNumber, 'start number', 0, 0),
    // More threads than connections would idle. A shared subscription splits each
    // publisher's sequence over its subscribers: only one engine sees all of them.
    workers: filterTexts.some((f) => f.startsWith('$share/')) && mode !== 'pub' ? 1 : Math.min(workers, mode === 'pubsub' ? clients + subscribers : clients),
    warmupMs: v.warmup !== undefined ? parseDuration(str(v.warmup)!, 'warmup') : 0,
    output,
    ...(str(v.csv) !== undefined ? { csv: str(v.csv)! } : {}),
    ...(report !== undefined ? { report } : {}),
    quiet: v.quiet === true,
    perClient: v.perClient === true,
  };
}

/** --output (the option table allows only text|json for bench, and the parser enforces it) or --json. */
export function toBenchOutput(v: ParsedArgs['values']): 'text' | 'json' {
  return (str(v.output) ?? (v.json ? 'json' : 'text')) as 'text' | 'json';
}
