// mosquitto_sub's %j / %J object: keys tst, topic, qos, retain, payloadlen, mid (QoS > 0),
// properties (when the message has any), payload; printed through the cJSON model.
// Where 2.0.11 is buggy we follow 2.1: tst has no stray "Z" before the offset,
// user-properties is an array of one-key objects (duplicates survive JSON parsers),
// and topic-alias is read correctly. retain stays a number, as in 2.0.11.
import type { Properties } from '../codec/types.js';
import { parseCJson, printCJson, type CJson } from './cjson.js';
import type { LocalTime } from './local-time.js';
import type { ReceivedMessage } from './message.js';
import { strftime } from './strftime.js';

const num = (value: number): CJson => ({ kind: 'number', value });
const str = (value: string | Buffer): CJson => ({ kind: 'string', bytes: cString(value) });
const key = (name: string): Buffer => Buffer.from(name, 'latin1');

/** Text as libmosquitto hands it to cJSON: a C string, so it ends at the first NUL. */
export function cString(value: string | Buffer): Buffer {
  const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
  const nul = bytes.indexOf(0);
  return nul === -1 ? bytes : bytes.subarray(0, nul);
}

/** "2026-11-22T02:12:06.012252+0000": local time with microseconds and numeric offset (2.1). */
export function formatJsonTimestamp(local: LocalTime, nanos: number): string {
  const micros = String(Math.floor(nanos / 1000)).padStart(6, '0');
  return `${strftime('F', local)}T${strftime('T', local)}.${micros}${strftime('z', local)}`;
}

/** The properties object, in the order the Properties keys were filled (wire order). */
function propertiesJson(props: Properties): CJson | undefined {
  const members: Array<[Buffer, CJson]> = [];
  for (const name of Object.keys(props) as Array<keyof Properties>) {
    switch (name) {
      case 'payloadFormatIndicator':
      case 'messageExpiryInterval':
      case 'topicAlias': {
        const value = props[name];
        if (value !== undefined) members.push([key(KEY_NAMES[name]), num(value)]);
        break;
      }
      case 'contentType':
      case 'responseTopic':
      case 'correlationData': {
        const value = props[name];
        if (value !== undefined) members.push([key(KEY_NAMES[name]), str(value)]);
        break;
      }
      case 'subscriptionIdentifier':
        // One property per identifier on the wire, so one (duplicate) key each.
        for (const id of props.subscriptionIdentifier ?? []) members.push([key('subscription-identifier'), num(id)]);
        break;
      case 'userProperties': {
        const pairs = props.userProperties ?? [];
        if (pairs.length === 0) break;
        const items: CJson[] = pairs.map(([k, v]) => ({ kind: 'object', members: [[cString(k), str(v)]] }));
        members.push([key('user-properties'), { kind: 'array', items }]);
        break;
      }
      default:
        // Not a PUBLISH property: mosquitto's switch ignores it too.
        break;
    }
  }
  return members.length > 0 ? { kind: 'object', members } : undefined;
}

const KEY_NAMES = {
  payloadFormatIndicator: 'payload-format-indicator',
  messageExpiryInterval: 'message-expiry-interval',
  topicAlias: 'topic-alias',
  contentType: 'content-type',
  responseTopic: 'response-topic',
  correlationData: 'correlation-data',
} as const;

/**
 * The %j (escaped = true) or %J (escaped = false) text. Returns undefined for %J when the
 * payload is not JSON as cJSON reads it; mosquitto then prints nothing for the field.
 */
export function formatMosquittoJson(msg: ReceivedMessage, local: LocalTime, escaped: boolean, pretty: boolean): Buffer | undefined {
  const { packet } = msg;
  let payload: CJson;
  if (packet.payload.length === 0) {
    payload = { kind: 'null' };
  } else if (escaped) {
    payload = str(packet.payload);
  } else {
    const parsed = parseCJson(packet.payload);
    if (parsed === undefined) return undefined;
    payload = parsed;
  }
  const members: Array<[Buffer, CJson]> = [
    [key('tst'), str(formatJsonTimestamp(local, msg.time.nanos))],
    [key('topic'), str(packet.topic)],
    [key('qos'), num(packet.qos)],
    [key('retain'), num(packet.retain ? 1 : 0)],
    [key('payloadlen'), num(packet.payload.length)],
  ];
  if (packet.qos > 0) members.push([key('mid'), num(packet.packetId ?? 0)]);
  const props = packet.properties && propertiesJson(packet.properties);
  if (props) members.push([key('properties'), props]);
  members.push([key('payload'), payload]);
  return printCJson({ kind: 'object', members }, pretty);
}
