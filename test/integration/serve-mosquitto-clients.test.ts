// The real mosquitto_pub, mosquitto_sub and mosquitto_rr (2.0.11) against mqtk serve,
// MQTT 3.1.1 and 5: QoS 0/1/2, retained, wills, persistent sessions, shared subscriptions,
// request/response.
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand, skipWithoutMosquitto, waitFor } from '../helpers/mosquitto.js';
import { type Serve, startServe, startSubscriberOn } from '../helpers/serve.js';

let serve: Serve;
beforeAll(async () => {
  serve = await startServe(['-p', '0']);
});
afterAll(async () => serve?.stop());

const conn = (): string[] => ['-h', '127.0.0.1', '-p', String(serve.port)];
const pub = (args: string[]) => runCommand('mosquitto_pub', [...conn(), ...args]);

describe.skipIf(skipWithoutMosquitto())('mosquitto clients against mqtk serve', () => {
  for (const v of ['311', '5']) {
    for (const qos of ['0', '1', '2']) {
      it(`delivers QoS ${qos} from mosquitto_pub to mosquitto_sub (MQTT ${v})`, async () => {
        const id = `sub-${v}-${qos}`;
        const sub = await startSubscriberOn(serve, 'mosquitto_sub', [...conn(), '-V', v, '-q', qos, '-t', `q/${v}/${qos}`, '-C', '3', '-v'], id);
        for (const m of ['one', 'two', 'three']) expect((await pub(['-V', v, '-q', qos, '-t', `q/${v}/${qos}`, '-m', m])).status).toBe(0);
        const r = await sub.done;
        expect(r.stdout.toString()).toBe(`q/${v}/${qos} one\nq/${v}/${qos} two\nq/${v}/${qos} three\n`);
      });
    }

    it(`keeps a retained message for later subscribers (MQTT ${v})`, async () => {
      expect((await pub(['-V', v, '-r', '-q', '1', '-t', `ret/${v}`, '-m', 'kept'])).status).toBe(0);
      const r = await runCommand('mosquitto_sub', [...conn(), '-V', v, '-t', `ret/${v}`, '-C', '1', '-F', '%r %t %p']);
      expect(r.stdout.toString()).toBe(`1 ret/${v} kept\n`);
      await pub(['-V', v, '-r', '-n', '-t', `ret/${v}`]);
    });

    it(`publishes the will of a client that dies (MQTT ${v})`, async () => {
      const watcher = await startSubscriberOn(serve, 'mosquitto_sub', [...conn(), '-V', v, '-t', `will/${v}`, '-C', '1'], `watch-${v}`);
      const dying = await startSubscriberOn(serve, 'mosquitto_sub', [...conn(), '-V', v, '-t', 'x', '--will-topic', `will/${v}`, '--will-payload', 'bye'], `dying-${v}`);
      dying.child.kill('SIGKILL');
      expect((await watcher.done).stdout.toString()).toBe('bye\n');
    });

    it(`queues QoS 1 for a persistent session while offline and delivers on reconnect (MQTT ${v})`, async () => {
      const id = `persist-${v}`;
      const session = v === '5' ? ['-x', '3600'] : [];
      // Subscribe and leave: the session stays.
      expect((await runCommand('mosquitto_sub', [...conn(), '-V', v, '-c', ...session, '-i', id, '-q', '1', '-t', `ps/${v}`, '-E'])).status).toBe(0);
      for (const m of ['a', 'b']) await pub(['-V', v, '-q', '1', '-t', `ps/${v}`, '-m', m]);
      const r = await runCommand('mosquitto_sub', [...conn(), '-V', v, '-c', ...session, '-i', id, '-q', '1', '-t', `ps/${v}`, '-C', '2']);
      expect(r.stdout.toString()).toBe('a\nb\n');
    });

    it(`shares $share/group subscriptions between subscribers (MQTT ${v})`, async () => {
      const topic = `jobs/${v}`;
      const subs = [
        await startSubscriberOn(serve, 'mosquitto_sub', [...conn(), '-V', v, '-q', '1', '-t', `$share/workers/${topic}`], `w1-${v}`),
        await startSubscriberOn(serve, 'mosquitto_sub', [...conn(), '-V', v, '-q', '1', '-t', `$share/workers/${topic}`], `w2-${v}`),
      ];
      const lines = Array.from({ length: 10 }, (_, i) => `job${i}`).join('\n');
      expect((await runCommand('mosquitto_pub', [...conn(), '-V', v, '-q', '1', '-t', topic, '-l'], { input: `${lines}\n` })).status).toBe(0);
      await waitFor(() => subs.reduce((n, s) => n + s.stdout().toString().split('\n').filter(Boolean).length, 0) >= 10, 20_000, 'all jobs');
      const got = subs.map((s) => s.stdout().toString().split('\n').filter(Boolean));
      expect(got[0]!.length).toBe(5);
      expect(got[1]!.length).toBe(5);
      expect([...got[0]!, ...got[1]!].sort()).toEqual(Array.from({ length: 10 }, (_, i) => `job${i}`).sort());
      for (const s of subs) s.child.kill();
    });
  }

  it('mosquitto_rr gets the answer of a responder (MQTT 5 request/response)', async () => {
    const responder = await mqtt.connectAsync(`mqtt://127.0.0.1:${serve.port}`, { protocolVersion: 5, clientId: 'responder' });
    await responder.subscribeAsync('service/time');
    responder.on('message', (_t, payload, packet) => {
      const props = packet.properties ?? {};
      void responder.publishAsync(props.responseTopic!, `answer to ${payload.toString()}`, { properties: { correlationData: props.correlationData } });
    });
    const r = await runCommand('mosquitto_rr', [...conn(), '-t', 'service/time', '-e', 'reply/rr', '-m', 'question', '-W', '20']);
    await responder.endAsync();
    expect(r.stdout.toString()).toBe('answer to question\n');
  });

  it('mosquitto_sub sees $SYS/broker/version and uptime', async () => {
    const r = await runCommand('mosquitto_sub', [...conn(), '-t', '$SYS/broker/version', '-t', '$SYS/broker/uptime', '-C', '2', '-v']);
    expect(r.stdout.toString()).toMatch(/\$SYS\/broker\/version mqtk \S+\n/);
    expect(r.stdout.toString()).toMatch(/\$SYS\/broker\/uptime \d+ seconds\n/);
  });
});

