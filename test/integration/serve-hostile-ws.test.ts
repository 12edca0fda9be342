// mqtk serve on a WebSocket listener against clients that are not logged in (issue 11).
// The `ws` library buffers a whole message before our framer sees a byte, so the TCP
// path's bound on a first packet (max_connect_packet_size, 256 KiB) does not hold by
// itself: a 200 MB CONNECT in many frames (or 90 MB in one) must be closed early with the
// broker's RSS bounded, while real clients (mqtk over ws, a client that pipelines a large
// PUBLISH before its CONNACK, a 3 MB message after login) still work.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { connect as tcpConnect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mqtt from 'mqtt';
import { WebSocket } from 'ws';
import { encode } from '../../src/codec/encode.js';
import { createParser } from '../../src/codec/parser.js';
import type { Packet } from '../../src/codec/types.js';
import { skipWithoutMosquitto, waitFor } from '../helpers/mosquitto.js';
import { mqtk, startMqtk } from '../helpers/mqtk.js';
import { type Serve, startServe } from '../helpers/serve.js';

/** Resident set of a process, in MiB (Linux). */
function rssMiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : 0;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
/** A CONNECT's fixed header declaring `length` bytes to follow. */
function connectHeader(length: number): Buffer {
  const bytes = [0x10];
  do {
    bytes.push((length % 128) | (length >= 128 ? 0x80 : 0));
    length = Math.floor(length / 128);
  } while (length > 0);
  return Buffer.from(bytes);
}
const HUGE_CONNECT_HEADER = connectHeader(200_000_000);
/** Under ws's own 100 MiB message limit, which alone refuses a 200 MB frame from its header. */
const LARGE_CONNECT_HEADER = connectHeader(90_000_000);
const MiB = 2 ** 20;

