import { describe, expect, it } from 'vitest';
import { topicMatches } from '../../src/topic/match.js';
import { splitShared } from '../../src/topic/shared.js';
import { isValidTopicFilter } from '../../src/topic/validate.js';

describe('shared subscriptions $share/{ShareName}/{filter} [MQTT-4.8.2]', () => {
  it('splits the share name from the filter, which may itself contain /', () => {
    expect(splitShared('$share/g/a/+/c')).toEqual(['g', 'a/+/c']);
    expect(splitShared('$share/g/#')).toEqual(['g', '#']);
    expect(splitShared('$share/g')).toBeUndefined();
    expect(splitShared('a/$share/g/b')).toBeUndefined();
    expect(splitShared('$SHARE/g/b')).toBeUndefined();
  });

  it('matches and validates by the filter after the share name [MQTT-4.8.2-1] [MQTT-4.8.2-2]', () => {
    expect(topicMatches('$share/g/a/+', 'a/b')).toBe(true);
    expect(topicMatches('$share/g', '$share/g')).toBe(false);
    expect(isValidTopicFilter('$share/g/a/#')).toBe(true);
    expect(isValidTopicFilter('$share//a')).toBe(false);
    expect(isValidTopicFilter('$share/g+/a')).toBe(false);
    expect(isValidTopicFilter('$share/g/a/#/b')).toBe(false);
  });
});
