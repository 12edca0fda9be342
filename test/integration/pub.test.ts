// mqtk pub against a real mosquitto, checked with the real mosquitto_sub.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand, skipWithoutMosquitto, startMosquitto, startSubscriber, type Mosquitto } from '../helpers/mosquitto.js';
import { MQTK, mqtk } from '../helpers/mqtk.js';

describe.skipIf(skipWithoutMosquitto())('mqtk pub → mosquitto → mosquitto_sub', () => {
  let broker: Mosquitto;
  let n = 0;
  const conn = (): string[] => ['-h', broker.host, '-p', String(broker.port)];
  /** Subscribes with mosquitto_sub, runs mqtk pub, returns what mosquitto_sub printed. */
  async function through(subArgs: string[], pubArgs: string[], opts: { input?: string | Buffer } = {}) {
    const id = `sub-${process.pid}-${n++}`;
    const sub = await startSubscriber(broker, 'mosquitto_sub', [...conn(), ...subArgs, '-W', '60'], id);
    const pub = await mqtk(['pub', ...conn(), ...pubArgs], opts);
    const got = await sub.done;
    return { pub, sub: got };
  }

  beforeAll(async () => {
    // No cap on queued messages: a fast QoS 0 stream must not be dropped for the subscriber.
    broker = await startMosquitto({ config: ['max_queued_messages 0'] });
  });
  afterAll(async () => {
    await broker?.stop();
  });

  for (const qos of ['0', '1', '2']) {
    it(`delivers a message at QoS ${qos} byte for byte`, async () => {
      const { pub, sub } = await through(['-t', `q/${qos}`, '-C', '1', '-q', '2', '-F', '%t|%q|%r|%p'], ['-t', `q/${qos}`, '-m', 'héllo wörld', '-q', qos]);
      expect(pub.stderr).toBe('');
      expect(pub.status).toBe(0);
      expect(sub.stdout.toString()).toBe(`q/${qos}|${qos}|0|héllo wörld\n`);
    });
  }

  it('sends a binary file unchanged (-f) and an empty message (-n)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mqtk-pub-'));
    const bytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    writeFileSync(join(dir, 'bin'), bytes);
    const bin = await through(['-t', 'bin', '-C', '1', '-F', '%x'], ['-t', 'bin', '-f', join(dir, 'bin'), '-q', '1']);
    expect(bin.sub.stdout.toString().trim()).toBe(bytes.toString('hex'));
    const empty = await through(['-t', 'empty', '-C', '1', '-F', '%l:%p'], ['-t', 'empty', '-n']);
    expect(empty.sub.stdout.toString()).toBe('0:\n');
  });

  it('publishes one message per stdin line (-l): empty lines are empty messages, the last line needs no newline', async () => {
    const { pub, sub } = await through(['-t', 'lines', '-C', '4', '-F', '[%p]'], ['-t', 'lines', '-l', '-q', '1'], { input: 'one\n\ntwo words\nlast' });
    expect(pub.status).toBe(0);
    expect(sub.stdout.toString()).toBe('[one]\n[]\n[two words]\n[last]\n');
  });

  it('delivers every -l line at QoS 0 although it exits without waiting for the broker to close', async () => {
    // mqtk exits once DISCONNECT is handed to the kernel (as mosquitto_pub does); the
    // kernel still delivers the backlog, so nothing may be missing or out of order.
    const lines = Array.from({ length: 30000 }, (_, i) => `line ${i}`);
    const { pub, sub } = await through(['-t', 'many', '-C', String(lines.length)], ['-t', 'many', '-l'], { input: `${lines.join('\n')}\n` });
    expect(pub.status).toBe(0);
    expect(sub.status).toBe(0);
    expect(sub.stdout.toString()).toBe(`${lines.join('\n')}\n`);
  });

  it('delivers every -l line at QoS 1 past 65535 lines, where packet ids wrap', async () => {
    // mosquitto_pub 2.0.11 stops after about n − 65535 lines here (and exits 0): it takes
    // the PUBACK for an earlier message with the last message's packet id as the end.
    const lines = Array.from({ length: 70000 }, (_, i) => `m${i}`);
    const { pub, sub } = await through(['-t', 'wrap', '-q', '1', '-C', String(lines.length)], ['-t', 'wrap', '-l', '-q', '1'], { input: `${lines.join('\n')}\n` });
    expect(pub.stderr).toBe('');
    expect(pub.status).toBe(0);
    expect(sub.stdout.toString()).toBe(`${lines.join('\n')}\n`);
  });

  it('sends all of stdin as one message (-s)', async () => {
    const { sub } = await through(['-t', 'whole', '-C', '1', '-F', '%l'], ['-t', 'whole', '-s'], { input: 'a\nb\nc\n' });
    expect(sub.stdout.toString()).toBe('6\n');
  });

  it('repeats a message (--repeat, --repeat-delay)', async () => {
    const started = Date.now();
    const { sub } = await through(['-t', 'rep', '-C', '3', '-F', '%p'], ['-t', 'rep', '-m', 'r', '--repeat', '3', '--repeat-delay', '0.1']);
    expect(sub.stdout.toString()).toBe('r\nr\nr\n');
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
  });

  it('retains a message (-r) and clears it with -r -n', async () => {
    await mqtk(['pub', ...conn(), '-t', 'ret/a', '-m', 'kept', '-r', '-q', '1']);
    const got = await runCommand('mosquitto_sub', [...conn(), '-t', 'ret/a', '-C', '1', '-W', '20', '-F', '%r %p']);
    expect(got.stdout.toString()).toBe('1 kept\n');
    // At QoS 1 pub exits only once the broker has the clear (at QoS 0 it could still be in flight).
    expect((await mqtk(['pub', ...conn(), '-t', 'ret/a', '-n', '-r', '-q', '1'])).status).toBe(0);
    // --retained-only ends at the first live message; a retained one would be printed before it.
    const none = await startSubscriber(broker, 'mosquitto_sub', [...conn(), '-t', 'ret/a', '-W', '60', '--retained-only'], 'ret-check');
    await runCommand('mosquitto_pub', [...conn(), '-t', 'ret/a', '-m', 'live']);
    expect((await none.done).stdout.toString()).toBe('');
  });

  it('sends MQTT 5 publish properties given with -D', async () => {
    const { pub, sub } = await through(
      ['-t', 'v5', '-C', '1', '-V', '5', '-F', '%C|%P|%R|%D|%F|%E'],
      ['-t', 'v5', '-m', 'x', '-D', 'publish', 'content-type', 'text/plain', '-D', 'publish', 'user-property', 'k1', 'v1', '-D', 'publish', 'user-property', 'k2', 'v2',
        '-D', 'publish', 'response-topic', 'rt', '-D', 'publish', 'correlation-data', 'cd', '-D', 'publish', 'payload-format-indicator', '1', '-D', 'publish', 'message-expiry-interval', '30'],
    );
    expect(pub.stderr).toBe('');
    expect(sub.stdout.toString()).toBe('text/plain|k1:v1 k2:v2|rt|cd|1|30\n');
  });

  it('takes host, port, topic and credentials from -L', async () => {
    const { sub } = await through(['-t', 'url/topic/deep', '-C', '1'], ['-L', `mqtt://someone:pw@${broker.host}:${broker.port}/url/topic/deep`, '-m', 'via url']);
    expect(sub.stdout.toString()).toBe('via url\n');
  });

  it('publishes over MQTT 3.1 (-V 31) and MQTT 5 (-V 5)', async () => {
    for (const v of ['31', '5']) {
      const { pub, sub } = await through(['-t', `ver/${v}`, '-C', '1'], ['-t', `ver/${v}`, '-m', v, '-V', v, '-q', '1']);
      expect(pub.status).toBe(0);
      expect(sub.stdout.toString()).toBe(`${v}\n`);
    }
  });

  it('reports each acknowledged message as a JSON line with --json', async () => {
    const r = await mqtk(['pub', ...conn(), '-t', 'json/pub', '-m', 'x', '-q', '1', '--repeat', '2', '--json']);
    expect(r.status).toBe(0);
    const lines = r.stdout.toString().trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ topic: 'json/pub', qos: 1, packet_id: 1, reason_code: 0 });
    expect(lines[1]).toMatchObject({ packet_id: 2 });
  });

  it('traces every packet with an annotated hex dump on stderr (--trace)', async () => {
    const r = await mqtk(['pub', ...conn(), '-t', 'tr', '-m', 'hello', '-q', '1', '--trace']);
    expect(r.status).toBe(0);
    expect(r.stdout.toString()).toBe('');
    for (const what of ['CONNECT', 'CONNACK', 'PUBLISH', 'PUBACK', 'DISCONNECT', 'topic name = "tr"', 'packet identifier = 1', '68 65 6c 6c 6f']) {
      expect(r.stderr).toContain(what);
    }
  });

  it('prints mosquitto-style -d lines on stdout', async () => {
    const r = await mqtk(['pub', ...conn(), '-t', 'dbg', '-m', 'hello', '-q', '1', '-d', '-i', 'dbg-client']);
    expect(r.stdout.toString()).toBe(
      [
        'Client dbg-client sending CONNECT',
        'Client dbg-client received CONNACK (0)',
        "Client dbg-client sending PUBLISH (d0, q1, r0, m1, 'dbg', ... (5 bytes))",
        'Client dbg-client received PUBACK (Mid: 1, RC:0)',
        'Client dbg-client sending DISCONNECT',
        '',
      ].join('\n'),
    );
  });

  it('registers a will that the broker publishes when the connection drops', async () => {
    const id = `will-watch-${process.pid}`;
    const watcher = await startSubscriber(broker, 'mosquitto_sub', [...conn(), '-t', 'wills/#', '-C', '1', '-W', '60', '-v'], id);
    // Wait until the broker has the will (it has answered mqtk's SUBSCRIBE), then drop the connection.
    const sub = await startSubscriber(broker, MQTK, ['sub', ...conn(), '-t', 'nothing', '--will-topic', 'wills/mqtk', '--will-payload', 'gone', '--will-qos', '1'], 'will-client');
    sub.child.kill('SIGKILL');
    const got = await watcher.done;
    expect(got.stdout.toString()).toBe('wills/mqtk gone\n');
  });
});

