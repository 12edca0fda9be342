// Shared subscriptions [MQTT-4.8.2]: `$share/{ShareName}/{filter}`. Pure.

export const SHARE_PREFIX = '$share/';

/** `$share/group/a/b` → ['group', 'a/b']; undefined when not shared (or no '/' after the group). */
export function splitShared(filter: string): [group: string, topicFilter: string] | undefined {
  if (!filter.startsWith(SHARE_PREFIX)) return undefined;
  const slash = filter.indexOf('/', SHARE_PREFIX.length);
  return slash < 0 ? undefined : [filter.slice(SHARE_PREFIX.length, slash), filter.slice(slash + 1)];
}
