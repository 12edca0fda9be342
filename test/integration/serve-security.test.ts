// mqtk serve security: password files (written by the real mosquitto_passwd and by mqtk
// passwd: sha512-pbkdf2, sha512, argon2id), ACL files, TLS listeners with and without
// client certificates, WebSocket listeners.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand, skipWithoutMosquitto } from '../helpers/mosquitto.js';
import { mqtk } from '../helpers/mqtk.js';
import { type Serve, startServe, startSubscriberOn } from '../helpers/serve.js';
import { makeTlsFiles, type TlsFiles } from '../helpers/tls-files.js';

describe.skipIf(skipWithoutMosquitto())('mqtk serve: password_file and acl_file', () => {
  let serve: Serve;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mqtk-serve-sec-'));
    const passwd = join(dir, 'passwd');
    writeFileSync(passwd, '');
    // The real mosquitto_passwd (2.0.11 writes sha512-pbkdf2) and mqtk passwd (argon2id, sha512).
    expect((await runCommand('mosquitto_passwd', ['-b', passwd, 'mosq', 'mosq-pw'])).status).toBe(0);
    expect((await mqtk(['passwd', '-b', passwd, 'argon', 'argon-pw'])).status).toBe(0);
    expect((await mqtk(['passwd', '-b', '-H', 'sha512', passwd, 'old', 'old-pw'])).status).toBe(0);
    writeFileSync(join(dir, 'acl'), [
      'user mosq', 'topic readwrite mosq/#', 'topic read shared/#',
      'user argon', 'topic write shared/#', 'topic deny shared/secret',
      'user old', 'topic read #',
      'pattern readwrite clients/%c/#',
    ].join('\n') + '\n');
    writeFileSync(join(dir, 'm.conf'), `listener 0 127.0.0.1\nallow_anonymous false\npassword_file ${passwd}\nacl_file ${join(dir, 'acl')}\n`);
    serve = await startServe(['-c', join(dir, 'm.conf')]);
  });
  afterAll(async () => serve?.stop());

  const as = (user: string, pw: string) => ['-h', '127.0.0.1', '-p', String(serve.port), '-u', user, '-P', pw];

  it.each([['mosq', 'mosq-pw', 'mosquitto_passwd sha512-pbkdf2'], ['argon', 'argon-pw', 'argon2id'], ['old', 'old-pw', 'sha512']])('accepts %s (%s hash)', async (user, pw) => {
    const r = await runCommand('mosquitto_pub', [...as(user, pw), '-t', `clients/${user}/x`, '-m', 'hi', '-i', user]);
    expect(r.status, r.stderr).toBe(0);
  });

  it.each(['311', '5'])('refuses a wrong password and anonymous clients (MQTT %s)', async (v) => {
    const wrong = await runCommand('mosquitto_pub', [...as('mosq', 'nope'), '-V', v, '-t', 't', '-m', 'x']);
    expect(wrong.status).not.toBe(0);
    expect(wrong.stderr).toMatch(/not authori[sz]ed/i);
    const anon = await runCommand('mosquitto_pub', ['-p', String(serve.port), '-V', v, '-t', 't', '-m', 'x']);
    expect(anon.status).not.toBe(0);
  });

  it('delivers only what the ACL lets each user write and read', async () => {
    const sub = await startSubscriberOn(serve, 'mosquitto_sub', [...as('mosq', 'mosq-pw'), '-t', 'shared/#', '-v', '-C', '1'], 'mosq-sub');
    // denied for argon: dropped silently (3.1.1)
    expect((await runCommand('mosquitto_pub', [...as('argon', 'argon-pw'), '-t', 'shared/secret', '-m', 'no'])).status).toBe(0);
    expect((await runCommand('mosquitto_pub', [...as('argon', 'argon-pw'), '-t', 'shared/news', '-m', 'yes'])).status).toBe(0);
    expect((await sub.done).stdout.toString()).toBe('shared/news yes\n');
  });

  it('answers a denied MQTT 5 publish with 0x87 and a denied subscription with 0x87 / 0x80', async () => {
    const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${serve.port}`, { protocolVersion: 5, username: 'argon', password: 'argon-pw', clientId: 'argon5' });
    const err = await client.publishAsync('shared/secret', 'x', { qos: 1 }).then(() => undefined, (e: unknown) => e);
    expect(String(err)).toMatch(/135|Not authorized/i);
    const subErr = await client.subscribeAsync('mosq/#', { qos: 1 }).then(() => undefined, (e: unknown) => e);
    expect(String(subErr)).toMatch(/Not authorized/);
    await client.endAsync();
    const r = await runCommand('mosquitto_sub', [...as('argon', 'argon-pw'), '-t', 'mosq/#', '-V', '311', '-C', '1', '-W', '10']);
    expect(r.stderr).toMatch(/denied|refused|rejected/i);
  });
});

describe.skipIf(skipWithoutMosquitto())('mqtk serve: TLS and WebSocket listeners', () => {
  let serve: Serve;
  let tls: TlsFiles;
  beforeAll(async () => {
    tls = makeTlsFiles();
    const conf = join(tls.dir, 'm.conf');
    writeFileSync(conf, [
      'allow_anonymous true',
      'listener 0 127.0.0.1',
      'listener 0 127.0.0.1', `certfile ${tls.serverCert}`, `keyfile ${tls.serverKey}`,
      'listener 0 127.0.0.1', `certfile ${tls.serverCert}`, `keyfile ${tls.serverKey}`, `cafile ${tls.ca}`, 'require_certificate true',
      'listener 0 127.0.0.1', 'protocol websockets',
    ].join('\n') + '\n');
    serve = await startServe(['-c', conf]);
  });
  afterAll(async () => serve?.stop());
  const portOf = (i: number): string => /:(\d+)$/.exec(serve.urls[i]!)![1]!;

  it('lists every listener in the ready line', () => {
    expect(serve.urls.map((u) => u.split(':')[0])).toEqual(['mqtt', 'mqtts', 'mqtts', 'ws']);
  });

  it('serves mosquitto clients over TLS', async () => {
    const sub = await startSubscriberOn(serve, 'mosquitto_sub', ['-p', portOf(1), '--cafile', tls.ca, '-h', 'localhost', '-t', 'tls/t', '-C', '1'], 'tls-sub');
    const r = await runCommand('mosquitto_pub', ['-p', portOf(1), '--cafile', tls.ca, '-h', 'localhost', '-t', 'tls/t', '-m', 'secret']);
    expect(r.status, r.stderr).toBe(0);
    expect((await sub.done).stdout.toString()).toBe('secret\n');
  });

  it('requires a client certificate signed by cafile when require_certificate is true', async () => {
    const without = await runCommand('mosquitto_pub', ['-p', portOf(2), '--cafile', tls.ca, '-h', 'localhost', '-t', 't', '-m', 'x']);
    expect(without.status).not.toBe(0);
    const withCert = await runCommand('mosquitto_pub', ['-p', portOf(2), '--cafile', tls.ca, '--cert', tls.clientCert, '--key', tls.clientKey, '-h', 'localhost', '-t', 't', '-m', 'x']);
    expect(withCert.status, withCert.stderr).toBe(0);
  });

  it('serves MQTT over WebSockets (MQTT.js ws://) to TCP subscribers', async () => {
    const sub = await startSubscriberOn(serve, 'mosquitto_sub', ['-p', portOf(0), '-t', 'ws/t', '-C', '1'], 'ws-sub');
    const client = await mqtt.connectAsync(`ws://127.0.0.1:${portOf(3)}`, { protocolVersion: 5 });
    await client.publishAsync('ws/t', 'over websockets', { qos: 1 });
    await client.endAsync();
    expect((await sub.done).stdout.toString()).toBe('over websockets\n');
  });
});
