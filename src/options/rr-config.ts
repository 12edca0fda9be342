// Parsed rr options → the request to send and how to wait for replies, or the
// responder to run. Pure; mosquitto_rr's checks and messages (reference §4, observed
// on 2.0.11), plus mqtk's --count and --respond.
import type { Properties, QoS, Subscription } from '../codec/types.js';
import { UsageError } from '../errors.js';
import { parseIntStrict, parseQos, str } from './numbers.js';
import { checkTopicName, toPayloadSource, type ArgText, type PayloadSource } from './publish-config.js';
import { checkTopicArg } from './topic-args.js';
import type { ParsedArgs } from './spec.js';
import { toPrintOptions, toSubscription, toTimeoutMs, type PrintOptions } from './subscribe-config.js';

interface RrCommon {
  qos: QoS;
  timeoutMs?: number;
  /** -R: ignore retained messages (responses, or requests in responder mode). */
  noRetained: boolean;
}

export interface RequestConfig extends RrCommon, PrintOptions {
  mode: 'request';
  topic: string;
  responseTopic: string;
  source: PayloadSource;
  /** The response topic, with -R / retain options. */
  subscription: Subscription;
  /** --count: replies to wait for (default 1). */
  replies: number;
  /** MQTT 5: what a reply must carry to be ours; absent before MQTT 5 (any reply counts). */
  correlationData?: Buffer;
  /** -D publish properties, plus response topic and correlation data in MQTT 5. */
  properties?: Properties;
}

export interface RespondConfig extends RrCommon {
  mode: 'respond';
  /** The request filter (-t): wildcards allowed, it is a subscription. */
  subscription: Subscription;
  /** -e: where to reply when a request names no response topic (the only way before MQTT 5). */
  fallbackTopic?: string;
  /** --count: answer this many requests, then exit. */
  requests?: number;
  command: string;
  args: string[];
  properties?: Properties;
}

export type RrConfig = RequestConfig | RespondConfig;

function parseCount(v: ParsedArgs['values']): number | undefined {
  if (v.replyCount === undefined) return undefined;
  const n = parseIntStrict(str(v.replyCount)!);
  if (n === undefined || n < 1) throw new UsageError(`Invalid reply count "${str(v.replyCount)}".`);
  return n;
}

/**
 * `correlation` is the random correlation data to use unless -D publish
 * correlation-data gives one (the caller draws it, keeping this pure).
 */
export function toRrConfig(args: ParsedArgs, urlTopic: string | undefined, version: number, publishProps: Properties | undefined, correlation: Buffer, text: ArgText): RrConfig {
  const v = args.values;
  const qos = v.qos !== undefined ? parseQos(str(v.qos)!) : 0;
  const common: RrCommon = { qos, ...optional('timeoutMs', toTimeoutMs(v)), noRetained: v.noRetained === true };
  const topic = str(v.topic) ?? urlTopic;
  const responseTopic = str(v.responseTopic);
  if (responseTopic !== undefined) checkTopicName(responseTopic, 'response', '-e', text);
  // mosquitto_rr adds the response topic itself, so a second one is refused.
  if (publishProps?.responseTopic !== undefined && (responseTopic !== undefined || v.respond)) {
    throw new UsageError('Error in PUBLISH properties: Duplicate response topic.');
  }
  const count = parseCount(v);
  const source = toPayloadSource(args);

  if (v.respond) {
    if (source) throw new UsageError("--respond takes no message (-m, -f, -s, -n): the command's output is the reply.");
    const [command, ...rest] = args.positionals;
    if (command === undefined) throw new UsageError("--respond needs a command after '--', e.g. mqtk rr --respond -t req -- cat");
    if (topic === undefined) throw new UsageError('--respond needs the request topic (-t).');
    checkTopicArg(topic, 'subscription', '-t', text);
    if (version !== 5 && responseTopic === undefined) throw new UsageError('--respond before MQTT 5 needs -e: requests carry no response topic.');
    return {
      mode: 'respond', ...common, subscription: toSubscription(v, topic, qos, version), ...optional('fallbackTopic', responseTopic),
      ...optional('requests', count), command, args: rest, ...optional('properties', publishProps),
    };
  }
  if (args.positionals.length > 0) throw new UsageError(`Unexpected argument '${args.positionals[0]}' (a command runs only with --respond).`);
  if (topic === undefined || source === undefined || responseTopic === undefined) {
    throw new UsageError('All of topic, message, and response topic must be supplied.');
  }
  checkTopicName(topic, 'publish', '-t', text);
  if (source.kind === 'stdin-line') throw new UsageError("Unknown option '-l'.");
  const v5 = version === 5;
  const correlationData = v5 ? (publishProps?.correlationData ?? correlation) : undefined;
  const properties: Properties | undefined = v5 ? { ...publishProps, responseTopic, correlationData } : undefined;
  return {
    mode: 'request', ...common, ...toPrintOptions(v), topic, responseTopic, source,
    subscription: toSubscription(v, responseTopic, qos, version), replies: count ?? 1,
    ...optional('correlationData', correlationData), ...optional('properties', properties),
  };
}

/** `{ key: value }` when value is defined, else `{}` (exactOptionalPropertyTypes-friendly spreads). */
function optional<K extends string, T>(key: K, value: T | undefined): { [P in K]?: T } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: T };
}
