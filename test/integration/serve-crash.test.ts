// kill -9 of mqtk serve at random points of a QoS 1 and a QoS 2 stream (publisher and
// subscriber on their own connections, both with persistent sessions), restarted on
// the same port and store each time: every message the broker acknowledged reaches the
// subscriber, exactly once for QoS 2 and at least once for QoS 1. Also the one-line
// refusal of a damaged store by the command, and --persist-repair.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../helpers/mosquitto.js';
import { mqtk } from '../helpers/mqtk.js';
import { type Serve, startServe } from '../helpers/serve.js';

let serve: Serve | undefined;
const clients: MqttClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.end(true);
  await serve?.stop();
  serve = undefined;
});

function client(port: number, clientId: string): MqttClient {
  const c = mqtt.connect(`mqtt://127.0.0.1:${port}`, { clientId, clean: false, reconnectPeriod: 100, connectTimeout: 5000, protocolVersion: 4 });
  // Refused connections while serve restarts are expected; the client retries.
  c.on('error', () => {});
  clients.push(c);
  return c;
}

const N = 300;
const WINDOW = 20;

async function crashStream(qos: 1 | 2, kills: number): Promise<{ received: Map<number, number>; ackedBeforeKills: number[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'mqtk-crash-'));
  serve = await startServe(['-p', '0', '--persist', dir], { verbose: false });
  const port = serve.port;
  const sub = client(port, `crash-sub-${qos}`);
  await new Promise((r) => sub.once('connect', r));
  await sub.subscribeAsync('crash/#', { qos });
  const received = new Map<number, number>();
  sub.on('message', (_t, payload) => {
    const n = Number(payload.toString());
    received.set(n, (received.get(n) ?? 0) + 1);
  });
  const pub = client(port, `crash-pub-${qos}`);
  await new Promise((r) => pub.once('connect', r));
  const acked = new Set<number>();
  let inFlight = 0;
  // MQTT.js fails a publish it had not sent yet when the connection drops ("Connection
  // closed"): the application publishes it again, as any publisher would.
  const send = (i: number): void => {
    inFlight++;
    pub.publish('crash/x', String(i), { qos }, (err) => {
      inFlight--;
      if (!err) acked.add(i);
      else setTimeout(() => send(i), 50);
    });
  };
  const publishing = (async () => {
    for (let i = 0; i < N; i++) {
      await waitFor(() => inFlight < WINDOW, 60_000, 'a free publish slot');
      send(i);
    }
  })();
  const ackedBeforeKills: number[] = [];
  for (let k = 0; k < kills; k++) {
    // A random point of the stream: after some messages have been acknowledged.
    const target = Math.min(N - 1, acked.size + 10 + Math.floor(Math.random() * (N / (kills + 1))));
    await waitFor(() => acked.size >= target || acked.size === N, 60_000, `${target} acknowledgements`);
    await serve.kill();
    ackedBeforeKills.push(acked.size);
    serve = await startServe(['-p', String(port), '--persist', dir], { verbose: false });
  }
  await publishing;
  await waitFor(() => acked.size === N, 60_000, 'every publish acknowledged');
  await waitFor(() => [...acked].every((i) => received.has(i)), 60_000, 'every acknowledged message delivered');
  // Late duplicates (QoS 2 must have none) would arrive within this pause.
  await new Promise((r) => setTimeout(r, 300));
  return { received, ackedBeforeKills };
}

describe('mqtk serve persistence survives kill -9', () => {
  it('QoS 2 stream, killed at random points: every acknowledged message delivered exactly once', async () => {
    const { received, ackedBeforeKills } = await crashStream(2, 3);
    expect(ackedBeforeKills.length).toBe(3);
    for (let i = 0; i < N; i++) expect(received.get(i), `message ${i}`).toBe(1);
  }, 180_000);

  it('QoS 1 stream, killed at random points: every acknowledged message delivered at least once', async () => {
    const { received } = await crashStream(1, 3);
    for (let i = 0; i < N; i++) expect(received.get(i) ?? 0, `message ${i}`).toBeGreaterThanOrEqual(1);
  }, 180_000);
});

describe('mqtk serve with a damaged store', () => {
  it('refuses to start with one line naming the file and the problem, exit 1, file untouched; --persist-repair starts and reports', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mqtk-crash-'));
    const file = join(dir, 'mqtk.sqlite');
    const junk = Buffer.alloc(20_000, 0x5a);
    writeFileSync(file, junk);
    const r = await mqtk(['serve', '-p', '0', '--persist', dir]);
    expect(r.status).toBe(1);
    expect(r.stderr.toString()).toBe(`Error: persistence store ${file}: is not an SQLite database (bad header)\n`);
    expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(createHash('sha256').update(junk).digest('hex'));
    serve = await startServe(['-p', '0', '--persist', dir, '--persist-repair'], { verbose: false });
    expect(serve.log()).toMatch(new RegExp(`^(\\d+: )?Warning: repaired ${file}: damaged store moved to ${file}\\.damaged-\\S+; recovered 0 sessions`));
  });
});
