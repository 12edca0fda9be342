// mqtk serve as a command: ready line, -p 0, -c, warnings, -v, --log json, signals, bind errors.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCommand, skipWithoutMosquitto, waitFor } from '../helpers/mosquitto.js';
import { mqtk } from '../helpers/mqtk.js';
import { type Serve, startServe } from '../helpers/serve.js';

let serve: Serve | undefined;
afterEach(async () => {
  await serve?.stop();
  serve = undefined;
});

describe.skipIf(skipWithoutMosquitto())('mqtk serve: the command', () => {
  it('prints one ready line with the address; -p 0 picks a free port; SIGTERM exits 0', async () => {
    serve = await startServe(['-p', '0'], { verbose: false });
    expect(serve.log()).toMatch(/^mqtk serve \S+ ready on mqtt:\/\/127\.0\.0\.1:\d+$/m);
    expect(serve.log().match(/ready on/g)).toHaveLength(1);
    expect(serve.port).toBeGreaterThan(0);
    expect(serve.port).not.toBe(1883);
    const r = await runCommand('mosquitto_pub', ['-p', String(serve.port), '-t', 't', '-m', 'x']);
    expect(r.status).toBe(0);
    expect(await serve.stop()).toBe(0);
  });

  it('refuses to start, with one line, when acl_file has a line that is no rule or password_file cannot be read (as mosquitto does)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mqtk-serve-files-'));
    writeFileSync(join(dir, 'acl'), 'topic read a/#\nuser alice\ntopik write b\n');
    writeFileSync(join(dir, 'acl.conf'), `listener 0 127.0.0.1\nacl_file ${join(dir, 'acl')}\n`);
    const acl = await mqtk(['serve', '-c', join(dir, 'acl.conf')]);
    expect([acl.status, acl.stderr]).toEqual([3, `Error: Invalid line 3: topik write b in acl_file "${join(dir, 'acl')}".\n`]);
    writeFileSync(join(dir, 'pw.conf'), `listener 0 127.0.0.1\npassword_file ${join(dir, 'missing')}\n`);
    const pw = await mqtk(['serve', '-c', join(dir, 'pw.conf')]);
    expect([pw.status, pw.stderr]).toEqual([13, `Error: Unable to open password_file "${join(dir, 'missing')}": No such file or directory.\n`]);
  });

  it('listens on every -p', async () => {
    serve = await startServe(['-p', '0', '-p', '0'], { verbose: false });
    expect(serve.urls).toHaveLength(2);
  });

  it('exits non-zero with one clear line when the port cannot be bound', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as { port: number }).port;
    const r = await mqtk(['serve', '-p', String(port)]);
    blocker.close();
    expect(r.status).not.toBe(0);
    expect(r.stderr).toBe(`Error: cannot listen on 127.0.0.1:${port}: address already in use\n`);
  });

  it('reads -c mosquitto.conf', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mqtk-serve-'));
    const conf = join(dir, 'm.conf');
    writeFileSync(conf, 'listener 0 127.0.0.1\nallow_anonymous true\nlog_dest stderr\n');
    serve = await startServe(['-c', conf], { verbose: false });
    const r = await runCommand('mosquitto_pub', ['-p', String(serve.port), '-t', 't', '-m', 'x']);
    expect(r.status).toBe(0);
  });

  it('refuses anonymous clients when the config file has a listener and no allow_anonymous (mosquitto 2)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mqtk-serve-'));
    const conf = join(dir, 'm.conf');
    writeFileSync(conf, 'listener 0 127.0.0.1\n');
    serve = await startServe(['-c', conf], { verbose: false });
    const r = await runCommand('mosquitto_pub', ['-p', String(serve.port), '-t', 't', '-m', 'x']);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('not authorised');
  });

  it('-v logs like mosquitto -v', async () => {
    serve = await startServe(['-p', '0']);
    await runCommand('mosquitto_pub', ['-p', String(serve.port), '-t', 'a/b', '-m', 'hello', '-q', '1', '-i', 'pubx']);
    // serve's stderr reaches us after mosquitto_pub has exited: wait for the last line.
    await waitFor(() => serve!.log().includes('Client pubx disconnected.'), 20_000, 'the disconnect line');
    const log = serve.log().replace(/^\d+: /gm, '');
    expect(log).toContain('New client connected from 127.0.0.1:');
    expect(log).toContain(' as pubx (p2, c1, k60).\nNo will message specified.\nSending CONNACK to pubx (0, 0)\n');
    expect(log).toContain("Received PUBLISH from pubx (d0, q1, r0, m1, 'a/b', ... (5 bytes))\nSending PUBACK to pubx (m1, rc0)\n");
    expect(log).toContain('Received DISCONNECT from pubx\nClient pubx disconnected.\n');
  });

  it('--log json: every stderr line is JSON, the ready line included; -v adds publishes and packets', async () => {
    serve = await startServe(['-p', '0', '--log', 'json']);
    await runCommand('mosquitto_pub', ['-p', String(serve.port), '-t', 'a/b', '-m', 'hello', '-i', 'pj']);
    await waitFor(() => serve!.log().includes('"event":"disconnect"'), 20_000, 'disconnect event');
    await serve.stop();
    const lines = serve.log().split('\n').filter(Boolean);
    const events = lines.map((l) => JSON.parse(l) as { event: string; client_id?: string; protocol_version?: number });
    expect(events.map((e) => e.event)).toEqual(expect.arrayContaining(['listening', 'ready', 'connection', 'connect', 'publish', 'packet', 'disconnect', 'info']));
    expect(events.find((e) => e.event === 'connect')).toMatchObject({ client_id: 'pj', protocol_version: 4 });
  });

  it('--log json: an error that stops serve is a JSON line too', async () => {
    const r = await mqtk(['serve', '--log', 'json', '-c', '/nonexistent/m.conf']);
    expect(r.status).toBe(3);
    expect(JSON.parse(r.stderr)).toMatchObject({ event: 'error', message: 'Unable to open config file /nonexistent/m.conf: No such file or directory.' });
  });

  it('--trace prints the annotated hex dump of packets', async () => {
    serve = await startServe(['-p', '0', '--trace'], { verbose: false });
    await runCommand('mosquitto_pub', ['-p', String(serve.port), '-t', 'a/b', '-m', 'hello']);
    // The PUBLISH is traced after mosquitto_pub has exited (QoS 0): wait for its dump.
    await waitFor(() => /0000 {2}30 /.test(serve!.log()), 20_000, 'the PUBLISH dump');
    expect(serve.log()).toMatch(/CONNECT/);
    expect(serve.log()).toMatch(/0000 {2}30 /);
  });
});
