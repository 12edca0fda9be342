// The bridge when its remote (a default mosquitto) dies: killed with -9 mid-stream (the
// remote forgets everything, the bridge's session too), a dead first address with
// failover to the second and back (round_robin false), the notification topic following
// the state (through the remote's last will when the bridge itself dies), and
// max_queued_messages bounding what waits for a remote that is down.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, type Mosquitto, runCommand, skipWithoutMosquitto, startMosquitto, startSubscriber, waitFor } from '../helpers/mosquitto.js';
import { type Serve, startServe, startSubscriberOn } from '../helpers/serve.js';

/** A TCP relay to `port` that can refuse service (closing what it accepts) while shut. */
async function gate(port: number): Promise<{ port: number; open: boolean; close(): void }> {
  const sockets = new Set<Socket>();
  const g = { port: 0, open: true, close: () => server.close() };
  const server: Server = createServer((s) => {
    if (!g.open) return void s.destroy();
    const up = connect(port, '127.0.0.1');
    for (const x of [s, up]) {
      sockets.add(x);
      x.on('error', () => {});
      x.on('close', () => (s.destroy(), up.destroy(), sockets.delete(x)));
    }
    s.pipe(up).pipe(s);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  g.port = (server.address() as { port: number }).port;
  return g;
}

function writeConf(lines: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'mqtk-bridge-faults-'));
  writeFileSync(join(dir, 'm.conf'), ['listener 0 127.0.0.1', 'allow_anonymous true', ...lines, ''].join('\n'));
  return join(dir, 'm.conf');
}

const lines = (out: Buffer): string[] => out.toString().split('\n').filter(Boolean);
const retained = async (port: number, topic: string): Promise<string> =>
  (await runCommand('mosquitto_sub', ['-h', '127.0.0.1', '-p', String(port), '-t', topic, '-C', '1', '-W', '2'])).stdout.toString().trim();

/** Polls a retained value until it is `want` or 30 s pass (a stale value answers at once, so count time, not tries). */
async function retainedBecomes(port: number, topic: string, want: string): Promise<string> {
  const deadline = Date.now() + 30_000;
  let last = await retained(port, topic);
  while (last !== want && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    last = await retained(port, topic);
  }
  return last;
}

