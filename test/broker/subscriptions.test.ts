import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RetainedStore } from '../../src/broker/retained.js';
import { type Subscriber, SubscriptionTree } from '../../src/broker/subscriptions.js';
import { splitShared } from '../../src/topic/shared.js';
import { topicMatches } from '../../src/topic/match.js';

function sub(owner: string, filter: string): Subscriber<string> {
  const shared = splitShared(filter);
  return { owner, filter, topicFilter: shared ? shared[1] : filter, shareGroup: shared?.[0], qos: 0, noLocal: false, retainAsPublished: false, retainHandling: 0, subscriptionId: undefined };
}

const level = fc.constantFrom('a', 'b', '$x', '');
const topicArb = fc.array(level, { minLength: 1, maxLength: 4 }).map((l) => l.join('/'));
const filterArb = fc
  .array(fc.constantFrom('a', 'b', '$x', '', '+'), { minLength: 1, maxLength: 4 })
  .chain((l) => fc.boolean().map((hash) => (hash ? [...l.slice(0, -1), '#'] : l).join('/')));

describe('subscription tree', () => {
  it('matches exactly the filters topicMatches accepts (property, [MQTT-4.7])', () => {
    fc.assert(
      fc.property(fc.uniqueArray(filterArb, { maxLength: 12 }), topicArb, (filters, topic) => {
        const tree = new SubscriptionTree<string>();
        filters.forEach((f, i) => tree.add(`c${i}`, sub(f, f)));
        const got: string[] = [];
        tree.match(topic, (s) => got.push(s.filter));
        expect(got.sort()).toEqual(filters.filter((f) => topicMatches(f, topic)).sort());
      }),
    );
  });

  it('removes subscriptions and prunes empty branches', () => {
    const tree = new SubscriptionTree<string>();
    tree.add('c1', sub('c1', 'a/b/c'));
    tree.add('c2', sub('c2', 'a/+/c'));
    expect(tree.size).toBe(2);
    expect(tree.remove('c1', 'a/b/c')?.owner).toBe('c1');
    expect(tree.remove('c1', 'a/b/c')).toBeUndefined();
    const got: string[] = [];
    tree.match('a/b/c', (s) => got.push(s.owner));
    expect(got).toEqual(['c2']);
    tree.remove('c2', 'a/+/c');
    expect(tree.size).toBe(0);
  });

  it('replaces a subscription of the same client on the same filter [MQTT-3.8.4-3]', () => {
    const tree = new SubscriptionTree<string>();
    expect(tree.add('c1', sub('c1', 't'))).toBeUndefined();
    expect(tree.add('c1', { ...sub('c1', 't'), qos: 2 })).toBeDefined();
    expect(tree.size).toBe(1);
  });

  it('picks one member per shared group, round robin [MQTT-4.8.2]', () => {
    const tree = new SubscriptionTree<string>();
    for (const c of ['x', 'y', 'z']) tree.add(c, sub(c, '$share/g/t/#'));
    const got: string[] = [];
    for (let i = 0; i < 6; i++) tree.match('t/1', (s) => got.push(s.owner));
    expect(got).toEqual(['x', 'y', 'z', 'x', 'y', 'z']);
  });
});

describe('retained store', () => {
  const msg = (topic: string, payload = 'x') => ({ topic, payload: Buffer.from(payload), qos: 0 as const, retain: true, properties: undefined, expiresAt: 0, origin: undefined });

  it('finds retained messages by filter like topicMatches (property)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(topicArb, { maxLength: 10 }), filterArb, (topics, filter) => {
        const store = new RetainedStore();
        for (const t of topics) store.set(msg(t));
        const got = store.match(filter, 0).map((m) => m.topic).sort();
        expect(got).toEqual(topics.filter((t) => topicMatches(filter, t)).sort());
      }),
    );
  });

  it('deletes on an empty payload and prunes [MQTT-3.3.1-10]', () => {
    const store = new RetainedStore();
    store.set(msg('a/b'));
    store.set(msg('a'));
    store.set(msg('a/b', ''));
    expect(store.size).toBe(1);
    expect(store.match('#', 0).map((m) => m.topic)).toEqual(['a']);
  });
});
