// Does a topic name match a topic filter? [MQTT-4.7]. Pure.
import { SHARE_PREFIX, splitShared } from './shared.js';

/**
 * '+' matches one level, '#' the rest including the parent level ("a/#" matches "a")
 * [MQTT-4.7.1-2]. Filters starting with a wildcard never match topics starting with '$'
 * [MQTT-4.7.2-1]. A `$share/{group}/` prefix is ignored for matching.
 */
export function topicMatches(filter: string, topic: string): boolean {
  if (filter.startsWith(SHARE_PREFIX)) {
    const shared = splitShared(filter);
    if (shared === undefined) return false;
    filter = shared[1];
  }
  if (topic.startsWith('$') && (filter.startsWith('+') || filter.startsWith('#'))) return false;
  let f = 0;
  let t = 0;
  const fl = filter.length;
  const tl = topic.length;
  while (f < fl) {
    const c = filter.charCodeAt(f);
    if (c === 0x23 /* # */) return true;
    if (c === 0x2b /* + */) {
      // Skip one topic level.
      while (t < tl && topic.charCodeAt(t) !== 0x2f) t++;
      f++;
    } else {
      // Literal level: compare up to the next '/'.
      while (f < fl && filter.charCodeAt(f) !== 0x2f) {
        if (t >= tl || topic.charCodeAt(t) !== filter.charCodeAt(f)) return false;
        f++;
        t++;
      }
      if (t < tl && topic.charCodeAt(t) !== 0x2f) return false;
    }
    // Both at a level end: either both finished, or both at '/'.
    if (f >= fl) return t >= tl;
    // filter has '/', so topic must too — except "a/#" matching "a".
    if (t >= tl) return filter.slice(f) === '/#';
    f++;
    t++;
  }
  return t >= tl;
}
