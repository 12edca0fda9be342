// Access across users (issue 11): wildcard client ids and user names in %c / %u
// patterns, a session resumed under another user name, and client writes to $SYS.
import { afterEach, describe, expect, it } from 'vitest';
import { parseAcl, toAclHooks } from '../../src/broker/acl.js';
import type { Broker } from '../../src/broker/broker.js';
import { connect, nextOrTimeout, subscribe, testBroker } from './harness.js';

let broker: Broker;
afterEach(async () => broker?.close());

const acl = (text: string) => toAclHooks(parseAcl(text));

describe('broker: %c and %u patterns refuse wildcard ids and user names (as mosquitto)', () => {
  it.each([['#', 'clients/#'], ['+', 'clients/+']])('a client whose id is "%s" cannot subscribe to %s through the pattern clients/<client id>', async (id, filter) => {
    broker = testBroker(acl('pattern readwrite clients/%c\n'));
    const thief = await connect(broker, id, 5);
    expect(await subscribe(thief.peer, filter)).toEqual([0x87]);
    const alice = await connect(broker, 'alice', 5);
    expect(await subscribe(alice.peer, 'clients/alice')).toEqual([0]);
    alice.peer.send({ type: 'publish', topic: 'clients/alice', payload: Buffer.from('mine'), qos: 0, retain: false, dup: false });
    expect((await alice.peer.expect('publish')).payload.toString()).toBe('mine');
    expect(await nextOrTimeout(thief.peer, 50)).toBe('timeout');
  });

  it('a user named "#" cannot read every user through users/%u', async () => {
    broker = testBroker({ ...acl('pattern read users/%u\n'), authenticate: () => true });
    const thief = await connect(broker, 't', 4, { username: '#' });
    expect(await subscribe(thief.peer, 'users/#')).toEqual([0x80]);
    const bob = await connect(broker, 'b', 4, { username: 'bob' });
    expect(await subscribe(bob.peer, 'users/bob')).toEqual([0]);
  });

  it('still applies the user\'s own rules and deny patterns that name no one', async () => {
    broker = testBroker({ ...acl('user eve\ntopic read public/#\npattern read clients/%c\npattern deny public/secret\n'), authenticate: () => true });
    const eve = await connect(broker, '#', 5, { username: 'eve' });
    expect(await subscribe(eve.peer, 'public/news')).toEqual([0]);
    expect(await subscribe(eve.peer, 'public/secret', 0, 2)).toEqual([0x87]);
    expect(await subscribe(eve.peer, 'clients/#', 0, 3)).toEqual([0x87]);
  });
});

describe('broker: a session resumed by another user name starts clean', () => {
  async function aliceWithQueuedMessage(): Promise<void> {
    const alice = await connect(broker, 'alice', 4, { clean: false, username: 'alice' });
    await subscribe(alice.peer, 'inbox/alice', 1);
    alice.peer.send({ type: 'disconnect' });
    await alice.peer.closed;
    const p = await connect(broker, 'p', 4, { username: 'alice' });
    p.peer.send({ type: 'publish', topic: 'inbox/alice', payload: Buffer.from('private'), qos: 1, retain: false, dup: false, packetId: 1 });
    await p.peer.expect('puback');
  }

  it('bob taking alice\'s client id gets sessionPresent 0 and none of her messages', async () => {
    broker = testBroker({ authenticate: () => true });
    await aliceWithQueuedMessage();
    const bob = await connect(broker, 'alice', 4, { clean: false, username: 'bob' });
    expect(bob.connack.sessionPresent).toBe(false);
    expect(await nextOrTimeout(bob.peer, 50)).toBe('timeout');
    expect(broker.core.sessions.get('alice')?.subscriptions).toBeUndefined();
  });

  it('alice herself resumes her session with its queued message [MQTT-3.1.2-5]', async () => {
    broker = testBroker({ authenticate: () => true });
    await aliceWithQueuedMessage();
    const again = await connect(broker, 'alice', 4, { clean: false, username: 'alice' });
    expect(again.connack.sessionPresent).toBe(true);
    expect((await again.peer.expect('publish')).payload.toString()).toBe('private');
  });

  it('an anonymous client does not resume a named user\'s session', async () => {
    broker = testBroker({ authenticate: () => true });
    await aliceWithQueuedMessage();
    const anon = await connect(broker, 'alice', 4, { clean: false });
    expect(anon.connack.sessionPresent).toBe(false);
    expect(await nextOrTimeout(anon.peer, 50)).toBe('timeout');
  });
});

describe('broker: $SYS is the broker\'s', () => {
  it('refuses a client PUBLISH to $SYS/... (0x87 in MQTT 5) and keeps no retained copy', async () => {
    broker = testBroker();
    const watcher = await connect(broker, 'w', 4);
    await subscribe(watcher.peer, '$SYS/#');
    const c = await connect(broker, 'c', 5);
    c.peer.send({ type: 'publish', topic: '$SYS/broker/version', payload: Buffer.from('pwned'), qos: 1, retain: true, dup: false, packetId: 1 });
    expect(await c.peer.expect('puback')).toMatchObject({ reasonCode: 0x87 });
    const old = await connect(broker, 'old', 4);
    old.peer.send({ type: 'publish', topic: '$SYS/x', payload: Buffer.from('pwned'), qos: 0, retain: true, dup: false });
    expect(await nextOrTimeout(watcher.peer, 50)).toBe('timeout');
    expect(broker.core.retained.size).toBe(0);
    // A remote bridge's state is the one exception (mosquitto's acl__check_dollar).
    old.peer.send({ type: 'publish', topic: '$SYS/broker/connection/far/state', payload: Buffer.from('1'), qos: 0, retain: true, dup: false });
    expect((await watcher.peer.expect('publish')).topic).toBe('$SYS/broker/connection/far/state');
  });

  it('does not publish a will on a $SYS topic', async () => {
    broker = testBroker();
    const watcher = await connect(broker, 'w', 4);
    await subscribe(watcher.peer, '$SYS/#');
    const c = await connect(broker, 'c', 4, { will: { topic: '$SYS/broker/uptime', payload: Buffer.from('0'), qos: 0, retain: true } });
    c.peer.stream.destroy();
    expect(await nextOrTimeout(watcher.peer, 50)).toBe('timeout');
    expect(broker.core.retained.size).toBe(0);
  });
});
