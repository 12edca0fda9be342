// Limits on what one client may make the broker hold or walk. Topic depth: mosquitto
// refuses topics and filters of more than 200 levels (TOPIC_HIERARCHY_LIMIT); so do we,
// configurable with max_topic_levels, for PUBLISH, wills, SUBSCRIBE and so retained
// messages.
import type { BrokerConfig } from './options.js';

/** Whether `topic` (a name or a filter) has more levels than max_topic_levels allows (0 = no limit). */
export function topicTooDeep(config: BrokerConfig, topic: string): boolean {
  const max = config.maxTopicLevels;
  if (max <= 0) return false;
  let levels = 1;
  for (let i = 0; i < topic.length; i++) if (topic.charCodeAt(i) === 0x2f && ++levels > max) return true;
  return false;
}
