// mqtk serve bridged to a real mosquitto (mosquitto.conf bridge directives): out, in and
// both directions with prefixes, no loops, notifications, and the remote restarted
// mid-stream with no QoS 1 message lost.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mqtt from 'mqtt';
import { type Mosquitto, runCommand, skipWithoutMosquitto, startCommand, startMosquitto, startSubscriber, waitFor } from '../helpers/mosquitto.js';
import { type Serve, startServe, startSubscriberOn } from '../helpers/serve.js';

const REMOTE_CONFIG = ['max_inflight_messages 0', 'max_queued_messages 0'];
const REMOTE_GLOBAL = (dir: string): string[] => ['persistence true', `persistence_location ${dir}/`];

for (const version of ['mqttv311', 'mqttv50']) {
  describe.skipIf(skipWithoutMosquitto())(`bridge to mosquitto (${version})`, () => {
    let remote: Mosquitto;
    let serve: Serve;
    let remoteDir: string;
    beforeAll(async () => {
      remoteDir = mkdtempSync(join(tmpdir(), 'mqtk-bridge-remote-'));
      remote = await startMosquitto({ dir: remoteDir, config: REMOTE_CONFIG, global: REMOTE_GLOBAL(remoteDir) });
      const dir = mkdtempSync(join(tmpdir(), 'mqtk-bridge-'));
      writeFileSync(join(dir, 'm.conf'), [
        'listener 0 127.0.0.1',
        'allow_anonymous true',
        'connection up',
        `address 127.0.0.1:${remote.port}`,
        `bridge_protocol_version ${version}`,
        'remote_clientid mqtk-bridge-test',
        'cleansession false',
        'keepalive_interval 5',
        'topic sensors/# out 1 local/ remote/',
        'topic cmd/# in 1 dev/ ctl/',
        'topic chat/# both 1',
        '',
      ].join('\n'));
      serve = await startServe(['-c', join(dir, 'm.conf')]);
      await waitFor(() => serve.log().includes('bridge up: connected'), 10_000, 'bridge connected');
    });
    afterAll(async () => {
      await serve?.stop();
      await remote?.stop();
    });

    const local = (): string[] => ['-h', '127.0.0.1', '-p', String(serve.port)];
    const far = (): string[] => ['-h', '127.0.0.1', '-p', String(remote.port)];

    it('forwards out: local/sensors/x → remote/sensors/x on the remote broker', async () => {
      const sub = await startSubscriber(remote, 'mosquitto_sub', [...far(), '-t', 'remote/sensors/#', '-v', '-C', '1', '-q', '1'], `rs-${version}`);
      await runCommand('mosquitto_pub', [...local(), '-t', 'local/sensors/temp', '-m', '21.5', '-q', '1']);
      expect((await sub.done).stdout.toString()).toBe('remote/sensors/temp 21.5\n');
    });

    it('brings in: ctl/cmd/x on the remote → dev/cmd/x locally', async () => {
      const sub = await startSubscriberOn(serve, 'mosquitto_sub', [...local(), '-t', 'dev/cmd/#', '-v', '-C', '1'], `lc-${version}`);
      await runCommand('mosquitto_pub', [...far(), '-t', 'ctl/cmd/reboot', '-m', 'now', '-q', '1']);
      expect((await sub.done).stdout.toString()).toBe('dev/cmd/reboot now\n');
    });

    it('both ways without looping a message back', async () => {
      const localSub = await startSubscriberOn(serve, 'mosquitto_sub', [...local(), '-t', 'chat/#', '-v'], `lchat-${version}`);
      const remoteSub = await startSubscriber(remote, 'mosquitto_sub', [...far(), '-t', 'chat/#', '-v'], `rchat-${version}`);
      await runCommand('mosquitto_pub', [...local(), '-t', 'chat/a', '-m', 'from local', '-q', '1']);
      await runCommand('mosquitto_pub', [...far(), '-t', 'chat/b', '-m', 'from remote', '-q', '1']);
      await waitFor(() => localSub.stdout().toString().includes('from remote') && remoteSub.stdout().toString().includes('from local'), 5000, 'both directions');
      await new Promise((r) => setTimeout(r, 300));
      localSub.child.kill();
      remoteSub.child.kill();
      expect(localSub.stdout().toString().split('\n').filter(Boolean).sort()).toEqual(['chat/a from local', 'chat/b from remote']);
      expect(remoteSub.stdout().toString().split('\n').filter(Boolean).sort()).toEqual(['chat/a from local', 'chat/b from remote']);
    });

    it('publishes the bridge state on $SYS/broker/connection/NAME/state', async () => {
      const r = await runCommand('mosquitto_sub', [...local(), '-t', '$SYS/broker/connection/up/state', '-C', '1', '-W', '3']);
      expect(r.stdout.toString()).toBe('1\n');
    });

    it('loses no QoS 1 message when the remote restarts mid-stream', async () => {
      const total = 200;
      // The collector's session lives on the remote (which persists it across its restart).
      expect((await runCommand('mosquitto_sub', [...far(), '-t', 'remote/sensors/stream', '-q', '1', '-c', '-i', `collector-${version}`, '-E'])).status).toBe(0);
      const publisher = await mqtt.connectAsync(`mqtt://127.0.0.1:${serve.port}`, { protocolVersion: 5, reconnectPeriod: 0 });
      const port = remote.port;
      for (let i = 0; i < total; i++) {
        await publisher.publishAsync('local/sensors/stream', `m${i}`, { qos: 1 });
        if (i === 60) await remote.stop();
        if (i === 140) remote = await startMosquitto({ port, dir: remoteDir, config: REMOTE_CONFIG, global: REMOTE_GLOBAL(remoteDir) });
        await new Promise((r) => setTimeout(r, 3));
      }
      await publisher.endAsync();
      // QoS 1 is at least once: a message resent across the restart may come twice, none may be missing.
      const collector = startCommand('mosquitto_sub', [...far(), '-t', 'remote/sensors/stream', '-q', '1', '-c', '-i', `collector-${version}`]);
      const distinct = (): Set<string> => new Set(collector.stdout().toString().split('\n').filter(Boolean));
      await waitFor(() => distinct().size >= total, 20_000, 'every message').catch(() => {});
      collector.child.kill();
      expect(distinct()).toEqual(new Set(Array.from({ length: total }, (_, i) => `m${i}`)));
    }, 60_000);
  });
}

