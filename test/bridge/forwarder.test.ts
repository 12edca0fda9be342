// The bridge's outgoing side over a scripted remote: a local message is acknowledged only
// once the remote has it; refusals are retried; QoS 0 with no connection is dropped and said so.
import { describe, expect, it } from 'vitest';
import { Forwarder } from '../../src/bridge/forwarder.js';
import { MqttClient } from '../../src/client/client.js';
import type { ClientConfig } from '../../src/client/config.js';
import type { ApplicationMessage } from '../../src/codec/types.js';
import { accept, dialer } from '../helpers/dialer.js';

const config: ClientConfig = {
  transport: { kind: 'tcp', host: 'unused', port: 0 },
  connect: { protocolVersion: 5, clientId: 'bridge', clean: false, keepalive: 60 },
  maxInflight: 20,
  connectTimeoutMs: 2000,
};

async function remote() {
  const { dial, nextPeer } = dialer(5);
  const connecting = MqttClient.connect(config, { dial });
  const peer = await nextPeer();
  await accept(peer, false);
  return { client: await connecting, peer };
}

function forwarder() {
  const dropped: string[] = [];
  const f = new Forwarder({ dropped: (m, reason) => dropped.push(`${m.topic}: ${reason}`), log: () => {} });
  return { f, dropped };
}

const msg = (qos: 0 | 1 | 2, topic = 't'): ApplicationMessage => ({ topic, payload: Buffer.from('x'), qos, retain: false });
const acked = () => {
  let n = 0;
  return { ack: () => void n++, get count() { return n; } };
};

describe('bridge forwarder', () => {
  it('acknowledges locally only after the remote PUBACK [MQTT-4.3.2]', async () => {
    const { client, peer } = await remote();
    const { f } = forwarder();
    f.attach(client);
    const a = acked();
    f.forward(msg(1), a.ack);
    const p = await peer.expect('publish');
    expect(a.count).toBe(0);
    peer.send({ type: 'puback', packetId: p.packetId! });
    await expect.poll(() => a.count).toBe(1);
    client.destroy();
  });

  it('publishes again after a PUBACK 0x97 Quota exceeded, and acknowledges only the accepted one', async () => {
    const { client, peer } = await remote();
    const { f } = forwarder();
    f.attach(client);
    const a = acked();
    f.forward(msg(1), a.ack);
    const first = await peer.expect('publish');
    peer.send({ type: 'puback', packetId: first.packetId!, reasonCode: 0x97 });
    const again = await peer.expect('publish');
    expect([again.topic, a.count]).toEqual(['t', 0]);
    peer.send({ type: 'puback', packetId: again.packetId! });
    await expect.poll(() => a.count).toBe(1);
    f.stop();
    client.destroy();
  }, 10_000);

  it('retries a QoS 2 message refused with PUBREC 0x80', async () => {
    const { client, peer } = await remote();
    const { f } = forwarder();
    f.attach(client);
    const a = acked();
    f.forward(msg(2), a.ack);
    const first = await peer.expect('publish');
    peer.send({ type: 'pubrec', packetId: first.packetId!, reasonCode: 0x80 });
    const again = await peer.expect('publish');
    peer.send({ type: 'pubrec', packetId: again.packetId! });
    await peer.expect('pubrel');
    peer.send({ type: 'pubcomp', packetId: again.packetId! });
    await expect.poll(() => a.count).toBe(1);
    f.stop();
    client.destroy();
  }, 10_000);

  it('drops QoS 0 while no remote is connected, and says so', () => {
    const { f, dropped } = forwarder();
    const a = acked();
    f.forward(msg(0, 'q0'), a.ack);
    expect(dropped).toEqual(['q0: the bridge is not connected']);
    expect(a.count).toBe(1);
  });

  it('keeps QoS 1/2 while no remote is up and sends them, in order, to the next one', async () => {
    const { f } = forwarder();
    const a = acked();
    f.forward(msg(1, 'one'), a.ack);
    f.forward(msg(2, 'two'), a.ack);
    expect(f.queued).toBe(2);
    const { client, peer } = await remote();
    f.attach(client);
    expect([(await peer.expect('publish')).topic, (await peer.expect('publish')).topic]).toEqual(['one', 'two']);
    expect(a.count).toBe(0);
    client.destroy();
  });

  it('sends to the next client what a closed one never got acknowledged', async () => {
    const first = await remote();
    const { f } = forwarder();
    f.attach(first.client);
    const a = acked();
    f.forward(msg(1, 'kept'), a.ack);
    await first.peer.expect('publish');
    first.client.destroy();
    await expect.poll(() => f.queued).toBe(1);
    const second = await remote();
    f.attach(second.client);
    const p = await second.peer.expect('publish');
    second.peer.send({ type: 'puback', packetId: p.packetId! });
    await expect.poll(() => a.count).toBe(1);
    second.client.destroy();
  });
});
