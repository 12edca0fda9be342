import { describe, expect, it } from 'vitest';
import { topicMatches } from '../../src/topic/match.js';
import { filterIntersection } from '../../src/topic/overlap.js';

// Small universes, enumerated: every filter of up to 2 levels (and /#) and every topic of up to 4.
const LEVELS = ['a', 'b', '$x', ''];
function words(alphabet: string[], max: number): string[][] {
  let layer: string[][] = alphabet.map((l) => [l]);
  const all = [...layer];
  for (let n = 2; n <= max; n++) {
    layer = layer.flatMap((w) => alphabet.map((l) => [...w, l]));
    all.push(...layer);
  }
  return all;
}
const topics = words([...LEVELS, 'c'], 4).map((w) => w.join('/'));
const filters = words([...LEVELS, '+'], 2).flatMap((w) => [w.join('/'), [...w, '#'].join('/')]).concat(['#']);

describe('filterIntersection', () => {
  it('meets exactly the topics both filters match (checked against topicMatches on every pair of a small universe)', () => {
    for (const a of filters) {
      for (const b of filters) {
        const meet = filterIntersection(a, b);
        for (const t of topics) {
          const both = topicMatches(a, t) && topicMatches(b, t);
          const got = meet !== undefined && topicMatches(meet, t);
          if (got !== both) expect({ a, b, meet, t, got }).toEqual({ a, b, meet, t, got: both });
        }
      }
    }
  });

  it('examples', () => {
    expect(filterIntersection('#', 'sensors/+')).toBe('sensors/+');
    expect(filterIntersection('sensors/#', '+/t')).toBe('sensors/t');
    expect(filterIntersection('a/#', 'a')).toBe('a');
    expect(filterIntersection('secret/x', 'sensors/#')).toBeUndefined();
    // A leading wildcard never meets a $ topic [MQTT-4.7.2-1].
    expect(filterIntersection('#', '$SYS/#')).toBeUndefined();
  });
});
