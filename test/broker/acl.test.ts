import { describe, expect, it } from 'vitest';
import { filterCovered, parseAcl, toAclHooks } from '../../src/broker/acl.js';

const acl = toAclHooks(parseAcl([
  '# anonymous',
  'topic read public/#',
  'user alice',
  'topic readwrite alice/#',
  'topic write logs/alice',
  'topic deny alice/secret',
  'user bob',
  'topic bob/in',
  'pattern read devices/%c/cmd',
  'pattern write devices/%u/state',
].join('\n')));

const alice = { clientId: 'dev1', username: 'alice', address: '' };
const anon = { clientId: 'anon', username: undefined, address: '' };

describe('acl_file (mosquitto syntax)', () => {
  it('answers by the user and client id of each check, also for the same client id under another user', () => {
    expect(acl.authorizePublish({ clientId: 'x', username: 'alice', address: '' }, 'alice/a')).toBe(true);
    expect(acl.authorizePublish({ clientId: 'x', username: 'bob', address: '' }, 'alice/a')).toBe(false);
    expect(acl.authorizePublish({ clientId: 'x', username: undefined, address: '' }, 'alice/a')).toBe(false);
    expect(acl.authorizeRead({ clientId: 'y', username: 'bob', address: '' }, 'devices/y/cmd')).toBe(true);
    expect(acl.authorizeRead({ clientId: 'x', username: 'bob', address: '' }, 'devices/y/cmd')).toBe(false);
  });

  it('applies topic lines before any user to anonymous clients', () => {
    expect(acl.authorizeRead(anon, 'public/news')).toBe(true);
    expect(acl.authorizePublish(anon, 'public/news')).toBe(false);
    expect(acl.authorizeRead(alice, 'public/news')).toBe(false);
  });

  it('grants by access kind and lets deny win', () => {
    expect(acl.authorizePublish(alice, 'alice/x')).toBe(true);
    expect(acl.authorizeRead(alice, 'alice/x')).toBe(true);
    expect(acl.authorizePublish(alice, 'logs/alice')).toBe(true);
    expect(acl.authorizeRead(alice, 'logs/alice')).toBe(false);
    expect(acl.authorizePublish(alice, 'alice/secret')).toBe(false);
    expect(acl.authorizePublish({ ...alice, username: 'bob' }, 'bob/in')).toBe(true);
  });

  it('substitutes %c and %u in patterns, for every user', () => {
    expect(acl.authorizeRead(alice, 'devices/dev1/cmd')).toBe(true);
    expect(acl.authorizeRead(alice, 'devices/dev2/cmd')).toBe(false);
    expect(acl.authorizePublish(alice, 'devices/alice/state')).toBe(true);
    expect(acl.authorizePublish(anon, 'devices/anon/state')).toBe(false);
  });

  it('grants a subscription that overlaps something readable (as mosquitto: deliveries are checked one by one)', () => {
    expect(acl.authorizeSubscribe(alice, 'alice/+/x')).toBe(true);
    expect(acl.authorizeSubscribe(alice, '#')).toBe(true);
    expect(acl.authorizeSubscribe(alice, '+/dev1/+')).toBe(true);
    expect(acl.authorizeSubscribe(alice, 'alice/secret/#')).toBe(true);
    expect(acl.authorizeSubscribe(anon, 'public/#')).toBe(true);
    expect(acl.authorizeSubscribe(anon, '$share/g/public/a')).toBe(true);
    expect(acl.authorizeSubscribe(anon, '$share/g/#')).toBe(true);
  });

  it('refuses a filter under which nothing can ever be readable: no read rule meets it, or deny covers all it meets', () => {
    expect(acl.authorizeSubscribe(alice, 'logs/alice')).toBe(false);
    expect(acl.authorizeSubscribe(alice, 'secret/x')).toBe(false);
    expect(acl.authorizeSubscribe(alice, 'alice/secret')).toBe(false);
    expect(acl.authorizeSubscribe(anon, '$SYS/#')).toBe(false);
    expect(acl.authorizeSubscribe(anon, '$share/g/secret/#')).toBe(false);
    const denyAll = toAclHooks(parseAcl('user u\ntopic read a/#\ntopic deny a/#'));
    expect(denyAll.authorizeSubscribe({ clientId: 'c', username: 'u', address: '' }, '#')).toBe(false);
  });

  it('filterCovered: + covers one level, # the rest', () => {
    expect(filterCovered('a/+', 'a/b')).toBe(true);
    expect(filterCovered('a/+', 'a/+')).toBe(true);
    expect(filterCovered('a/+', 'a/#')).toBe(false);
    expect(filterCovered('a/#', 'a')).toBe(true);
    expect(filterCovered('a/b', 'a/b/c')).toBe(false);
  });
});

describe('read checks of a session no connection has held yet (restored by persistence)', () => {
  it('use the broker\'s rules, but fail closed under per_listener_settings (its listener is unknown)', async () => {
    const { createBroker } = await import('../../src/broker/broker.js');
    const { Session } = await import('../../src/broker/session.js');
    const { mayRead } = await import('../../src/broker/authorize.js');
    const restored = new Session('offline');
    const global = createBroker({ sysInterval: 0, authorizeRead: () => true });
    expect(mayRead(global.core, restored, 't')).toBe(true);
    const perListener = createBroker({ sysInterval: 0, listeners: [{ port: 0, host: '127.0.0.1', protocol: 'mqtt', security: { allowAnonymous: true } }] });
    expect(mayRead(perListener.core, restored, 't')).toBe(false);
    await global.close();
    await perListener.close();
  });
});
