// Topic names and filters [MQTT-4.7]. Pure; shared by the clients and the broker.
import { SHARE_PREFIX, splitShared } from './shared.js';

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
