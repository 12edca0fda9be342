import { afterEach, describe, expect, it } from 'vitest';
import type { Broker } from '../../src/broker/broker.js';
import type { Will } from '../../src/codec/types.js';
import { connect, nextOrTimeout, subscribe, testBroker, tick } from './harness.js';

let broker: Broker;
afterEach(async () => broker?.close());

const will = (extra: Partial<Will> = {}): Will => ({ topic: 'w', payload: Buffer.from('gone'), qos: 1, retain: false, ...extra });

async function watcher() {
  const s = await connect(broker, 'watch', 5);
  await subscribe(s.peer, 'w', 1);
  return s.peer;
}

describe('broker: will messages', () => {
  it('publishes the will when the connection drops without DISCONNECT [MQTT-3.1.2-8]', async () => {
    broker = testBroker();
    const w = await watcher();
    const c = await connect(broker, 'c', 4, { will: will() });
    c.peer.stream.destroy();
    const got = await w.expect('publish');
    expect(got.payload.toString()).toBe('gone');
  });

  it('discards the will on a normal DISCONNECT [MQTT-3.1.2-10]', async () => {
    broker = testBroker();
    const w = await watcher();
    const c = await connect(broker, 'c', 4, { will: will() });
    c.peer.send({ type: 'disconnect' });
    await c.peer.closed;
    expect(await nextOrTimeout(w, 100)).toBe('timeout');
  });

  it('publishes the will on DISCONNECT with reason 0x04 (MQTT 5, §3.14.2.1)', async () => {
    broker = testBroker();
    const w = await watcher();
    const c = await connect(broker, 'c', 5, { will: will() });
    c.peer.send({ type: 'disconnect', reasonCode: 0x04 });
    expect((await w.expect('publish')).payload.toString()).toBe('gone');
  });

  it('publishes the will after a protocol error [MQTT-3.1.2-8]', async () => {
    broker = testBroker();
    const w = await watcher();
    const c = await connect(broker, 'c', 4, { will: will() });
    c.peer.send({ type: 'connect', protocolVersion: 4, clientId: 'c', clean: true, keepalive: 0 });
    expect((await w.expect('publish')).payload.toString()).toBe('gone');
  });

  it('retains a will with Will Retain and passes its properties through (§3.1.3.2)', async () => {
    broker = testBroker();
    const c = await connect(broker, 'c', 5, { will: will({ retain: true, properties: { contentType: 'text/plain', userProperties: [['k', 'v']] } }) });
    c.peer.stream.destroy();
    await tick(20);
    const s = await connect(broker, 's', 5);
    await subscribe(s.peer, 'w');
    const got = await s.peer.expect('publish');
    expect(got.retain).toBe(true);
    expect(got.properties).toMatchObject({ contentType: 'text/plain', userProperties: [['k', 'v']] });
  });

  it('delays the will by the Will Delay Interval [MQTT-3.1.3-9]', async () => {
    broker = testBroker();
    const w = await watcher();
    const c = await connect(broker, 'c', 5, { will: will({ properties: { willDelayInterval: 1 } }), properties: { sessionExpiryInterval: 60 } });
    c.peer.stream.destroy();
    expect(await nextOrTimeout(w, 500)).toBe('timeout');
    expect((await w.expect('publish')).payload.toString()).toBe('gone');
  });

  it('does not send a delayed will when the client reconnects in time [MQTT-3.1.3-9]', async () => {
    broker = testBroker();
    const w = await watcher();
    const c = await connect(broker, 'c', 5, { will: will({ properties: { willDelayInterval: 1 } }), properties: { sessionExpiryInterval: 60 } });
    c.peer.stream.destroy();
    await tick(100);
    await connect(broker, 'c', 5, { clean: false, properties: { sessionExpiryInterval: 60 } });
    expect(await nextOrTimeout(w, 1300)).toBe('timeout');
  });

  it('sends the will when the session ends before the will delay [MQTT-3.1.3-9]', async () => {
    broker = testBroker();
    const w = await watcher();
    const c = await connect(broker, 'c', 5, { will: will({ properties: { willDelayInterval: 30 } }), properties: { sessionExpiryInterval: 0 } });
    c.peer.stream.destroy();
    expect((await w.expect('publish')).payload.toString()).toBe('gone');
  });

  it('does not send wills when the broker shuts down', async () => {
    broker = testBroker();
    // A retained will would stay in the retained store if it were published on the way down
    // (a subscriber may already be gone by then, so the store is what shows it).
    await connect(broker, 'c', 4, { will: will({ retain: true }) });
    await broker.close();
    expect(broker.core.retained.get('w')).toBeUndefined();
  });
});
