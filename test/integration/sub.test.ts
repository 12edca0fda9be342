// mqtk sub against a real mosquitto, fed by the real mosquitto_pub.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand, skipWithoutMosquitto, startMosquitto, startSubscriber, waitFor, type Mosquitto } from '../helpers/mosquitto.js';
import { MQTK, mqtk } from '../helpers/mqtk.js';

describe.skipIf(skipWithoutMosquitto())('mosquitto_pub → mosquitto → mqtk sub', () => {
  let broker: Mosquitto;
  let n = 0;
  const conn = (): string[] => ['-h', broker.host, '-p', String(broker.port)];
  const pub = (args: string[], input?: string | Buffer) => runCommand('mosquitto_pub', [...conn(), ...args], { input });
  /** Starts mqtk sub, waits for its SUBACK, runs the publishes, returns what it printed. */
  async function subscribe(subArgs: string[], publish: () => Promise<unknown>) {
    const id = `mqtk-sub-${process.pid}-${n++}`;
    const sub = await startSubscriber(broker, MQTK, ['sub', ...conn(), ...subArgs], id);
    await publish();
    return sub.done;
  }

  beforeAll(async () => {
    broker = await startMosquitto();
  });
  afterAll(async () => {
    await broker?.stop();
  });

  for (const qos of ['0', '1', '2']) {
    it(`receives QoS ${qos} messages byte for byte and exits after -C`, async () => {
      const got = await subscribe(['-t', `s/${qos}`, '-q', qos, '-C', '2', '-W', '10'], async () => {
        await pub(['-t', `s/${qos}`, '-m', 'first', '-q', qos]);
        await pub(['-t', `s/${qos}`, '-m', 'sëcond', '-q', qos]);
      });
      expect(got.stderr).toBe('');
      expect(got.status).toBe(0);
      expect(got.stdout.toString()).toBe('first\nsëcond\n');
    });
  }

  it('prints binary payloads unchanged', async () => {
    const bytes = Buffer.from(Array.from({ length: 256 }, (_, i) => 255 - i));
    const got = await subscribe(['-t', 'bin', '-C', '1', '-N', '-W', '10'], () => pub(['-t', 'bin', '-s'], bytes));
    expect(got.stdout.equals(bytes)).toBe(true);
  });

  it('prints "topic (null)" for an empty payload with -v', async () => {
    const got = await subscribe(['-t', 'e/#', '-C', '2', '-v', '-W', '10'], async () => {
      await pub(['-t', 'e/1', '-n']);
      await pub(['-t', 'e/2', '-m', 'x']);
    });
    expect(got.stdout.toString()).toBe('e/1 (null)\ne/2 x\n');
  });

  it('subscribes to several filters and filters some out (-T)', async () => {
    const got = await subscribe(['-t', 'm/#', '-t', 'n/+', '-T', 'm/secret/#', '-C', '2', '-v', '-W', '10'], async () => {
      await pub(['-t', 'm/secret/x', '-m', 'hidden']);
      await pub(['-t', 'm/a', '-m', '1']);
      await pub(['-t', 'n/b', '-m', '2']);
    });
    expect(got.stdout.toString()).toBe('m/a 1\nn/b 2\n');
  });

  it('times out with status 27 and "Timed out" (-W)', async () => {
    const got = await mqtk(['sub', ...conn(), '-t', 'silence', '-W', '1']);
    expect(got.status).toBe(27);
    expect(got.stderr).toBe('Timed out\n');
  });

  it('skips retained messages with -R, prints only them with --retained-only', async () => {
    await pub(['-t', 'r/1', '-m', 'old', '-r']);
    const live = await subscribe(['-t', 'r/#', '-R', '-C', '1', '-W', '10'], () => pub(['-t', 'r/2', '-m', 'new']));
    expect(live.stdout.toString()).toBe('new\n');
    const retained = await subscribe(['-t', 'r/#', '--retained-only', '-W', '10'], () => pub(['-t', 'r/3', '-m', 'live']));
    expect(retained.stdout.toString()).toBe('old\n');
    expect(retained.status).toBe(0);
    await pub(['-t', 'r/1', '-n', '-r']);
  });

  it('clears retained messages with --remove-retained', async () => {
    await pub(['-t', 'rr/1', '-m', 'a', '-r']);
    await pub(['-t', 'rr/2', '-m', 'b', '-r']);
    const got = await mqtk(['sub', ...conn(), '-t', 'rr/#', '--remove-retained', '--retained-only', '-W', '2']);
    expect(got.stdout.toString().split('\n').sort().join(',')).toBe(',a,b');
    // --retained-only ends at the first live message; a retained one left would be printed before it.
    const after = await startSubscriber(broker, 'mosquitto_sub', [...conn(), '-t', 'rr/#', '--retained-only', '-W', '60'], 'rr-check');
    await pub(['-t', 'rr/live', '-m', 'live']);
    expect((await after.done).stdout.toString()).toBe('');
  });

  it('unsubscribes from -U filters after subscribing', async () => {
    const got = await subscribe(['-t', 'un/a', '-t', 'un/b', '-U', 'un/a', '-C', '1', '-v', '-W', '10'], async () => {
      await waitFor(() => broker.log().includes('Received UNSUBSCRIBE'), 20_000, 'UNSUBSCRIBE');
      await pub(['-t', 'un/a', '-m', 'dropped']);
      await pub(['-t', 'un/b', '-m', 'kept']);
    });
    expect(got.stdout.toString()).toBe('un/b kept\n');
  });

  it('exits once subscribed with -E', async () => {
    const got = await mqtk(['sub', ...conn(), '-t', 'x', '-E']);
    expect(got.status).toBe(0);
    expect(got.stdout.toString()).toBe('');
  });

  it('receives MQTT 5 properties and prints them with -F', async () => {
    const got = await subscribe(['-t', 'p5', '-V', '5', '-C', '1', '-F', '%C|%P|%R|%D|%F', '-W', '10'], () =>
      pub(['-t', 'p5', '-m', 'x', '-V', '5', '-D', 'publish', 'content-type', 'ct', '-D', 'publish', 'user-property', 'a', 'b', '-D', 'publish', 'response-topic', 'resp', '-D', 'publish', 'correlation-data', 'corr', '-D', 'publish', 'payload-format-indicator', '1']),
    );
    expect(got.stdout.toString()).toBe('ct|a:b|resp|corr|1\n');
  });

  it('keeps a persistent session (-c) and gets QoS 1 messages sent while it was away', async () => {
    const id = `persist-${process.pid}`;
    const first = await mqtk(['sub', ...conn(), '-t', 'pers', '-q', '1', '-c', '-i', id, '-E']);
    expect(first.status).toBe(0);
    await pub(['-t', 'pers', '-m', 'while away', '-q', '1']);
    const second = await mqtk(['sub', ...conn(), '-t', 'pers', '-q', '1', '-c', '-i', id, '-C', '1', '-W', '20']);
    expect(second.stdout.toString()).toBe('while away\n');
  });

  it('writes JSON lines that parse, with base64 for binary payloads (--output json)', async () => {
    const got = await subscribe(['-t', 'j/#', '-C', '2', '--json', '-q', '1', '-W', '10'], async () => {
      await pub(['-t', 'j/text', '-m', 'hi', '-q', '1', '-r']);
      await pub(['-t', 'j/bin', '-s'], Buffer.from([0xff, 0x00]));
    });
    const lines = got.stdout.toString().trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines[0]).toMatchObject({ topic: 'j/text', payload: 'hi', qos: 1 });
    expect(lines[1]).toMatchObject({ topic: 'j/bin', payload: '/wA=', payload_encoding: 'base64' });
    await pub(['-t', 'j/text', '-n', '-r']);
  });

  it('stops quietly when stdout is closed (| head -1)', async () => {
    const { spawn } = await import('node:child_process');
    const pipeline = spawn('sh', ['-c', `"${MQTK}" sub -h ${broker.host} -p ${broker.port} -t pipe -i pipe-${process.pid} | head -1`]);
    const err: Buffer[] = [];
    pipeline.stderr.on('data', (d: Buffer) => err.push(d));
    const out: Buffer[] = [];
    pipeline.stdout.on('data', (d: Buffer) => out.push(d));
    await waitFor(() => broker.log().includes(`Sending SUBACK to pipe-${process.pid}`), 10_000, 'SUBACK');
    let closed = false;
    const exited = new Promise<number | null>((r) => pipeline.on('close', (code) => r(code)));
    void exited.then(() => (closed = true));
    // mqtk sees EPIPE on the first write after head has exited: keep publishing until
    // then (messages written while head was still reading never fail).
    for (let i = 0; !closed && i < 100; i++) {
      await pub(['-t', 'pipe', '-m', `m${i}`]);
      await new Promise((r) => setTimeout(r, 50));
    }
    const status = await exited;
    expect(Buffer.concat(out).toString()).toBe('m0\n');
    expect(Buffer.concat(err).toString()).toBe('');
    expect(status).toBe(0);
  });
});

describe.skipIf(skipWithoutMosquitto())('mqtk sub across a broker restart', () => {
  it('reconnects and subscribes again, like mosquitto_sub', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mqtk-restart-'));
    let broker = await startMosquitto({ dir });
    const port = broker.port;
    const id = `restart-${process.pid}`;
    const sub = await startSubscriber(broker, MQTK, ['sub', '-h', '127.0.0.1', '-p', String(port), '-t', 'again', '-C', '1', '-W', '60'], id);
    await broker.stop();
    const logged = broker.log().length;
    broker = await startMosquitto({ port, dir });
    try {
      await waitFor(() => broker.log().slice(logged).includes(`Sending SUBACK to ${id}`), 20_000, 'the resubscription');
      await runCommand('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(port), '-t', 'again', '-m', 'after restart']);
      const got = await sub.done;
      expect(got.stdout.toString()).toBe('after restart\n');
      expect(got.stderr).toBe('');
      expect(got.status).toBe(0);
    } finally {
      await broker.stop();
    }
  });
});
