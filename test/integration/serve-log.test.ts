// mqtk serve's log without -v: what mosquitto logs by default (log_type error, warning,
// notice, information): connections and who, disconnections and why, refused logins with
// the user name, denied publishes with the topic; log_type and connection_messages.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCommand, skipWithoutMosquitto, waitFor } from '../helpers/mosquitto.js';
import { type Serve, startServe } from '../helpers/serve.js';

let serve: Serve | undefined;
afterEach(async () => {
  await serve?.stop();
  serve = undefined;
});

async function serveWith(lines: string[], extra: string[] = []): Promise<Serve> {
  const dir = mkdtempSync(join(tmpdir(), 'mqtk-serve-log-'));
  const passwd = join(dir, 'passwd');
  writeFileSync(passwd, '');
  expect((await runCommand('mosquitto_passwd', ['-b', passwd, 'bob', 'secret'])).status).toBe(0);
  writeFileSync(join(dir, 'acl'), 'user bob\ntopic readwrite bob/#\n');
  writeFileSync(join(dir, 'm.conf'), [`listener 0 127.0.0.1`, `password_file ${passwd}`, `acl_file ${join(dir, 'acl')}`, ...lines].join('\n') + '\n');
  serve = await startServe(['-c', join(dir, 'm.conf'), ...extra], { verbose: false });
  return serve;
}

const run = (s: Serve, ...args: string[]) => runCommand('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(s.port), '-m', 'hello', ...args]);
const lines = (s: Serve) => s.log().replace(/^\d+: /gm, '');

describe.skipIf(skipWithoutMosquitto())('mqtk serve: the default log, like mosquitto', () => {
  it('logs connections and who, disconnections, refused logins and denied publishes, but no packets', async () => {
    const s = await serveWith([]);
    await run(s, '-t', 'bob/a', '-u', 'bob', '-P', 'secret', '-i', 'good');
    await run(s, '-t', 'other/x', '-u', 'bob', '-P', 'secret', '-i', 'nosy', '-q', '1');
    await run(s, '-t', 'bob/a', '-u', 'bob', '-P', 'wrong', '-i', 'liar');
    await waitFor(() => lines(s).includes('Client liar'), 20_000, 'refused login line');
    await waitFor(() => lines(s).includes('Client nosy disconnected.'), 20_000, 'disconnect line');
    const log = lines(s);
    expect(log).toMatch(/New connection from 127\.0\.0\.1:\d+ on port \d+\./);
    expect(log).toMatch(/New client connected from 127\.0\.0\.1:\d+ as good \(p2, c1, k60, u'bob'\)\./);
    expect(log).toContain('Client good disconnected.');
    expect(log).toMatch(/Client liar from 127\.0\.0\.1:\d+ \(u'bob'\) refused: not authorised\./);
    // The direction is the client's publish (it was logged as "Outgoing messages are being dropped").
    expect(log).toContain("Denied PUBLISH from nosy (d0, q1, r0, m1, 'other/x', ... (5 bytes))");
    expect(log).not.toContain('Outgoing messages');
    expect(log).not.toContain('Received PUBLISH');
    expect(log).not.toContain('No will message specified.');
  });

  it('-v adds the packet lines', async () => {
    const s = await serveWith([], ['-v']);
    await run(s, '-t', 'bob/a', '-u', 'bob', '-P', 'secret', '-i', 'good');
    await waitFor(() => lines(s).includes('Client good disconnected.'), 20_000, 'disconnect line');
    expect(lines(s)).toContain("Received PUBLISH from good (d0, q0, r0, m0, 'bob/a', ... (5 bytes))");
  });

  it('honours log_type (here: only errors and warnings) and connection_messages false', async () => {
    const quiet = await serveWith(['log_type error', 'log_type warning']);
    await run(quiet, '-t', 'other/x', '-u', 'bob', '-P', 'secret', '-i', 'nosy');
    await run(quiet, '-t', 'bob/a', '-u', 'bob', '-P', 'secret', '-i', 'good');
    await quiet.stop();
    expect(lines(quiet)).toMatch(/^mqtk serve \S+ ready on \S+\n$/);
    serve = undefined;
    const noConn = await serveWith(['connection_messages false']);
    await run(noConn, '-t', 'other/x', '-u', 'bob', '-P', 'secret', '-i', 'nosy');
    await waitFor(() => lines(noConn).includes('Denied PUBLISH from nosy'), 20_000, 'denied line');
    await noConn.stop();
    expect(lines(noConn)).not.toMatch(/New client|New connection|disconnected/);
  });
});
