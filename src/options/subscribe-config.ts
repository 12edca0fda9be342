// Parsed sub options → what to subscribe to and which messages to print. Pure;
// mosquitto_sub's checks and messages.
import type { QoS, Subscription } from '../codec/types.js';
import { UsageError } from '../errors.js';
import { list, lookup, parseIntStrict, parseQos, str } from './numbers.js';
import type { ParsedArgs } from './spec.js';
import { checkTopicArg, type ArgText, type TopicRole } from './topic-args.js';

/** How received messages are printed: -v, -N, -F, --pretty (sub and rr). */
export interface PrintOptions {
  verbose: boolean;
  eol: boolean;
  format?: string;
  pretty: boolean;
}

export function toPrintOptions(v: ParsedArgs['values']): PrintOptions {
  const format = str(v.format);
  return { verbose: v.verbose === true, eol: v.noEol !== true, ...(format !== undefined ? { format } : {}), pretty: v.pretty === true };
}

export interface SubscribeConfig extends PrintOptions {
  subscriptions: Subscription[];
  filterOut: string[];
  unsubscribe: string[];
  count?: number;
  timeoutMs?: number;
  exitOnSuback: boolean;
  noRetained: boolean;
  retainedOnly: boolean;
  removeRetained: boolean;
  /** Percentage of messages to print (--random-filter), 100 when absent. */
  randomFilter: number;
}

const RETAIN_HANDLING = { always: 0, new: 1, never: 2 } as const;

function checkFilters(filters: string[], role: TopicRole, text: ArgText, flag: string): void {
  for (const f of filters) checkTopicArg(f, role, flag, text);
}

/** -W: whole seconds, 1 s to a year. */
export function toTimeoutMs(v: ParsedArgs['values']): number | undefined {
  if (v.timeout === undefined) return undefined;
  const t = parseIntStrict(str(v.timeout)!);
  if (t === undefined || t < 1 || t > 3600 * 24 * 365) throw new UsageError(`Invalid timeout "${str(v.timeout)}".`);
  return t * 1000;
}

/** One filter with the MQTT 5 subscription options of --retain-as-published, --retain-handling and -R. */
export function toSubscription(v: ParsedArgs['values'], topicFilter: string, qos: QoS, protocolVersion: number): Subscription {
  let retainHandling: 0 | 1 | 2 | undefined;
  if (v.retainHandling !== undefined) {
    const rh = str(v.retainHandling)!;
    retainHandling = lookup(RETAIN_HANDLING, rh);
    if (retainHandling === undefined) throw new UsageError(`Invalid retain-handling '${rh}': use always, new or never.`);
  }
  // -R asks the server not to send retained messages at all (MQTT 5 retain handling 2).
  if (v.noRetained && retainHandling === undefined) retainHandling = 2;
  const v5 = protocolVersion === 5;
  // MQTT 3.1.1 has no subscription options to carry these: refused, not silently dropped.
  if (!v5 && v.retainAsPublished) throw new UsageError('--retain-as-published needs MQTT 5 (-V 5).');
  if (!v5 && v.retainHandling !== undefined) throw new UsageError('--retain-handling needs MQTT 5 (-V 5).');
  return {
    topicFilter,
    qos,
    ...(v5 && v.retainAsPublished ? { retainAsPublished: true } : {}),
    ...(v5 && retainHandling ? { retainHandling } : {}),
  };
}

export function toSubscribeConfig(args: ParsedArgs, urlTopic: string | undefined, protocolVersion: number, text: ArgText): SubscribeConfig {
  const v = args.values;
  const topics = [...(urlTopic !== undefined ? [urlTopic] : []), ...list(v.topic)];
  const unsubscribe = list(v.unsubscribe);
  if (topics.length === 0) throw new UsageError('You must specify a topic to subscribe to.', { showUsage: true });
  if (urlTopic !== undefined) checkTopicArg(urlTopic, 'subscription', '-L topic', text);
  checkFilters(list(v.topic), 'subscription', text, '-t');
  const filterOut = list(v.filterOut);
  checkFilters(filterOut, 'filter', text, '-T');
  checkFilters(unsubscribe, 'unsubscribe', text, '-U');
  const qos: QoS = v.qos !== undefined ? parseQos(str(v.qos)!) : 0;

  let count: number | undefined;
  if (v.count !== undefined) {
    count = parseIntStrict(str(v.count)!);
    if (count === undefined || count < 1) throw new UsageError(`Invalid message count "${str(v.count)}".`);
  }
  const timeoutMs = toTimeoutMs(v);
  if (v.noRetained && v.retainedOnly) throw new UsageError("Combining '-R' and '--retained-only' makes no sense.");
  let randomFilter = 100;
  if (v.randomFilter !== undefined) {
    randomFilter = Number(str(v.randomFilter));
    if (!(randomFilter >= 0.1 && randomFilter <= 100)) throw new UsageError('--random-filter chance must be between 0.1-100.0');
  }
  const subscriptions = topics.map((topicFilter) => toSubscription(v, topicFilter, qos, protocolVersion));
  return {
    subscriptions,
    filterOut,
    unsubscribe,
    ...(count !== undefined ? { count } : {}),
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    exitOnSuback: v.exitOnSuback === true,
    noRetained: v.noRetained === true,
    retainedOnly: v.retainedOnly === true,
    removeRetained: v.removeRetained === true,
    randomFilter,
    ...toPrintOptions(v),
  };
}
