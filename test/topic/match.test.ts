import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { topicMatches } from '../../src/topic/match.js';
import { isValidTopicFilter, isValidTopicName } from '../../src/topic/validate.js';

describe('topicMatches', () => {
  const cases: Array<[string, string, boolean]> = [
    ['a/b', 'a/b', true],
    ['a/b', 'a/c', false],
    ['a/b', 'a/bc', false],
    ['a/bc', 'a/b', false],
    ['a/+', 'a/b', true],
    ['a/+', 'a/b/c', false],
    ['a/+', 'a/', true],
    ['+/+', '/finance', true], // [MQTT-4.7.1-3] non-normative example
    ['/+', '/finance', true],
    ['+', '/finance', false],
    ['sport/tennis/player1/#', 'sport/tennis/player1', true], // '#' includes the parent [MQTT-4.7.1-2]
    ['sport/tennis/player1/#', 'sport/tennis/player1/ranking', true],
    ['sport/tennis/player1/#', 'sport/tennis/player1/score/wimbledon', true],
    ['sport/#', 'sport', true],
    ['#', 'a/b/c', true],
    ['#', '/', true],
    ['+/tennis/#', 'sport/tennis/player1', true],
    ['sport/+/player1', 'sport/tennis/player1', true],
    ['a/+/c', 'a//c', true],
    ['a//c', 'a//c', true],
    ['a', 'a/b', false],
    ['a/b', 'a', false],
  ];
  for (const [filter, topic, expected] of cases) {
    it(`${filter} ${expected ? 'matches' : 'does not match'} ${topic}`, () => {
      expect(topicMatches(filter, topic)).toBe(expected);
    });
  }

  it('does not match $-topics with a leading wildcard [MQTT-4.7.2-1]', () => {
    expect(topicMatches('#', '$SYS/broker/uptime')).toBe(false);
    expect(topicMatches('+/broker/uptime', '$SYS/broker/uptime')).toBe(false);
    expect(topicMatches('$SYS/#', '$SYS/broker/uptime')).toBe(true);
    expect(topicMatches('$SYS/+/uptime', '$SYS/broker/uptime')).toBe(true);
  });

  it('ignores the $share/group/ prefix of a shared subscription [MQTT-4.8.2]', () => {
    expect(topicMatches('$share/g1/a/+', 'a/b')).toBe(true);
    expect(topicMatches('$share/g1/a/+', 'b/b')).toBe(false);
  });

  it('agrees with a reference regex implementation on random topics', () => {
    const level = fc.constantFrom('a', 'b', '', 'ab');
    const topic = fc.array(level, { minLength: 1, maxLength: 5 }).map((l) => l.join('/'));
    const filterLevel = fc.constantFrom('a', 'b', '', 'ab', '+');
    const filter = fc
      .tuple(fc.array(filterLevel, { minLength: 1, maxLength: 5 }), fc.boolean())
      .map(([l, hash]) => (hash ? [...l, '#'] : l).join('/'));
    const reference = (f: string, t: string): boolean => {
      const parts = f.split('/');
      let re = '';
      for (let i = 0; i < parts.length; i++) {
        const p = parts[i]!;
        if (p === '#') {
          re = i === 0 ? '.*' : `${re}(/.*)?`;
          break;
        }
        re += (i > 0 ? '/' : '') + (p === '+' ? '[^/]*' : p.replace(/[.*?^${}()|[\]\\]/g, '\\$&'));
      }
      return new RegExp(`^${re}$`).test(t);
    };
    fc.assert(fc.property(filter, topic, (f, t) => topicMatches(f, t) === reference(f, t)));
  });
});

describe('topic validation', () => {
  it('rejects wildcards and empty names in PUBLISH topics [MQTT-3.3.2-2] [MQTT-4.7.3-1]', () => {
    expect(isValidTopicName('a/b')).toBe(true);
    expect(isValidTopicName('a/+')).toBe(false);
    expect(isValidTopicName('#')).toBe(false);
    expect(isValidTopicName('')).toBe(false);
  });
  it('accepts well-formed filters and rejects misplaced wildcards [MQTT-4.7.1-2] [MQTT-4.7.1-3]', () => {
    for (const f of ['#', '+', 'a/#', '+/+', '/+', 'a/+/b', '$share/g/a/#']) expect(isValidTopicFilter(f), f).toBe(true);
    for (const f of ['', 'a/#/b', 'a+', 'a/b#', '#/a', '$share/g', '$share//a', '$share/g+/a', '$share/g/a/#/b'])
      expect(isValidTopicFilter(f), f).toBe(false);
  });
});