describe('bridge between two mqtk serve (mqttv311, try_private)', () => {
  let far: Serve;
  let near: Serve;
  beforeAll(async () => {
    far = await startServe(['-p', '0']);
    const dir = mkdtempSync(join(tmpdir(), 'mqtk-bridge-mqtk-'));
    writeFileSync(join(dir, 'm.conf'), ['listener 0 127.0.0.1', 'allow_anonymous true', 'connection peer', `address 127.0.0.1:${far.port}`, 'topic room/# both 1', ''].join('\n'));
    near = await startServe(['-c', join(dir, 'm.conf')]);
    await waitFor(() => near.log().includes('bridge peer: connected'), 10_000, 'bridge connected');
  });
  afterAll(async () => {
    await near?.stop();
    await far?.stop();
  });

  it('accepts the bridge marker and forwards both ways without loops', async () => {
    expect(far.log()).toMatch(/as \S+\.peer \(p2, c0, k60\)/);
    const nearSub = await startSubscriberOn(near, 'mosquitto_sub', ['-p', String(near.port), '-t', 'room/#', '-v'], 'near-room');
    const farSub = await startSubscriberOn(far, 'mosquitto_sub', ['-p', String(far.port), '-t', 'room/#', '-v'], 'far-room');
    await runCommand('mosquitto_pub', ['-p', String(near.port), '-t', 'room/a', '-m', 'near', '-q', '1']);
    await runCommand('mosquitto_pub', ['-p', String(far.port), '-t', 'room/b', '-m', 'far', '-q', '1']);
    await waitFor(() => nearSub.stdout().toString().includes('room/b far') && farSub.stdout().toString().includes('room/a near'), 5000, 'both ways');
    await new Promise((r) => setTimeout(r, 300));
    nearSub.child.kill();
    farSub.child.kill();
    expect(nearSub.stdout().toString().split('\n').filter(Boolean).sort()).toEqual(['room/a near', 'room/b far']);
    expect(farSub.stdout().toString().split('\n').filter(Boolean).sort()).toEqual(['room/a near', 'room/b far']);
  });
});
