// ACLs as mosquitto users expect, with real mosquitto_sub/mosquitto_pub and MQTT.js as
// clients: an overlapping subscription is granted and deliveries are filtered by read
// access; a filter under which nothing can be read is refused (0x80 / 0x87); retained
// messages, wills, $share subscriptions and topic aliases go through the same checks.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand, skipWithoutMosquitto, startCommand, waitFor } from '../helpers/mosquitto.js';
import { type Serve, startServe, startSubscriberOn } from '../helpers/serve.js';

describe.skipIf(skipWithoutMosquitto())('mqtk serve: ACLs as mosquitto users expect', () => {
  let serve: Serve;
  const clients: MqttClient[] = [];
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mqtk-serve-acl-'));
    const passwd = join(dir, 'passwd');
    writeFileSync(passwd, '');
    for (const user of ['alice', 'bob', 'carol']) expect((await runCommand('mosquitto_passwd', ['-b', passwd, user, `${user}-pw`])).status).toBe(0);
    writeFileSync(join(dir, 'acl'), [
      'user alice', 'topic readwrite #',
      'user bob', 'topic read sensors/#', 'topic write sensors/#',
      'user carol', 'topic write sensors/#', 'topic read carol/#',
    ].join('\n') + '\n');
    writeFileSync(join(dir, 'm.conf'), `listener 0 127.0.0.1\npassword_file ${passwd}\nacl_file ${join(dir, 'acl')}\n`);
    serve = await startServe(['-c', join(dir, 'm.conf')]);
  });
  afterAll(async () => {
    for (const c of clients) c.end(true);
    await serve?.stop();
  });

  const as = (user: string) => ['-h', '127.0.0.1', '-p', String(serve.port), '-u', user, '-P', `${user}-pw`];
  const pub = (user: string, topic: string, ...extra: string[]) => runCommand('mosquitto_pub', [...as(user), '-t', topic, '-m', topic, ...extra]);
  const v5 = async (user: string, opts: mqtt.IClientOptions = {}): Promise<MqttClient> => {
    const c = await mqtt.connectAsync(`mqtt://127.0.0.1:${serve.port}`, { protocolVersion: 5, reconnectPeriod: 0, username: user, password: `${user}-pw`, ...opts });
    clients.push(c);
    return c;
  };
  const lines = (b: Buffer) => b.toString().split('\n').filter(Boolean);

  it('grants bob "#" (he may read sensors/#) and delivers sensors/... only (mosquitto_sub, MQTT 3.1.1)', async () => {
    const sub = await startSubscriberOn(serve, 'mosquitto_sub', [...as('bob'), '-t', '#', '-V', '311'], 'bob-all');
    for (const t of ['other/x', 'sensors/t', 'carol/y', 'sensors/u']) expect((await pub('alice', t, '-q', '1')).status).toBe(0);
    await waitFor(() => lines(sub.stdout()).length >= 2, 20_000, 'two sensor messages');
    // Published after the others: once it arrives, nothing else is still on its way.
    expect((await pub('alice', 'sensors/end')).status).toBe(0);
    await waitFor(() => lines(sub.stdout()).includes('sensors/end'), 20_000, 'the last message');
    sub.child.kill();
    expect(lines(sub.stdout())).toEqual(['sensors/t', 'sensors/u', 'sensors/end']);
  });

  it('refuses a filter bob can never read in the SUBACK: 0x80 for MQTT 3.1.1 (mosquitto_sub)', async () => {
    // mosquitto_sub exits at once when every subscription is refused; -W only bounds a failure.
    const r = await runCommand('mosquitto_sub', [...as('bob'), '-t', 'secret/x', '-V', '311', '-W', '10']);
    expect(r.stderr).toMatch(/denied/i);
  });

  it('refuses it with 0x87 for MQTT 5 (MQTT.js), and grants the overlapping filter in the same SUBSCRIBE', async () => {
    const c = await v5('bob');
    // MQTT.js rejects a SUBSCRIBE with any failure; the error carries the SUBACK.
    const err = await c.subscribeAsync(['secret/x', '#'], { qos: 1 }).then(() => undefined, (e: { packet?: { granted: number[] } }) => e);
    expect(err?.packet?.granted).toEqual([0x87, 1]);
  });

  it('sends retained messages only where bob may read', async () => {
    for (const t of ['retained/other', 'sensors/retained']) expect((await pub('alice', t, '-r', '-q', '1')).status).toBe(0);
    const sub = await startSubscriberOn(serve, 'mosquitto_sub', [...as('bob'), '-t', '#', '-v'], 'bob-retained');
    // Retained messages go right after the SUBACK: once a later message arrives, they all have.
    expect((await pub('alice', 'sensors/after')).status).toBe(0);
    await waitFor(() => lines(sub.stdout()).includes('sensors/after sensors/after'), 20_000, 'the later message');
    sub.child.kill();
    expect(lines(sub.stdout())).toEqual(['sensors/retained sensors/retained', 'sensors/after sensors/after']);
    await pub('alice', 'retained/other', '-r', '-n');
    await pub('alice', 'sensors/retained', '-r', '-n');
  });

  it('does not publish a will to a topic its client may not write, and does publish an allowed one', async () => {
    const watcher = await v5('alice', { clientId: 'will-watch' });
    const got: string[] = [];
    watcher.on('message', (topic) => got.push(topic));
    await watcher.subscribeAsync('#');
    const denied = await v5('bob', { clientId: 'will-denied', will: { topic: 'other/will', payload: Buffer.from('x'), qos: 0, retain: false } });
    const allowed = await v5('bob', { clientId: 'will-allowed', will: { topic: 'sensors/will', payload: Buffer.from('x'), qos: 0, retain: false } });
    (denied as unknown as { stream: { destroy(): void } }).stream.destroy();
    (allowed as unknown as { stream: { destroy(): void } }).stream.destroy();
    await waitFor(() => got.includes('sensors/will'), 20_000, 'the allowed will');
    await waitFor(() => serve.log().includes("Denied will of will-denied (q0, r0, 'other/will'"), 20_000, 'the denied will log line');
    expect(got).not.toContain('other/will');
  });

  it('filters $share deliveries by read access too', async () => {
    const c = await v5('bob');
    const got: string[] = [];
    c.on('message', (topic) => got.push(topic));
    const granted = await c.subscribeAsync('$share/g/#', { qos: 1 });
    expect(granted[0]!.qos).toBe(1);
    for (const t of ['other/share', 'sensors/share']) expect((await pub('alice', t, '-q', '1')).status).toBe(0);
    await waitFor(() => got.includes('sensors/share'), 20_000, 'the shared delivery');
    expect((await pub('alice', 'sensors/share-end', '-q', '1')).status).toBe(0);
    await waitFor(() => got.includes('sensors/share-end'), 20_000, 'the last shared delivery');
    expect(got).toEqual(['sensors/share', 'sensors/share-end']);
  });

  it('checks the topic an alias stands for: carol may set and use an alias to sensors/, not one to other/', async () => {
    const watcher = await v5('alice');
    const got: string[] = [];
    watcher.on('message', (topic, payload) => got.push(`${topic}=${payload.toString()}`));
    await watcher.subscribeAsync(['sensors/alias', 'other/alias']);
    const carol = await v5('carol');
    await carol.publishAsync('sensors/alias', 'set', { qos: 1, properties: { topicAlias: 1 } });
    await carol.publishAsync('', 'used', { qos: 1, properties: { topicAlias: 1 } });
    const refusedSet = await carol.publishAsync('other/alias', 'set', { qos: 1, properties: { topicAlias: 2 } }).then(() => undefined, (e: unknown) => e);
    const refusedUse = await carol.publishAsync('', 'used', { qos: 1, properties: { topicAlias: 2 } }).then(() => undefined, (e: unknown) => e);
    expect(String(refusedSet)).toMatch(/135|Not authorized/i);
    expect(String(refusedUse)).toMatch(/135|Not authorized/i);
    await carol.publishAsync('sensors/alias', 'end', { qos: 1 });
    await waitFor(() => got.includes('sensors/alias=end'), 20_000, 'the last aliased message');
    expect(got).toEqual(['sensors/alias=set', 'sensors/alias=used', 'sensors/alias=end']);
  });

  it('a long-running mosquitto_sub on "#" does not exit (it used to exit 128 on a refused SUBACK)', async () => {
    const sub = startCommand('mosquitto_sub', [...as('bob'), '-t', '#', '-V', '311', '-W', '1']);
    const r = await sub.done;
    expect(r.stderr).toContain('Timed out');
  });
});
