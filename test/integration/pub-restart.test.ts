// QoS 1 messages survive a broker restart: mqtk pub reconnects, resends what was not
// acknowledged, and a persistent subscriber ends up with every line (at least once).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { skipWithoutMosquitto, startCommand, startMosquitto, waitFor } from '../helpers/mosquitto.js';
import { MQTK } from '../helpers/mqtk.js';
import { spawn } from 'node:child_process';

describe.skipIf(skipWithoutMosquitto())('mqtk pub across a broker restart', () => {
  it('loses no QoS 1 message', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mqtk-lossless-'));
    const persist = ['persistence true', `persistence_location ${dir}/`, 'max_queued_messages 0'];
    let broker = await startMosquitto({ dir, global: persist });
    const port = String(broker.port);
    const conn = ['-h', '127.0.0.1', '-p', port];
    const watcherId = `watcher-${process.pid}`;
    const watcher = startCommand('mosquitto_sub', [...conn, '-t', 'lossless', '-q', '1', '-c', '-i', watcherId, '-W', '120']);
    await waitFor(() => broker.log().includes(`Sending SUBACK to ${watcherId}`), 20_000, 'watcher');

    const pub = spawn(MQTK, ['pub', ...conn, '-t', 'lossless', '-l', '-q', '1', '-c', '-i', `pub-${process.pid}`], { stdio: ['pipe', 'ignore', 'pipe'] });
    let pubErr = '';
    pub.stderr.on('data', (d: Buffer) => (pubErr += d.toString()));
    // Listened for from the start: pub may finish while the restarted broker is still being checked.
    const pubDone = new Promise<number | null>((r) => pub.on('close', r));
    const N = 20_000;
    const lines = Array.from({ length: N }, (_, i) => `m${i}`);
    const received = (): Set<string> => new Set(watcher.stdout().toString().split('\n').filter(Boolean));
    // All lines go into the pipe at once; mqtk reads them as fast as the broker acknowledges.
    pub.stdin.write(`${lines.join('\n')}\n`);
    pub.stdin.end();
    // Stop the broker mid-stream, with QoS 1 messages in flight.
    await waitFor(() => received().size >= 2000, 60_000, 'the first messages');
    await broker.stop();
    const logged = broker.log().length;
    expect(received().size).toBeLessThan(N);
    broker = await startMosquitto({ dir, global: persist, port: Number(port) });
    try {
      const status = await pubDone;
      expect(pubErr).toBe('');
      expect(status).toBe(0);
      // The watcher reconnects on its own and gets what was queued for it.
      await waitFor(() => received().size >= N, 60_000, 'all lines at the watcher');
      const got = received();
      expect(lines.filter((l) => !got.has(l))).toEqual([]);
      // mqtk resent what the broker had not acknowledged, flagged as duplicates [MQTT-4.4.0-1].
      const resent = new RegExp(`Received PUBLISH from pub-${process.pid} \\(d1, q1`);
      await waitFor(() => resent.test(broker.log().slice(logged)), 20_000, 'a resent PUBLISH in the log');
    } finally {
      watcher.child.kill();
      await broker.stop();
    }
  }, 120_000);
});