function openWs(port: number): Promise<WebSocket> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/mqtt`, 'mqtt');
  ws.on('error', () => {});
  return new Promise((resolve, reject) => ws.once('open', () => resolve(ws)).once('error', reject));
}

/** The 200 MB CONNECT as one WebSocket message of many 1 MiB frames, for up to `ms`; resolves with the bytes handed to the socket once closed. */
async function fragmentedConnect(port: number, ms: number): Promise<number> {
  const ws = await openWs(port);
  const closed = new Promise<void>((r) => ws.once('close', () => r()));
  let sent = HUGE_CONNECT_HEADER.length;
  ws.send(HUGE_CONNECT_HEADER, { binary: true, fin: false });
  const chunk = Buffer.alloc(MiB);
  const end = Date.now() + ms;
  while (ws.readyState === WebSocket.OPEN && Date.now() < end) {
    if (ws.bufferedAmount > 4 * MiB) await sleep(5);
    else {
      ws.send(chunk, { fin: false });
      sent += chunk.length;
    }
  }
  await closed;
  return sent - ws.bufferedAmount;
}

/** A 90 MB CONNECT as one WebSocket frame that declares all of it (a raw socket: ws would build the frame in memory). */
async function oneFrameConnect(port: number, ms: number): Promise<number> {
  const s = tcpConnect(port, '127.0.0.1');
  s.on('error', () => {});
  const closed = new Promise<void>((r) => s.once('close', () => r()));
  await new Promise((r) => s.once('connect', r));
  s.write('GET /mqtt HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: mqtt\r\n\r\n');
  await new Promise<void>((r) => s.once('data', () => r()));
  const header = Buffer.alloc(14);
  header[0] = 0x82; // FIN, binary
  header[1] = 0x80 | 127; // masked, 64-bit length
  header.writeBigUInt64BE(BigInt(LARGE_CONNECT_HEADER.length + 90_000_000), 2); // mask bytes 10..13 stay 0
  s.write(Buffer.concat([header, LARGE_CONNECT_HEADER]));
  let sent = 0;
  const end = Date.now() + ms;
  const chunk = Buffer.alloc(MiB);
  while (!s.destroyed && Date.now() < end) {
    sent += chunk.length;
    if (!s.write(chunk)) await Promise.race([new Promise((r) => s.once('drain', r)), closed, sleep(100)]);
  }
  s.destroy();
  await closed;
  return sent;
}

/** A client over `ws`: sends `packets` at once (no waiting for CONNACK) and collects what comes back. */
async function wsClient(port: number, packets: Packet[]): Promise<{ next(): Promise<Packet | undefined>; close(): void }> {
  const ws = await openWs(port);
  const got: Packet[] = [];
  const parser = createParser({ protocolVersion: 4, maxPacketSize: 268_435_460 }, (p) => got.push(p));
  ws.on('message', (d: Buffer) => parser.push(d));
  for (const p of packets) ws.send(encode(p, 4));
  return {
    async next() {
      await waitFor(() => got.length > 0 || ws.readyState !== WebSocket.OPEN, 15_000, 'a packet over ws').catch(() => {});
      return got.shift();
    },
    close: () => ws.close(),
  };
}

describe.skipIf(skipWithoutMosquitto())('mqtk serve on a WebSocket listener against clients not logged in', () => {
  let serve: Serve;
  let port: number;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mqtk-hostile-ws-'));
    const passwd = join(dir, 'passwd');
    writeFileSync(passwd, '');
    expect((await mqtk(['passwd', '-b', passwd, 'alice', 'right'])).status).toBe(0);
    // Default limits (max_connect_packet_size 256 KiB); with a password file, login is asynchronous (argon2id).
    writeFileSync(join(dir, 'm.conf'), `listener 0 127.0.0.1\nprotocol websockets\nallow_anonymous false\npassword_file ${passwd}\n`);
    serve = await startServe(['-c', join(dir, 'm.conf')], { verbose: false });
    port = Number(/:(\d+)$/.exec(serve.urls[0]!)![1]);
  });
  afterAll(async () => serve?.stop());

  it('closes a 200 MB CONNECT sent as many frames of one message, or 90 MB in one frame, long before they arrive', async () => {
    const before = rssMiB(serve.child.pid!);
    const sent = await Promise.all([fragmentedConnect(port, 4000), fragmentedConnect(port, 4000), oneFrameConnect(port, 4000), oneFrameConnect(port, 4000)]);
    console.log(`ws CONNECTs of 200 MB (fragmented) and 90 MB (one frame): ${sent.map((b) => (b / MiB).toFixed(1)).join(', ')} MiB sent before close, broker RSS +${(rssMiB(serve.child.pid!) - before).toFixed(0)} MiB`);
    // The bound is 256 KiB; the rest is what socket buffers held. ws alone would take 100 MiB each.
    for (const bytes of sent) expect(bytes).toBeLessThan(32 * MiB);
    expect(rssMiB(serve.child.pid!) - before).toBeLessThan(100);
  }, 30_000);

  it('serves a client that sends a 1 MiB PUBLISH right after CONNECT, while the password is checked', async () => {
    const c = await wsClient(port, [
      { type: 'connect', protocolVersion: 4, clientId: 'pipeliner', clean: true, keepalive: 60, username: 'alice', password: Buffer.from('right') },
      { type: 'publish', topic: 'big', packetId: 1, payload: Buffer.alloc(MiB, 0x61), qos: 1, retain: false, dup: false },
    ]);
    expect(await c.next()).toMatchObject({ type: 'connack', reasonCode: 0 });
    expect(await c.next()).toMatchObject({ type: 'puback', packetId: 1 });
    c.close();
  }, 20_000);

  it('carries messages between mqtk clients over ws, a 3 MB one included (the bound ends at login)', async () => {
    const url = (topic: string): string => `ws://127.0.0.1:${port}/${topic}`;
    const sub = startMqtk(['sub', '-L', url('ws/#'), '-u', 'alice', '-P', 'right', '-F', '%t %l']);
    try {
      // Until the subscription is in place, say hello again.
      for (let i = 0; i < 100 && !sub.stdout().toString().includes('ws/hello'); i++) {
        expect((await mqtk(['pub', '-L', url('ws/hello'), '-u', 'alice', '-P', 'right', '-m', 'hi', '-q', '1'])).status).toBe(0);
        await sleep(100);
      }
      const pub = await mqtk(['pub', '-L', url('ws/large'), '-u', 'alice', '-P', 'right', '-s', '-q', '1'], { input: Buffer.alloc(3_000_000, 0x62) });
      expect(pub.stderr).toBe('');
      expect(pub.status).toBe(0);
      await waitFor(() => sub.stdout().toString().includes('ws/large 3000000\n'), 15_000, 'the 3 MB message at the subscriber');
    } finally {
      sub.child.kill();
    }
  }, 40_000);

  it('serves MQTT.js over ws with a password, a 3 MB QoS 1 message included (a real client after the bound ends at login)', async () => {
    const opts = { username: 'alice', password: 'right', protocolVersion: 5 as const, reconnectPeriod: 0 };
    const sub = await mqtt.connectAsync(`ws://127.0.0.1:${port}`, { ...opts, clientId: 'mqttjs-sub' });
    const pub = await mqtt.connectAsync(`ws://127.0.0.1:${port}`, { ...opts, clientId: 'mqttjs-pub' });
    try {
      const got = new Promise<number>((resolve) => sub.on('message', (_topic, payload) => resolve(payload.length)));
      await sub.subscribeAsync('mqttjs/large', { qos: 1 });
      await pub.publishAsync('mqttjs/large', Buffer.alloc(3_000_000, 0x63), { qos: 1 });
      expect(await got).toBe(3_000_000);
    } finally {
      await Promise.all([sub.endAsync(), pub.endAsync()]);
    }
  }, 40_000);
});
