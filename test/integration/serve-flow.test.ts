// MQTT 5 flow control and outbound topic aliases of mqtk serve over real TCP: a raw
// client (our codec on a socket, so it can hold its acks and see every packet) and
// MQTT.js. The client's Receive Maximum bounds what serve sends [MQTT-3.3.4-7]; a client
// over serve's Receive Maximum gets DISCONNECT 0x93 [MQTT-3.3.4-9]; a client that allows
// topic aliases gets them, within its maximum [MQTT-3.3.2-11] [MQTT-3.3.2-12].
import { mkdtempSync, writeFileSync } from 'node:fs';
import { connect as tcpConnect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encode } from '../../src/codec/encode.js';
import { createParser } from '../../src/codec/parser.js';
import type { ConnectPacket, Packet, PublishPacket } from '../../src/codec/types.js';
import { runCommand, skipWithoutMosquitto, waitFor } from '../helpers/mosquitto.js';
import { type Serve, startServe } from '../helpers/serve.js';

let serve: Serve;
const sockets: Socket[] = [];
const clients: MqttClient[] = [];
beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mqtk-serve-flow-'));
  writeFileSync(join(dir, 'm.conf'), 'listener 0 127.0.0.1\nallow_anonymous true\nmax_inflight_messages 2\n');
  serve = await startServe(['-c', join(dir, 'm.conf')], { verbose: false });
});
afterAll(async () => {
  for (const s of sockets) s.destroy();
  for (const c of clients) c.end(true);
  await serve?.stop();
});

interface Raw {
  send(p: Packet): void;
  packets: Packet[];
  closed: Promise<void>;
}

async function raw(clientId: string, properties: ConnectPacket['properties'] = {}): Promise<Raw> {
  const socket = tcpConnect(serve.port, '127.0.0.1');
  sockets.push(socket);
  await new Promise<void>((r) => socket.once('connect', () => r()));
  const packets: Packet[] = [];
  const parser = createParser({ protocolVersion: 5 }, (p) => packets.push(p));
  socket.on('data', (d: Buffer) => parser.push(d));
  socket.on('error', () => {});
  const closed = new Promise<void>((r) => socket.once('close', () => r()));
  const send = (p: Packet): void => void socket.write(encode(p, 5));
  send({ type: 'connect', protocolVersion: 5, clientId, clean: true, keepalive: 30, properties });
  await waitFor(() => packets.length > 0, 20_000, 'CONNACK');
  expect(packets.shift()).toMatchObject({ type: 'connack', reasonCode: 0 });
  return { send, packets, closed };
}

const publishes = (r: Raw) => r.packets.filter((p): p is PublishPacket => p.type === 'publish');

/** PINGRESP comes after everything serve already wrote to this client. */
async function settled(r: Raw): Promise<void> {
  const before = r.packets.filter((p) => p.type === 'pingresp').length;
  r.send({ type: 'pingreq' });
  await waitFor(() => r.packets.filter((p) => p.type === 'pingresp').length > before, 20_000, 'PINGRESP');
}

const pubAll = (topic: string, n: number) => runCommand('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(serve.port), '-V', '5', '-q', '1', '-t', topic, '-l'], { input: Array.from({ length: n }, (_, i) => `m${i}`).join('\n') + '\n' });

describe.skipIf(skipWithoutMosquitto())('mqtk serve: flow control and outbound topic aliases (MQTT 5)', () => {
  it('sends a client no more unacknowledged QoS 1 messages than its Receive Maximum, the rest as acks come [MQTT-3.3.4-7]', async () => {
    const sub = await raw('holder', { receiveMaximum: 1 });
    sub.send({ type: 'subscribe', packetId: 1, subscriptions: [{ topicFilter: 'flow/t', qos: 1 }] });
    await waitFor(() => sub.packets.some((p) => p.type === 'suback'), 20_000, 'SUBACK');
    // mosquitto_pub -q 1 exits once every PUBACK came: serve has routed all five by then.
    expect((await pubAll('flow/t', 5)).status).toBe(0);
    await settled(sub);
    expect(publishes(sub).map((p) => p.payload.toString())).toEqual(['m0']);
    for (let i = 1; i <= 4; i++) {
      sub.send({ type: 'puback', packetId: publishes(sub).at(-1)!.packetId! });
      await waitFor(() => publishes(sub).length === i + 1, 20_000, `message ${i}`);
      await settled(sub);
      expect(publishes(sub)).toHaveLength(i + 1);
    }
    expect(publishes(sub).map((p) => p.payload.toString())).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
  });

  it('disconnects a client that sends more unreleased QoS 2 messages than serve\'s Receive Maximum (2 here) with 0x93 [MQTT-3.3.4-9]', async () => {
    const c = await raw('greedy');
    for (let id = 1; id <= 3; id++) c.send({ type: 'publish', topic: 'flow/q2', payload: Buffer.from('x'), qos: 2, packetId: id, retain: false, dup: false });
    await c.closed;
    // PUBREC 0x10 (no subscribers) for the two within the limit, then the DISCONNECT.
    expect(c.packets.map((p) => [p.type, 'reasonCode' in p ? p.reasonCode ?? 0 : 0])).toEqual([['pubrec', 0x10], ['pubrec', 0x10], ['disconnect', 0x93]]);
  });

  it('MQTT.js with Topic Alias Maximum 2 gets aliased PUBLISH packets that decode to the right topics', async () => {
    const c = await mqtt.connectAsync(`mqtt://127.0.0.1:${serve.port}`, { protocolVersion: 5, reconnectPeriod: 0, properties: { topicAliasMaximum: 2 } });
    clients.push(c);
    const got: string[] = [];
    const aliases: Array<number | undefined> = [];
    c.on('message', (topic, payload, packet) => {
      got.push(`${topic}=${payload.toString()}`);
      aliases.push(packet.properties?.topicAlias);
    });
    await c.subscribeAsync('alias/#');
    const topics = ['alias/a/long/topic', 'alias/b/long/topic', 'alias/a/long/topic', 'alias/c/long/topic', 'alias/a/long/topic'];
    for (const [i, t] of topics.entries()) expect((await runCommand('mosquitto_pub', ['-p', String(serve.port), '-V', '5', '-q', '1', '-t', t, '-m', String(i)])).status).toBe(0);
    await waitFor(() => got.length === topics.length, 20_000, 'every aliased message');
    expect(got).toEqual(topics.map((t, i) => `${t}=${i}`));
    expect(aliases.every((a) => a !== undefined && a >= 1 && a <= 2)).toBe(true);
  });

  it('never sends an alias to a client that allowed none', async () => {
    const sub = await raw('no-alias');
    sub.send({ type: 'subscribe', packetId: 1, subscriptions: [{ topicFilter: 'plain/#', qos: 0 }] });
    await waitFor(() => sub.packets.some((p) => p.type === 'suback'), 20_000, 'SUBACK');
    expect((await pubAll('plain/long/topic/name', 3)).status).toBe(0);
    await settled(sub);
    expect(publishes(sub).map((p) => [p.topic, p.properties?.topicAlias])).toEqual(Array(3).fill(['plain/long/topic/name', undefined]));
  });
});
