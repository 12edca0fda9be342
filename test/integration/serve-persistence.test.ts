// Persistent sessions and retained messages across a restart of mqtk serve (--persist
// DIR and persistence true in a config file), with the real mosquitto clients.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCommand, skipWithoutMosquitto } from '../helpers/mosquitto.js';
import { type Serve, startServe } from '../helpers/serve.js';

let serve: Serve | undefined;
afterEach(async () => {
  await serve?.stop();
  serve = undefined;
});

const conn = (s: Serve): string[] => ['-h', '127.0.0.1', '-p', String(s.port)];

describe.skipIf(skipWithoutMosquitto())('mqtk serve persistence across restarts', () => {
  for (const v of ['311', '5']) {
    it(`keeps a persistent session's subscription and queued QoS 1/2 messages, and retained messages (MQTT ${v}, SIGTERM restart)`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'mqtk-persist-it-'));
      serve = await startServe(['-p', '0', '--persist', dir]);
      const port = serve.port;
      const session = v === '5' ? ['-x', '3600'] : [];
      expect((await runCommand('mosquitto_sub', [...conn(serve), '-V', v, '-c', ...session, '-i', `keeper${v}`, '-q', '2', '-t', 'p/#', '-E'])).status).toBe(0);
      for (const [q, m] of [['1', 'one'], ['2', 'two']]) await runCommand('mosquitto_pub', [...conn(serve), '-V', v, '-q', q!, '-t', 'p/x', '-m', m!]);
      await runCommand('mosquitto_pub', [...conn(serve), '-V', v, '-r', '-t', 'retained/x', '-m', 'still here']);
      expect(await serve.stop()).toBe(0);

      serve = await startServe(['-p', String(port), '--persist', dir]);
      const r = await runCommand('mosquitto_sub', [...conn(serve), '-V', v, '-c', ...session, '-i', `keeper${v}`, '-q', '2', '-t', 'p/#', '-C', '2']);
      expect(r.stdout.toString()).toBe('one\ntwo\n');
      const ret = await runCommand('mosquitto_sub', [...conn(serve), '-V', v, '-t', 'retained/#', '-C', '1']);
      expect(ret.stdout.toString()).toBe('still here\n');
    });
  }

  it('reads persistence and persistence_location from the config file, and keeps an acknowledged message across a kill -9 right after the PUBACK', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mqtk-persist-it-'));
    const conf = join(dir, 'm.conf');
    writeFileSync(conf, `listener 0 127.0.0.1\nallow_anonymous true\npersistence true\npersistence_location ${join(dir, 'data')}\n`);
    serve = await startServe(['-c', conf]);
    const port = serve.port;
    expect((await runCommand('mosquitto_sub', [...conn(serve), '-c', '-i', 'crash', '-q', '1', '-t', 'c/#', '-E'])).status).toBe(0);
    await runCommand('mosquitto_pub', [...conn(serve), '-q', '1', '-t', 'c/x', '-m', 'before the crash']);
    // mosquitto_pub has its PUBACK, so the message is on disk: no waiting, no clean shutdown.
    await serve.kill();
    writeFileSync(conf, `listener ${port} 127.0.0.1\nallow_anonymous true\npersistence true\npersistence_location ${join(dir, 'data')}\n`);
    serve = await startServe(['-c', conf]);
    const r = await runCommand('mosquitto_sub', [...conn(serve), '-c', '-i', 'crash', '-q', '1', '-t', 'c/#', '-C', '1', '-W', '5']);
    expect(r.stdout.toString()).toBe('before the crash\n');
  });
});