describe.skipIf(skipWithoutMosquitto())('bridge faults against a default mosquitto', () => {
  const cleanup: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c().catch(() => {});
  });

  for (const [version, qos] of [['mqttv311', 1], ['mqttv50', 2]] as const) {
    it(`loses nothing when the remote is killed with -9 mid-stream (${version}, QoS ${qos})`, async () => {
      let remote: Mosquitto = await startMosquitto();
      const port = remote.port;
      cleanup.push(() => remote.stop());
      const relay = await gate(port);
      cleanup.push(async () => relay.close());
      const serve = await startServe(['-c', writeConf(['connection k', `address 127.0.0.1:${relay.port}`, `bridge_protocol_version ${version}`, 'restart_timeout 1', `topic k/# both ${qos}`])]);
      cleanup.push(() => serve.stop());
      await waitFor(() => serve.log().includes('bridge k: connected to'), 15_000, 'bridge connected');
      const sub = ['-q', String(qos), '-t', 'k/out', '-v'];
      const before = await startSubscriber(remote, 'mosquitto_sub', ['-p', String(port), ...sub], `before-${version}`);
      const publisher = await mqtt.connectAsync(`mqtt://127.0.0.1:${serve.port}`, { protocolVersion: 5, reconnectPeriod: 0 });
      cleanup.push(() => publisher.endAsync());
      const send = async (from: number, to: number): Promise<void> => {
        for (let i = from; i < to; i++) await publisher.publishAsync('k/out', `m${i}`, { qos });
      };
      await send(0, 100);
      await waitFor(() => lines(before.stdout()).length >= 100, 20_000, 'the first 100');
      // The remote dies without a word and restarts with nothing: no sessions, no subscriptions.
      relay.open = false;
      await remote.kill();
      // mosquitto_sub would reconnect to the new remote and see messages twice.
      before.child.kill();
      await send(100, 200);
      remote = await startMosquitto({ port });
      const after = await startSubscriber(remote, 'mosquitto_sub', ['-p', String(port), ...sub], `after-${version}`);
      relay.open = true;
      await send(200, 300);
      await publisher.publishAsync('k/out', 'end', { qos });
      await waitFor(() => after.stdout().toString().includes('k/out end'), 30_000, 'the end marker');
      // The bridge subscribed again on the new remote: messages come in too.
      const inbound = await startSubscriberOn(serve, 'mosquitto_sub', ['-p', String(serve.port), '-q', String(qos), '-t', 'k/in', '-C', '1'], `in-${version}`);
      await runCommand('mosquitto_pub', ['-p', String(port), '-q', String(qos), '-t', 'k/in', '-m', 'back']);
      expect((await inbound.done).stdout.toString()).toBe('back\n');
      after.child.kill();
      const got = [...lines(before.stdout()), ...lines(after.stdout())].filter((l) => l !== 'k/out end');
      expect(new Set(got)).toEqual(new Set(Array.from({ length: 300 }, (_, i) => `k/out m${i}`)));
      if (qos === 2) expect(got).toHaveLength(300);
    }, 90_000);
  }

  it('fails over to the second address while the first is dead, and returns to the first (round_robin false)', async () => {
    const mainPort = await freePort();
    const second = await startMosquitto();
    cleanup.push(() => second.stop());
    const serve = await startServe(['-c', writeConf(['connection f', `address 127.0.0.1:${mainPort} 127.0.0.1:${second.port}`, 'round_robin false', 'restart_timeout 1', 'topic f/# out 1'])]);
    cleanup.push(() => serve.stop());
    await waitFor(() => serve.log().includes(`bridge f: connected to 127.0.0.1:${second.port}`), 15_000, 'connected to the second address');
    const onSecond = await startSubscriber(second, 'mosquitto_sub', ['-p', String(second.port), '-t', 'f/#', '-C', '1', '-q', '1'], 'on-second');
    await runCommand('mosquitto_pub', ['-p', String(serve.port), '-t', 'f/a', '-m', 'to second', '-q', '1']);
    expect((await onSecond.done).stdout.toString()).toBe('to second\n');
    const main = await startMosquitto({ port: mainPort });
    cleanup.push(() => main.stop());
    await waitFor(() => serve.log().includes(`bridge f: connected to 127.0.0.1:${mainPort}`), 20_000, 'back on the main address');
    const onMain = await startSubscriber(main, 'mosquitto_sub', ['-p', String(mainPort), '-t', 'f/#', '-C', '1', '-q', '1'], 'on-main');
    await runCommand('mosquitto_pub', ['-p', String(serve.port), '-t', 'f/b', '-m', 'to main', '-q', '1']);
    expect((await onMain.done).stdout.toString()).toBe('to main\n');
  }, 60_000);

  it('notification_topic is 1 while connected and 0 after the remote or the bridge dies (the will)', async () => {
    let remote = await startMosquitto();
    const port = remote.port;
    cleanup.push(() => remote.stop());
    const serve: Serve = await startServe(['-c', writeConf(['connection n', `address 127.0.0.1:${port}`, 'notification_topic state/n', 'restart_timeout 1', 'topic n/# out 1'])]);
    cleanup.push(() => serve.stop());
    await waitFor(() => serve.log().includes('bridge n: connected to'), 15_000, 'bridge connected');
    const until = async (p: number, want: string, what: string): Promise<void> => {
      expect(await retainedBecomes(p, 'state/n', want), what).toBe(want);
    };
    await until(port, '1', 'remote, connected');
    await until(serve.port, '1', 'local, connected');
    await remote.kill();
    await until(serve.port, '0', 'local, remote killed');
    remote = await startMosquitto({ port });
    await until(serve.port, '1', 'local, reconnected');
    await until(port, '1', 'remote, reconnected');
    await serve.kill();
    await until(port, '0', 'remote, bridge killed (its will)');
  }, 90_000);

  it('keeps QoS 1 for a remote that is down up to max_queued_messages (beyond the bridge\'s window), counting only the excess and QoS 0 as dropped', async () => {
    const remote = await startMosquitto();
    cleanup.push(() => remote.stop());
    const relay = await gate(remote.port);
    relay.open = false;
    cleanup.push(async () => relay.close());
    const serve = await startServe(['-c', writeConf(['max_queued_messages 10', 'sys_interval 1', 'connection q', `address 127.0.0.1:${relay.port}`, 'restart_timeout 1', 'topic q/# out 1'])]);
    cleanup.push(() => serve.stop());
    const local = ['-p', String(serve.port), '-t', 'q/x'];
    const numbers = Array.from({ length: 50 }, (_, i) => `m${i}`);
    expect((await runCommand('mosquitto_pub', [...local, '-q', '1', '-l'], { input: `${numbers.join('\n')}\n` })).status).toBe(0);
    expect((await runCommand('mosquitto_pub', [...local, '-q', '0', '-m', 'q0'])).status).toBe(0);
    // 20 held by the bridge (its window: max_inflight_messages, mosquitto's 20), 10 queued, 20 + 1 QoS 0 dropped.
    expect(await retainedBecomes(serve.port, '$SYS/broker/publish/messages/dropped', '21')).toBe('21');
    const collector = await startSubscriber(remote, 'mosquitto_sub', ['-p', String(remote.port), '-t', 'q/#', '-q', '1'], 'q-collector');
    relay.open = true;
    // Only once the queue has drained: 'end' would otherwise find it full and be dropped too.
    await waitFor(() => lines(collector.stdout()).length >= 30, 20_000, 'the kept messages');
    await runCommand('mosquitto_pub', [...local, '-q', '1', '-m', 'end']);
    await waitFor(() => lines(collector.stdout()).includes('end'), 20_000, 'the end marker');
    collector.child.kill();
    expect(lines(collector.stdout())).toEqual([...numbers.slice(0, 30), 'end']);
  }, 60_000);
});
