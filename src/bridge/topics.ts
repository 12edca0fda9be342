// mosquitto's bridge topic lines: `topic PATTERN [in|out|both] [qos] [local-prefix]
// [remote-prefix]`. A local topic `localPrefix + x` is forwarded as `remotePrefix + x`
// and the other way round. Pure.
import { topicMatches } from '../topic/match.js';
import type { BridgeTopic } from '../broker/options.js';

export const localFilter = (t: BridgeTopic): string => t.localPrefix + t.pattern;
export const remoteFilter = (t: BridgeTopic): string => t.remotePrefix + t.pattern;

/** The remote topic for a local message, or undefined when no `out`/`both` line matches. */
export function toRemoteTopic(topics: readonly BridgeTopic[], local: string): string | undefined {
  for (const t of topics) {
    if (t.direction === 'in' || !topicMatches(localFilter(t), local) || !local.startsWith(t.localPrefix)) continue;
    return t.remotePrefix + local.slice(t.localPrefix.length);
  }
  return undefined;
}

/** The local topic for a remote message, or undefined when no `in`/`both` line matches. */
export function toLocalTopic(topics: readonly BridgeTopic[], remote: string): string | undefined {
  for (const t of topics) {
    if (t.direction === 'out' || !topicMatches(remoteFilter(t), remote) || !remote.startsWith(t.remotePrefix)) continue;
    return t.localPrefix + remote.slice(t.remotePrefix.length);
  }
  return undefined;
}