describe.skipIf(skipWithoutMosquitto())('the default options file', () => {
  it('reads ~/.config/mqtk/pub (or $XDG_CONFIG_HOME/mqtk/pub) before the command line', async () => {
    const broker = await startMosquitto();
    try {
      const xdg = mkdtempSync(join(tmpdir(), 'mqtk-xdg-'));
      const { mkdirSync } = await import('node:fs');
      mkdirSync(join(xdg, 'mqtk'));
      writeFileSync(join(xdg, 'mqtk', 'pub'), `# test defaults\n-h ${broker.host}\n-p ${broker.port}\n-t from/file\n`);
      const env = { ...process.env, XDG_CONFIG_HOME: xdg };
      const sub = await startSubscriber(broker, 'mosquitto_sub', ['-h', broker.host, '-p', String(broker.port), '-t', 'from/#', '-C', '2', '-v', '-W', '60'], 'rc-watch');
      expect((await mqtk(['pub', '-m', 'defaults'], { env })).status).toBe(0);
      // The command line wins over the file.
      expect((await mqtk(['pub', '-t', 'from/argv', '-m', 'override'], { env })).status).toBe(0);
      expect((await sub.done).stdout.toString()).toBe('from/file defaults\nfrom/argv override\n');
    } finally {
      await broker.stop();
    }
  });
});
