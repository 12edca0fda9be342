// ClientConfig.deferAcks: the PUBACK/PUBREC of an incoming QoS 1/2 message waits for the
// receiver's ack() (what a bridge needs so that nothing it acknowledged is lost with it).
import { describe, expect, it } from 'vitest';
import { MqttClient } from '../../src/client/client.js';
import type { ClientConfig } from '../../src/client/config.js';
import type { IncomingMessage } from '../../src/client/events.js';
import type { PublishPacket } from '../../src/codec/types.js';
import { accept, dialer, reconnectingConfig } from '../helpers/dialer.js';

const config: ClientConfig = reconnectingConfig(4, false, { deferAcks: true });

const publish = (packetId: number, qos: 1 | 2, dup = false): PublishPacket => ({ type: 'publish', topic: 't', payload: Buffer.from(`m${packetId}`), qos, retain: false, dup, packetId });

async function start() {
  const { dial, nextPeer } = dialer();
  const connecting = MqttClient.connect(config, { dial });
  const first = await nextPeer();
  await accept(first, false);
  const client = await connecting;
  const got: IncomingMessage[] = [];
  let arrived: () => void = () => {};
  client.on('message', (m) => {
    got.push(m);
    arrived();
  });
  const nextMessage = (): Promise<IncomingMessage> => new Promise((resolve) => (arrived = () => resolve(got[got.length - 1]!)));
  return { client, first, nextPeer, got, nextMessage };
}

describe('client engine: deferred acknowledgements', () => {
  it('sends PUBACK only when the receiver calls ack() [MQTT-4.3.2-2]', async () => {
    const { client, first, nextMessage } = await start();
    const arrived = nextMessage();
    first.send(publish(7, 1));
    const m = await arrived;
    expect(await first.nextWithin(50)).toBeUndefined();
    m.ack!();
    m.ack!();
    expect(await first.expect('puback')).toMatchObject({ packetId: 7 });
    expect(await first.nextWithin(50)).toBeUndefined();
    client.destroy();
  });

  it('delivers a QoS 2 resend once and answers it with PUBREC only after ack() [MQTT-4.3.3-9]', async () => {
    const { client, first, got, nextMessage } = await start();
    const arrived = nextMessage();
    first.send(publish(3, 2));
    const m = await arrived;
    first.send(publish(3, 2, true));
    expect(await first.nextWithin(50)).toBeUndefined();
    m.ack!();
    expect(await first.expect('pubrec')).toMatchObject({ packetId: 3 });
    first.send(publish(3, 2, true));
    expect(await first.expect('pubrec')).toMatchObject({ packetId: 3 });
    first.send({ type: 'pubrel', packetId: 3 });
    expect(await first.expect('pubcomp')).toMatchObject({ packetId: 3 });
    expect(got).toHaveLength(1);
    client.destroy();
  });

  it('answers the resend after a reconnect for a QoS 2 message acknowledged while offline [MQTT-4.4.0-1]', async () => {
    const { client, first, nextPeer, nextMessage } = await start();
    const arrived = nextMessage();
    first.send(publish(5, 2));
    const m = await arrived;
    const offline = new Promise((r) => client.on('offline', r));
    first.stream.destroy();
    await offline;
    m.ack!();
    const second = await nextPeer();
    await accept(second, true);
    second.send(publish(5, 2, true));
    expect(await second.expect('pubrec')).toMatchObject({ packetId: 5 });
    client.destroy();
  });

  it('does not send a QoS 1 ack from an earlier connection: the server resends the message', async () => {
    const { client, first, nextPeer, got, nextMessage } = await start();
    const arrived = nextMessage();
    first.send(publish(9, 1));
    const m = await arrived;
    first.stream.destroy();
    const second = await nextPeer();
    await accept(second, true);
    m.ack!();
    expect(await second.nextWithin(50)).toBeUndefined();
    const again = nextMessage();
    second.send(publish(9, 1, true));
    (await again).ack!();
    expect(await second.expect('puback')).toMatchObject({ packetId: 9 });
    expect(got).toHaveLength(2);
    client.destroy();
  });
});
