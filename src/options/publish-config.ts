// Parsed pub options → what to publish. Pure; mosquitto_pub's checks and messages.
import type { Properties, QoS } from '../codec/types.js';
import { UsageError } from '../errors.js';
import { isValidTopicName } from '../topic/validate.js';
import { messageModeKeys } from './message.js';
import { parseIntStrict, parseQos, str } from './numbers.js';
import type { ParsedArgs } from './spec.js';

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

/** Tells whether an argv value came from bytes that were not valid UTF-8 (term/argv-bytes.ts). */
export interface ArgText {
  isMalformedUtf8(value: string): boolean;
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

/** A topic to publish to: valid UTF-8, not empty [MQTT-4.7.3-1], no wildcards [MQTT-3.3.2-2]. */
export function checkTopicName(topic: string, what: string, flag: string, text: ArgText): void {
  if (text.isMalformedUtf8(topic)) throw new UsageError(`Malformed UTF-8 in ${flag} argument.`);
  // mosquitto_pub prints an error for '' but exits 0; an empty topic is never valid.
  if (topic === '') throw new UsageError(`Invalid ${what} topic '', a topic must not be empty.`);
  if (!isValidTopicName(topic)) throw new UsageError(`Invalid ${what} topic '${topic}', does it contain '+' or '#'?`);
}

export function toPublishConfig(args: ParsedArgs, urlTopic: string | undefined, publishProps: Properties | undefined, text: ArgText): PublishConfig {
  const v = args.values;
  const source = toPayloadSource(args);
  const topic = str(v.topic) ?? urlTopic;
  if (topic === undefined || source === undefined) throw new UsageError('Both topic and message must be supplied.', { showUsage: true });
  checkTopicName(topic, 'publish', '-t', text);
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
