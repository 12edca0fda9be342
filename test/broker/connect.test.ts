import { afterEach, describe, expect, it } from 'vitest';
import type { Broker } from '../../src/broker/broker.js';
import { sweep } from '../../src/broker/keepalive.js';
import { connect, nextOrTimeout, open, subscribe, testBroker, tick } from './harness.js';

let broker: Broker;
afterEach(async () => broker?.close());

describe('broker: CONNECT and CONNACK', () => {
  it.each([3, 4, 5] as const)('accepts MQTT level %i with CONNACK 0 [MQTT-3.2.2-2]', async (v) => {
    broker = testBroker();
    const { connack } = await connect(broker, 'c1', v);
    expect(connack).toMatchObject({ reasonCode: 0, sessionPresent: false });
  });

  it('assigns a client id to an empty one in MQTT 5 and says so [MQTT-3.1.3-7] [MQTT-3.2.2-16]', async () => {
    broker = testBroker();
    const { connack } = await connect(broker, '', 5);
    expect(connack.properties?.assignedClientIdentifier).toMatch(/^auto-/);
  });

  it('accepts an empty client id with clean session in 3.1.1 [MQTT-3.1.3-6]', async () => {
    broker = testBroker();
    const { connack } = await connect(broker, '', 4);
    expect(connack.reasonCode).toBe(0);
  });

  it('refuses an empty client id without clean session in 3.1.1 with return code 2 [MQTT-3.1.3-8]', async () => {
    broker = testBroker();
    const { peer, connack } = await connect(broker, '', 4, { clean: false });
    expect(connack.reasonCode).toBe(2);
    await peer.closed;
  });

  it('refuses anonymous clients with 5 / 0x87 when allow_anonymous is false', async () => {
    broker = testBroker({ allowAnonymous: false });
    expect((await connect(broker, 'a', 4)).connack.reasonCode).toBe(5);
    expect((await connect(broker, 'b', 5)).connack.reasonCode).toBe(0x87);
  });

  it('answers an unsupported protocol level with CONNACK 0x01 and closes [MQTT-3.1.2-2]', async () => {
    broker = testBroker();
    const peer = open(broker);
    // CONNECT "MQTT" level 6
    peer.sendRaw(Buffer.from([0x10, 0x0c, 0x00, 0x04, 0x4d, 0x51, 0x54, 0x54, 0x06, 0x02, 0x00, 0x3c, 0x00, 0x00]));
    const connack = await peer.expect('connack');
    expect(connack.reasonCode).toBe(1);
    await peer.closed;
  });

  it('takes over the session of a connected client id; the old one gets DISCONNECT 0x8E [MQTT-3.1.4-3]', async () => {
    broker = testBroker();
    const first = await connect(broker, 'same', 5);
    await connect(broker, 'same', 5);
    const d = await first.peer.expect('disconnect');
    expect(d.reasonCode).toBe(0x8e);
    await first.peer.closed;
  });

  it('resumes a session without clean start and reports Session Present [MQTT-3.2.2-2]', async () => {
    broker = testBroker();
    const a = await connect(broker, 'p', 4, { clean: false });
    expect(a.connack.sessionPresent).toBe(false);
    await subscribe(a.peer, 't/#', 1);
    a.peer.send({ type: 'disconnect' });
    await a.peer.closed;
    const b = await connect(broker, 'p', 4, { clean: false });
    expect(b.connack.sessionPresent).toBe(true);
    const c = await connect(broker, 'p', 4, { clean: true });
    expect(c.connack.sessionPresent).toBe(false);
  });

  it('tells MQTT 5 clients its limits in CONNACK properties (§3.2.2.3)', async () => {
    broker = testBroker({ maxInflightMessages: 20, maxPacketSize: 1000, maxTopicAlias: 5, retainAvailable: false, maxKeepalive: 30 });
    const { connack } = await connect(broker, 'x', 5, { keepalive: 60 });
    expect(connack.properties).toMatchObject({ receiveMaximum: 20, maximumPacketSize: 1000, topicAliasMaximum: 5, retainAvailable: 0, serverKeepAlive: 30 });
  });

  it('drops a client silent for 1.5 x keep alive, with DISCONNECT 0x8D in MQTT 5 [MQTT-3.1.2-22]', async () => {
    broker = testBroker();
    const { peer } = await connect(broker, 'k', 5, { keepalive: 1 });
    const started = Date.now();
    const d = await peer.expect('disconnect');
    expect(d.reasonCode).toBe(0x8d);
    // Not before 1.5 s. No upper bound in ms (a loaded machine runs timers late); the exact
    // limit is checked on the sweeper's own clock below.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1400);
  });

  it('drops a silent client exactly after 1.5 x keep alive, not at it (sweeper clock driven by hand) [MQTT-3.1.2-22]', async () => {
    broker = testBroker();
    // 10 s: the real sweeper cannot reach the limit while the test runs.
    const { peer } = await connect(broker, 'k10', 5, { keepalive: 10 });
    const conn = broker.core.clients.get('k10')!;
    sweep(broker.core, conn.lastSeen + 15_000);
    expect(conn.state).toBe('connected');
    sweep(broker.core, conn.lastSeen + 15_001);
    expect((await peer.expect('disconnect')).reasonCode).toBe(0x8d);
  });

  it('keeps a client alive that pings within the keep alive', async () => {
    broker = testBroker();
    const { peer } = await connect(broker, 'k', 4, { keepalive: 1 });
    for (let i = 0; i < 4; i++) {
      await tick(500);
      peer.send({ type: 'pingreq' });
      expect((await peer.next()).type).toBe('pingresp');
    }
  });

  it('closes a connection that sends no CONNECT within the connect timeout', async () => {
    broker = testBroker({ connectTimeoutMs: 300 });
    const peer = open(broker);
    await peer.closed;
    expect(await nextOrTimeout(peer, 10)).toBe('timeout');
  });
});
