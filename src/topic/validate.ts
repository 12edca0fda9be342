// Topic names and filters [MQTT-4.7]. Pure; shared by the clients and the broker.
import { SHARE_PREFIX, splitShared } from './shared.js';

/**
 * Whether `text` is a UTF-8 string that mosquitto accepts (its mosquitto_validate_utf8,
 * which its broker applies to every topic and filter and its clients to every topic
 * argument): no lone surrogates [MQTT-1.5.4-1], no U+0000 [MQTT-1.5.4-2], no control
 * characters U+0001..U+001F and U+007F..U+009F and no non-characters (U+FDD0..U+FDEF and
 * U+xFFFE/U+xFFFF in every plane) [MQTT-1.5.4-3: "SHOULD NOT"; mosquitto drops the
 * connection], and at most 65,535 bytes (§1.5.4). A topic that fails this is lost if sent:
 * the broker closes the connection instead of delivering it.
 */
export function isValidMqttText(text: string): boolean {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) {
      const next = text.charCodeAt(i + 1);
      if (c > 0xdbff || !(next >= 0xdc00 && next <= 0xdfff)) return false;
      c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
      i++;
    }
    if (c <= 0x1f || (c >= 0x7f && c <= 0x9f)) return false;
    if ((c >= 0xfdd0 && c <= 0xfdef) || (c & 0xfffe) === 0xfffe) return false;
    bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return bytes <= 0xffff;
}

/** Why a topic or filter from the user cannot be sent: bad text (mosquitto's "Malformed UTF-8") or a bad shape. */
export type TopicProblem = 'malformed-utf8' | 'invalid';

/** The problem with a Topic Name for PUBLISH (or a will), checked in mosquitto's order; undefined if none. */
export function topicNameProblem(topic: string): TopicProblem | undefined {
  if (!isValidMqttText(topic)) return 'malformed-utf8';
  return isValidTopicName(topic) ? undefined : 'invalid';
}

/** The problem with a Topic Filter for SUBSCRIBE/UNSUBSCRIBE, checked in mosquitto's order; undefined if none. */
export function topicFilterProblem(filter: string): TopicProblem | undefined {
  if (!isValidMqttText(filter)) return 'malformed-utf8';
  return isValidTopicFilter(filter) ? undefined : 'invalid';
}

/** A topic name for PUBLISH: non-empty, no wildcards [MQTT-4.7.3-1], [MQTT-3.3.2-2]. */
export function isValidTopicName(topic: string): boolean {
  if (topic.length === 0) return false;
  for (let i = 0; i < topic.length; i++) {
    const c = topic.charCodeAt(i);
    if (c === 0x2b /* + */ || c === 0x23 /* # */ || c === 0) return false;
  }
  return true;
}

/**
 * A topic filter: non-empty [MQTT-4.7.3-1]; '#' only alone as the last level
 * [MQTT-4.7.1-2]; '+' only alone in its level [MQTT-4.7.1-3]. A shared subscription
 * `$share/{group}/{filter}` needs a group without wildcards and a valid filter [MQTT-4.8.2-1/2].
 */
export function isValidTopicFilter(filter: string): boolean {
  if (filter.length === 0 || filter.includes('\0')) return false;
  if (filter.startsWith(SHARE_PREFIX)) {
    const shared = splitShared(filter);
    if (shared === undefined) return false;
    const [group, rest] = shared;
    if (group === '' || group.includes('+') || group.includes('#')) return false;
    return isValidTopicFilter(rest);
  }
  const levels = filter.split('/');
  for (let i = 0; i < levels.length; i++) {
    const level = levels[i]!;
    if (level.includes('#') && (level !== '#' || i !== levels.length - 1)) return false;
    if (level.includes('+') && level !== '+') return false;
  }
  return true;
}
