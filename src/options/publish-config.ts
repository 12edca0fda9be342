// Parsed pub options → what to publish. Pure; mosquitto_pub's checks and messages.
import type { Properties, QoS } from '../codec/types.js';
import { UsageError } from '../errors.js';
import { messageModeKeys } from './message.js';
import { parseIntStrict, parseQos, str } from './numbers.js';
import type { ParsedArgs } from './spec.js';
import { checkTopicArg, type ArgText } from './topic-args.js';

export type { ArgText } from './topic-args.js';

export type PayloadSource =
  | { kind: 'message'; payload: Buffer }
  | { kind: 'file'; path: string }
  | { kind: 'stdin-file' }
  | { kind: 'stdin-line' }
  | { kind: 'null' };

export interface PublishConfig {
  topic: string;
  source: PayloadSource;
  qos: QoS;
  retain: boolean;
  repeat: number;
  repeatDelayMs: number;
  properties?: Properties;
}

/** The one payload source given (-m, -f, -s, -l or -n), or undefined when there is none. */
export function toPayloadSource(args: ParsedArgs): PayloadSource | undefined {
  const v = args.values;
  const modes = args.seen.filter((k) => (messageModeKeys as readonly string[]).includes(k));
  if (modes.length > 1) throw new UsageError('Only one type of message can be sent at once.');
  switch (modes[0]) {
    case undefined:
      return undefined;
    case 'message':
      return { kind: 'message', payload: Buffer.from(str(v.message)!, 'utf8') };
    case 'file':
      return { kind: 'file', path: str(v.file)! };
    case 'stdinFile':
      return { kind: 'stdin-file' };
    case 'stdinLine':
      return { kind: 'stdin-line' };
    default:
      return { kind: 'null' };
  }
}

/**
 * A topic to publish to (pub -t, rr -t/-e): not empty [MQTT-4.7.3-1], then mosquitto's
 * checks (topic-args.ts): text MQTT allows [MQTT-1.5.4-1..3], no wildcards [MQTT-3.3.2-2].
 */
export function checkTopicName(topic: string, what: 'publish' | 'response', flag: string, text: ArgText): void {
  // mosquitto_pub prints an error for '' but exits 0; an empty topic is never valid.
  if (topic === '') throw new UsageError(`Invalid ${what} topic '', a topic must not be empty.`);
  checkTopicArg(topic, what, flag, text);
}

export function toPublishConfig(args: ParsedArgs, urlTopic: string | undefined, publishProps: Properties | undefined, text: ArgText): PublishConfig {
  const v = args.values;
  const source = toPayloadSource(args);
  // -t and -L both set the topic; as in mosquitto, the one given last wins.
  const fromUrl = urlTopic !== undefined && args.seen.lastIndexOf('url') > args.seen.lastIndexOf('topic');
  const topic = fromUrl ? urlTopic : (str(v.topic) ?? urlTopic);
  if (topic === undefined || source === undefined) throw new UsageError('Both topic and message must be supplied.', { showUsage: true });
  checkTopicName(topic, 'publish', fromUrl || str(v.topic) === undefined ? '-L topic' : '-t', text);
  const qos = v.qos !== undefined ? parseQos(str(v.qos)!) : 0;

  let repeat = 1;
  if (v.repeat !== undefined) {
    const n = parseIntStrict(str(v.repeat)!);
    if (n === undefined || n < 1) throw new UsageError('--repeat argument must be >0.');
    repeat = n;
  }
  let repeatDelayMs = 0;
  if (v.repeatDelay !== undefined) {
    const s = Number(str(v.repeatDelay));
    if (!Number.isFinite(s) || s < 0 || str(v.repeatDelay)!.trim() === '') throw new UsageError('--repeat-delay argument must be >=0.0.');
    repeatDelayMs = s * 1000;
  }
  return { topic, source, qos, retain: v.retain === true, repeat, repeatDelayMs, ...(publishProps ? { properties: publishProps } : {}) };
}
