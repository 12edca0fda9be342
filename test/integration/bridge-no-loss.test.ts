// mqtk serve bridged to a real mosquitto with its DEFAULT limits (max_inflight_messages 20,
// max_queued_messages 1000): 300 QoS 1 and 300 QoS 2 messages out, in, and both ways at
// once, over MQTT 3.1.1 and 5 bridges. QoS 2 arrives exactly once, QoS 1 at least once.
// (The bridge this replaced lost 38-63 of 300 here: it ignored the remote's inflight limit.)
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Mosquitto, runCommand, skipWithoutMosquitto, startMosquitto, startSubscriber, waitFor } from '../helpers/mosquitto.js';
import { type Serve, startServe, startSubscriberOn } from '../helpers/serve.js';

const COUNT = 300;
const lines = Array.from({ length: COUNT }, (_, i) => `m${i + 1}`);

/** Counts of each payload per topic in `mosquitto_sub -v` output. */
function tally(out: string): Map<string, Map<string, number>> {
  const byTopic = new Map<string, Map<string, number>>();
  for (const line of out.split('\n').filter(Boolean)) {
    const [topic = '', payload = ''] = line.split(' ');
    const m = byTopic.get(topic) ?? new Map<string, number>();
    m.set(payload, (m.get(payload) ?? 0) + 1);
    byTopic.set(topic, m);
  }
  return byTopic;
}

for (const version of ['mqttv311', 'mqttv50']) {
  describe.skipIf(skipWithoutMosquitto())(`bridge to a default mosquitto, ${COUNT} messages each way (${version})`, () => {
    let remote: Mosquitto;
    let serve: Serve;
    beforeAll(async () => {
      remote = await startMosquitto();
      const dir = mkdtempSync(join(tmpdir(), 'mqtk-bridge-300-'));
      writeFileSync(join(dir, 'm.conf'), [
        'listener 0 127.0.0.1', 'allow_anonymous true',
        'connection nl', `address 127.0.0.1:${remote.port}`, `bridge_protocol_version ${version}`, `remote_clientid nl-${version}`,
        'topic o/# out 2', 'topic i/# in 2', 'topic b/# both 2', '',
      ].join('\n'));
      serve = await startServe(['-c', join(dir, 'm.conf')]);
      await waitFor(() => serve.log().includes('bridge nl: connected to'), 15_000, 'bridge connected');
    });
    afterAll(async () => {
      await serve?.stop();
      await remote?.stop();
    });

    for (const qos of [1, 2] as const) {
      it(`QoS ${qos}: every message arrives ${qos === 2 ? 'exactly' : 'at least'} once, out, in and both ways at once`, async () => {
        const local = ['-h', '127.0.0.1', '-p', String(serve.port)];
        const far = ['-h', '127.0.0.1', '-p', String(remote.port)];
        const q = ['-q', String(qos)];
        // Received on the remote: what went out; received locally: what came in.
        const atRemote = await startSubscriber(remote, 'mosquitto_sub', [...far, ...q, '-t', `o/q${qos}`, '-t', `b/q${qos}/out`, '-v'], `far-${version}-${qos}`);
        const atLocal = await startSubscriberOn(serve, 'mosquitto_sub', [...local, ...q, '-t', `i/q${qos}`, '-t', `b/q${qos}/in`, '-v'], `near-${version}-${qos}`);
        const streams: Array<[string[], string]> = [[local, `o/q${qos}`], [local, `b/q${qos}/out`], [far, `i/q${qos}`], [far, `b/q${qos}/in`]];
        const results = await Promise.all(streams.map(([to, topic]) => runCommand('mosquitto_pub', [...to, ...q, '-t', topic, '-l'], { input: `${lines.join('\n')}\n`, timeoutMs: 60_000 })));
        expect(results.map((r) => r.status)).toEqual([0, 0, 0, 0]);
        // Each path keeps its order [MQTT-4.6.0-6]: once an end marker is through, so is everything before it.
        await Promise.all(streams.map(([to, topic]) => runCommand('mosquitto_pub', [...to, ...q, '-t', topic, '-m', 'end'])));
        const seen = (): Map<string, Map<string, number>> => new Map([...tally(atRemote.stdout().toString()), ...tally(atLocal.stdout().toString())]);
        await waitFor(() => streams.every(([, topic]) => seen().get(topic)?.has('end') === true), 60_000, 'the end markers').catch(() => {});
        atRemote.child.kill();
        atLocal.child.kill();
        for (const [, topic] of streams) {
          const got = seen().get(topic) ?? new Map<string, number>();
          const missing = lines.filter((l) => !got.has(l));
          const twice = lines.filter((l) => (got.get(l) ?? 0) > 1);
          expect({ topic, missing: missing.length, duplicated: qos === 2 ? twice.length : 0 }).toEqual({ topic, missing: 0, duplicated: 0 });
        }
      }, 120_000);
    }
  });
}
