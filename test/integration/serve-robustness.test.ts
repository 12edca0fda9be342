// Robustness of mqtk serve over real TCP: each misbehaving raw-socket client is
// disconnected with the right reason code (MQTT 5) or closed (3.1.1), and a subscriber
// connected all along keeps receiving. A silent TCP client is dropped after the connect
// timeout.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { connect as tcpConnect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encode } from '../../src/codec/encode.js';
import { createParser } from '../../src/codec/parser.js';
import type { Packet, ProtocolVersion } from '../../src/codec/types.js';
import { runCommand, skipWithoutMosquitto, type RunResult } from '../helpers/mosquitto.js';
import { type Serve, startServe, startSubscriberOn } from '../helpers/serve.js';

let serve: Serve;
let watcher: { done: Promise<RunResult>; stdout: () => Buffer; child: { kill(): void } };
let published = 0;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mqtk-robust-'));
  writeFileSync(join(dir, 'm.conf'), 'listener 0 127.0.0.1\nallow_anonymous true\nmax_packet_size 2048\n');
  serve = await startServe(['-c', join(dir, 'm.conf')]);
  watcher = await startSubscriberOn(serve, 'mosquitto_sub', ['-p', String(serve.port), '-t', 'alive', '-V', '5'], 'watcher');
});
afterAll(async () => {
  watcher?.child.kill();
  await serve?.stop();
});

interface Raw {
  socket: Socket;
  packets: Packet[];
  closed: Promise<void>;
}

async function raw(version: ProtocolVersion, connect = true): Promise<Raw> {
  const socket = tcpConnect(serve.port, '127.0.0.1');
  await new Promise<void>((r) => socket.once('connect', () => r()));
  const packets: Packet[] = [];
  const parser = createParser({ protocolVersion: version }, (p) => packets.push(p));
  socket.on('data', (d: Buffer) => parser.push(d));
  socket.on('error', () => {});
  const closed = new Promise<void>((r) => socket.once('close', () => r()));
  if (connect) {
    socket.write(encode({ type: 'connect', protocolVersion: version, clientId: `raw-${Math.random().toString(36).slice(2)}`, clean: true, keepalive: 30 }, version));
    await waitUntil(() => packets.length > 0);
    expect(packets.shift()).toMatchObject({ type: 'connack', reasonCode: 0 });
  }
  return { socket, packets, closed };
}

async function waitUntil(fn: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!fn()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** The watcher still gets messages: everyone else is undisturbed. */
async function othersUndisturbed(): Promise<void> {
  published++;
  const r = await runCommand('mosquitto_pub', ['-p', String(serve.port), '-t', 'alive', '-m', `m${published}`]);
  expect(r.status).toBe(0);
  await waitUntil(() => watcher.stdout().toString().includes(`m${published}\n`));
}

function publishBytes(topic: Buffer, version: ProtocolVersion): Buffer {
  const body = Buffer.from([topic.length >> 8, topic.length & 0xff, ...topic, ...(version === 5 ? [0] : []), 0x41]);
  return Buffer.from([0x30, body.length, ...body]);
}

async function expectDropped(c: Raw, version: ProtocolVersion, reasonCode: number): Promise<void> {
  await c.closed;
  if (version === 5) expect(c.packets).toEqual([expect.objectContaining({ type: 'disconnect', reasonCode })]);
  else expect(c.packets).toEqual([]);
  await othersUndisturbed();
}

describe.skipIf(skipWithoutMosquitto())('mqtk serve robustness (raw TCP)', () => {
  for (const v of [5, 4] as const) {
    it(`malformed packet → ${v === 5 ? 'DISCONNECT 0x81' : 'close'} (MQTT ${v}) [MQTT-4.13.1-1]`, async () => {
      const c = await raw(v);
      c.socket.write(Buffer.from([0x40, 0x01, 0x00]));
      await expectDropped(c, v, 0x81);
    });

    it(`second CONNECT → ${v === 5 ? 'DISCONNECT 0x82' : 'close'} (MQTT ${v}) [MQTT-3.1.0-2]`, async () => {
      const c = await raw(v);
      c.socket.write(encode({ type: 'connect', protocolVersion: v, clientId: 'again', clean: true, keepalive: 30 }, v));
      await expectDropped(c, v, 0x82);
    });

    it(`oversized packet → ${v === 5 ? 'DISCONNECT 0x95' : 'close'} (MQTT ${v}) (§3.1.2.11.4)`, async () => {
      const c = await raw(v);
      c.socket.write(encode({ type: 'publish', topic: 'big', payload: Buffer.alloc(4096), qos: 0, retain: false, dup: false }, v));
      await expectDropped(c, v, 0x95);
    });

    it(`invalid UTF-8 in a topic → ${v === 5 ? 'DISCONNECT 0x81' : 'close'} (MQTT ${v}) [MQTT-1.5.4-1]`, async () => {
      const c = await raw(v);
      c.socket.write(publishBytes(Buffer.from([0x61, 0xc3, 0x28]), v));
      await expectDropped(c, v, 0x81);
    });

    it(`wildcard in a PUBLISH topic → ${v === 5 ? 'DISCONNECT 0x90' : 'close'} (MQTT ${v}) [MQTT-3.3.2-2]`, async () => {
      const c = await raw(v);
      c.socket.write(publishBytes(Buffer.from('a/#'), v));
      await expectDropped(c, v, 0x90);
    });
  }

  it('a packet before CONNECT closes the connection [MQTT-3.1.0-1]', async () => {
    const c = await raw(4, false);
    c.socket.write(encode({ type: 'pingreq' }, 4));
    await c.closed;
    expect(c.packets).toEqual([]);
    await othersUndisturbed();
  });

  it('drops a TCP client that sends nothing, after the connect timeout (10 s)', async () => {
    const started = Date.now();
    const c = await raw(4, false);
    await c.closed;
    // Not before the timeout; that it closes at all is the await above (bounded by the test's
    // timeout). No upper bound in ms: a loaded machine only makes it later (no timing assertions).
    expect(Date.now() - started).toBeGreaterThanOrEqual(9_500);
    await othersUndisturbed();
  }, 60_000);
});
