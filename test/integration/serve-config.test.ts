// mqtk serve -c: configuration mistakes fail closed (one line, mosquitto's exit status),
// per_listener_settings gives each listener its own security, in either order of the
// listeners, and SIGHUP reloads the password and ACL files.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCommand, skipWithoutMosquitto, waitFor } from '../helpers/mosquitto.js';
import { MQTK, mqtk } from '../helpers/mqtk.js';
import { type Serve, startServe, startSubscriberOn } from '../helpers/serve.js';

let serve: Serve | undefined;
afterEach(async () => {
  await serve?.stop();
  serve = undefined;
});

function confDir(): string {
  return mkdtempSync(join(tmpdir(), 'mqtk-serve-conf-'));
}

async function serveWith(lines: string[]): Promise<{ status: number | null; stderr: string }> {
  const dir = confDir();
  writeFileSync(join(dir, 'm.conf'), lines.join('\n') + '\n');
  const r = await mqtk(['serve', '-c', join(dir, 'm.conf')], { timeoutMs: 20_000 });
  return { status: r.status, stderr: r.stderr.replaceAll(dir, 'DIR') };
}

const pub = (port: number, ...extra: string[]) => runCommand('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(port), '-t', 't', '-m', 'x', ...extra]);

describe.skipIf(skipWithoutMosquitto())('mqtk serve -c: configuration mistakes fail closed', () => {
  it('refuses to start on an unknown directive (a typo of acl_file), exit 3, one line naming file:line, as mosquitto', async () => {
    const r = await serveWith(['listener 0 127.0.0.1', 'allow_anonymous true', 'acl_fle /etc/mosquitto/acl']);
    expect(r).toEqual({ status: 3, stderr: 'Error: DIR/m.conf:3: Unknown configuration variable "acl_fle".\n' });
  });

  it('refuses a known directive it does not implement when ignoring it could open the broker (psk_file)', async () => {
    const r = await serveWith(['listener 0 127.0.0.1', 'psk_file /etc/psk']);
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(/^Error: DIR\/m\.conf:2: "psk_file" is not supported by mqtk serve .*\n$/);
  });

  it('names a missing password_file or acl_file in words, no Node error code (exit 13, as mosquitto)', async () => {
    const pw = await serveWith(['listener 0 127.0.0.1', 'password_file /nonexistent/passwd']);
    expect(pw).toEqual({ status: 13, stderr: 'Error: Unable to open password_file "/nonexistent/passwd": No such file or directory.\n' });
    const acl = await serveWith(['listener 0 127.0.0.1', 'acl_file /nonexistent/acl']);
    expect(acl).toEqual({ status: 13, stderr: 'Error: Unable to open acl_file "/nonexistent/acl": No such file or directory.\n' });
  });

  it('names a missing certfile or cafile in words (exit 1, as mosquitto)', async () => {
    const r = await serveWith(['listener 0 127.0.0.1', 'certfile /nonexistent/cert.pem', 'keyfile /nonexistent/key.pem']);
    expect(r).toEqual({ status: 1, stderr: 'Error: Unable to open certfile "/nonexistent/cert.pem": No such file or directory.\n' });
  });

  it('names a missing config file in words (exit 3, as mosquitto)', async () => {
    const r = await mqtk(['serve', '-c', '/nonexistent/m.conf']);
    expect([r.status, r.stderr]).toEqual([3, 'Error: Unable to open config file /nonexistent/m.conf: No such file or directory.\n']);
  });
});

describe.skipIf(skipWithoutMosquitto())('mqtk serve: per_listener_settings true', () => {
  async function twoListeners(order: 'anonymous first' | 'password first'): Promise<{ anon: number; locked: number }> {
    const dir = confDir();
    const passwd = join(dir, 'passwd');
    writeFileSync(passwd, '');
    expect((await runCommand('mosquitto_passwd', ['-b', passwd, 'bob', 'secret'])).status).toBe(0);
    const open = ['listener 0 127.0.0.1', 'allow_anonymous true'];
    const locked = ['listener 0 127.0.0.1', `password_file ${passwd}`];
    const lines = ['per_listener_settings true', ...(order === 'anonymous first' ? [...open, ...locked] : [...locked, ...open])];
    writeFileSync(join(dir, 'm.conf'), lines.join('\n') + '\n');
    serve = await startServe(['-c', join(dir, 'm.conf')], { verbose: false });
    const ports = serve.urls.map((u) => Number(/:(\d+)$/.exec(u)![1]));
    return order === 'anonymous first' ? { anon: ports[0]!, locked: ports[1]! } : { anon: ports[1]!, locked: ports[0]! };
  }

  for (const order of ['anonymous first', 'password first'] as const) {
    it(`lets anonymous clients in only on the listener that allows them (${order})`, async () => {
      const { anon, locked } = await twoListeners(order);
      expect((await pub(anon)).status).toBe(0);
      const refused = await pub(locked);
      expect(refused.status).not.toBe(0);
      expect(refused.stderr).toContain('not authorised');
      expect((await pub(locked, '-u', 'bob', '-P', 'secret')).status).toBe(0);
      expect((await pub(locked, '-u', 'bob', '-P', 'wrong')).status).not.toBe(0);
    });
  }

  it('refuses a global allow_anonymous, which would apply to no listener', async () => {
    const r = await serveWith(['per_listener_settings true', 'allow_anonymous true', 'listener 0 127.0.0.1']);
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(/^Error: DIR\/m\.conf:2: with per_listener_settings true, 'allow_anonymous' belongs after a listener line/);
  });
});

describe.skipIf(skipWithoutMosquitto())('mqtk serve: SIGHUP reloads password_file and acl_file', () => {
  it('applies new users and rules (also to connected clients), and keeps the old ones when a file fails', async () => {
    const dir = confDir();
    const passwd = join(dir, 'passwd');
    const acl = join(dir, 'acl');
    writeFileSync(passwd, '');
    expect((await runCommand('mosquitto_passwd', ['-b', passwd, 'bob', 'secret'])).status).toBe(0);
    writeFileSync(acl, 'user bob\ntopic readwrite bob/#\n');
    writeFileSync(join(dir, 'm.conf'), `listener 0 127.0.0.1\npassword_file ${passwd}\nacl_file ${acl}\n`);
    serve = await startServe(['-c', join(dir, 'm.conf')]);
    const s = serve;
    const as = (user: string, pw: string, topic: string) => runCommand('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(s.port), '-u', user, '-P', pw, '-t', topic, '-m', topic, '-q', '1']);
    const sub = await startSubscriberOn(s, 'mosquitto_sub', ['-p', String(s.port), '-u', 'bob', '-P', 'secret', '-t', 'bob/#'], 'bobsub');
    const before = await as('carol', 'pw2', 'bob/new/1');
    expect(before.stderr).toContain('not authorised');

    // Rotate: carol joins and may write bob/#; bob may now read only bob/new/#.
    expect((await runCommand('mosquitto_passwd', ['-b', passwd, 'carol', 'pw2'])).status).toBe(0);
    writeFileSync(acl, 'user bob\ntopic readwrite bob/new/#\nuser carol\ntopic write bob/#\n');
    const reloaded = (n: number) => (s.log().match(/Reloaded password and ACL files\./g) ?? []).length >= n;
    s.child.kill('SIGHUP');
    await waitFor(() => reloaded(1), 20_000, 'reload line');
    expect((await as('carol', 'pw2', 'bob/old/1')).status).toBe(0);
    expect((await as('carol', 'pw2', 'bob/new/1')).status).toBe(0);
    await waitFor(() => sub.stdout().toString().includes('bob/new/1'), 20_000, 'delivery to bob');
    // The connected subscriber is checked against the new read rules: bob/old/1 never reached it.
    expect(sub.stdout().toString()).toBe('bob/new/1\n');

    // A broken ACL file: logged, and the rules in force stay.
    writeFileSync(acl, 'user carol\ntopik write bob/#\n');
    s.child.kill('SIGHUP');
    await waitFor(() => s.log().includes('Keeping the previous password and ACL rules.'), 20_000, 'reload failure line');
    expect(s.log()).toMatch(/Warning: Invalid line 2: topik write bob\/# in acl_file ".*"\. Keeping the previous password and ACL rules\./);
    expect((await as('carol', 'pw2', 'bob/new/2')).status).toBe(0);
    await waitFor(() => sub.stdout().toString().includes('bob/new/2'), 20_000, 'delivery to bob after a failed reload');
    expect(s.child.exitCode).toBeNull();
    sub.child.kill();
  });
});

describe.skipIf(skipWithoutMosquitto())('mqtk serve under nohup', () => {
  it('a SIGHUP neither stops serve nor reloads more than once per signal', async () => {
    const child = spawn('nohup', [MQTK, 'serve', '-p', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.resume();
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    await waitFor(() => err.includes('ready on'), 20_000, 'ready line');
    const port = Number(/ready on mqtt:\/\/127\.0\.0\.1:(\d+)/.exec(err)![1]);
    // nohup execs mqtk: the child's pid is serve's.
    child.kill('SIGHUP');
    await waitFor(() => err.includes('Reloaded password and ACL files.'), 20_000, 'reload line');
    child.kill('SIGHUP');
    await waitFor(() => (err.match(/Reloaded/g) ?? []).length === 2, 20_000, 'second reload line');
    expect((await pub(port)).status).toBe(0);
    expect((err.match(/Reloaded/g) ?? []).length).toBe(2);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
