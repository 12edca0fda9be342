// Side by side with mosquitto_pub/mosquitto_sub 2.0.11: each case runs the same arguments
// through both tools against the same mosquitto and compares what scripts see (status,
// stderr, -d lines, what reached the broker). Where mqtk deliberately differs (README
// table), the case asserts both sides explicitly.
import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, runCommand, skipWithoutMosquitto, startMosquitto, startSubscriber, waitFor, waitForLog, type Mosquitto, type RunResult } from '../helpers/mosquitto.js';
import { MQTK } from '../helpers/mqtk.js';

type Tool = 'pub' | 'sub';
const TOOLS = (tool: Tool) => [
  { name: `mosquitto_${tool}`, cmd: `mosquitto_${tool}`, args: [] as string[] },
  { name: `mqtk ${tool}`, cmd: MQTK, args: [tool] },
];

/** Runs both tools with `args`; [mosquitto's result, mqtk's result]. */
async function both(tool: Tool, args: string[], opts: { input?: string; env?: NodeJS.ProcessEnv } = {}): Promise<[RunResult, RunResult]> {
  const [theirs, ours] = TOOLS(tool);
  return [await runCommand(theirs!.cmd, [...theirs!.args, ...args], opts), await runCommand(ours!.cmd, [...ours!.args, ...args], opts)];
}

const firstLine = (r: RunResult): string => r.stderr.split('\n')[0]!;
const lines = (r: RunResult): string[] => r.stdout.toString().split('\n').filter((l) => l !== '');

describe.skipIf(skipWithoutMosquitto())('side by side with mosquitto_pub/mosquitto_sub 2.0.11', () => {
  let broker: Mosquitto;
  let conn: string[];
  beforeAll(async () => {
    broker = await startMosquitto();
    conn = ['-h', broker.host, '-p', String(broker.port)];
  });
  afterAll(async () => {
    await broker?.stop();
  });

  describe('topics MQTT forbids are refused before connecting [MQTT-1.5.4-1..3]', () => {
    const cases: Array<[Tool, string[], string]> = [
      ['pub', ['-t', 'a\u0001', '-m', 'x'], 'Error: Malformed UTF-8 in -t argument.'],
      ['pub', ['-t', 'a\u007f', '-m', 'x'], 'Error: Malformed UTF-8 in -t argument.'],
      ['pub', ['-t', 'a\u0085', '-m', 'x'], 'Error: Malformed UTF-8 in -t argument.'],
      ['pub', ['-t', 'a\uffff', '-m', 'x'], 'Error: Malformed UTF-8 in -t argument.'],
      ['pub', ['-t', 'a', '-m', 'x', '--will-topic', 'w\u0002'], 'Error: Malformed UTF-8 in --will-topic argument.'],
      ['pub', ['-L', 'mqtt://127.0.0.1:1/a\u0001', '-m', 'x'], 'Error: Malformed UTF-8 in -L topic argument.'],
      ['sub', ['-t', 'a\u001f'], 'Error: Malformed UTF-8 in -t argument.'],
      ['sub', ['-t', 'a', '-T', '\u0001'], 'Error: Malformed UTF-8 in -T argument.'],
      ['sub', ['-t', 'a', '-U', 'u\u0090'], 'Error: Malformed UTF-8 in -U argument.'],
      ['sub', ['-t', 'a', '--will-topic', 'w\ufdd0'], 'Error: Malformed UTF-8 in --will-topic argument.'],
    ];
    for (const [tool, args, message] of cases) {
      it(`${tool} ${JSON.stringify(args)}: ${message}`, async () => {
        for (const r of await both(tool, [...conn, ...args])) {
          expect([r.status, firstLine(r)]).toEqual([1, message]);
        }
      });
    }
  });

  it('pub -s with empty stdin sends nothing (a retained message survives): status 1 and mosquitto_pub\'s two lines', async () => {
    await runCommand('mosquitto_pub', [...conn, '-t', 'keep/s', '-m', 'kept', '-r']);
    for (const r of await both('pub', [...conn, '-t', 'keep/s', '-s', '-r'], { input: '' })) {
      expect([r.status, r.stderr]).toEqual([1, 'Error: Zero length input.\nError loading input from stdin.\n']);
    }
    for (const r of await both('pub', [...conn, '-t', 'keep/s', '-s', '-r', '--quiet'], { input: '' })) expect([r.status, r.stderr]).toEqual([1, '']);
    const retained = await runCommand('mosquitto_sub', [...conn, '-t', 'keep/s', '-C', '1', '-W', '20']);
    expect(retained.stdout.toString()).toBe('kept\n');
  });

  it('pub -f on an empty file sends a zero-length message, as mosquitto_pub does (load_file, 2.0 and 2.1)', async () => {
    const empty = join(broker.dir, 'empty');
    writeFileSync(empty, '');
    const [theirs, ours] = TOOLS('pub');
    for (const t of [theirs!, ours!]) {
      const id = `empty-f-${t.cmd === MQTK ? 'mqtk' : 'mosq'}`;
      const r = await runCommand(t.cmd, [...t.args, ...conn, '-i', id, '-t', 'keep/f', '-f', empty]);
      expect([r.status, r.stderr]).toEqual([0, '']);
      await waitForLog(broker, `Received PUBLISH from ${id} (d0, q0, r0, m0, 'keep/f', ... (0 bytes))`);
    }
  });

  it('-x without -V 5 keeps MQTT 3.1.1; mqtk says once that -x needs -V 5', async () => {
    const [theirs, ours] = await Promise.all(
      TOOLS('pub').map((t, i) => runCommand(t.cmd, [...t.args, ...conn, '-i', `x311-${i}`, '-x', '60', '-t', 'a', '-m', 'x'])),
    );
    expect([theirs!.status, theirs!.stderr]).toEqual([0, '']);
    expect([ours!.status, ours!.stderr]).toEqual([0, 'Warning: -x needs MQTT 5 (-V 5); ignored on MQTT 3.1.1.\n']);
    // mosquitto logs the protocol level: p2 is MQTT 3.1.1.
    for (const id of ['x311-0', 'x311-1']) await waitForLog(broker, new RegExp(`as ${id} \\(p2, c1, k60\\)`));
  });

  it('options apply in order: -p before -L loses to the URL, -p after -L wins', async () => {
    const closed = String(await freePort());
    const url = (port: string) => `mqtt://127.0.0.1:${port}/order`;
    for (const args of [['-p', closed, '-L', url(String(broker.port))], ['-L', url(closed), '-p', String(broker.port)]]) {
      for (const r of await both('pub', [...args, '-m', 'x'])) expect([r.status, r.stderr]).toEqual([0, '']);
    }
  });

  it("reads mosquitto's ~/.config/mosquitto_pub when there is no ~/.config/mqtk/pub", async () => {
    const home = mkdtempSync(join(tmpdir(), 'mqtk-rc-home-'));
    mkdirSync(join(home, '.config'));
    writeFileSync(join(home, '.config', 'mosquitto_pub'), `-h ${broker.host}\n-p ${broker.port}\n-t rc/fallback\n`);
    const { XDG_CONFIG_HOME: _, ...env } = process.env;
    const [theirs, ours] = TOOLS('pub');
    for (const [i, t] of [theirs!, ours!].entries()) {
      const r = await runCommand(t.cmd, [...t.args, '-i', `rc-${i}`, '-m', 'x'], { env: { ...env, HOME: home } });
      expect([r.status, r.stderr]).toEqual([0, '']);
      await waitForLog(broker, `Received PUBLISH from rc-${i} (d0, q0, r0, m0, 'rc/fallback', ... (1 bytes))`);
    }
  });

  describe('-d prints the lines mosquitto prints, in its order', () => {
    it('pub -l at QoS 0 numbers every message (m1, m2, m3)', async () => {
      const [theirs, ours] = await both('pub', [...conn, '-i', 'dpub', '-t', 'd/l', '-l', '-d'], { input: 'a\nb\nc\n' });
      expect(lines(ours)).toEqual(lines(theirs));
      expect(lines(ours)).toContain("Client dpub sending PUBLISH (d0, q0, r0, m3, 'd/l', ... (1 bytes))");
    });

    it('sub at QoS 1 prints a QoS 1/2 message after its PUBACK line', async () => {
      const outs: RunResult[] = [];
      for (const [i, t] of TOOLS('sub').entries()) {
        const id = `dsub-${i}`;
        const sub = await startSubscriber(broker, t.cmd, [...t.args, ...conn, '-t', `d/s${i}/#`, '-q', '1', '-C', '3', '-d'], id);
        for (const [qos, payload] of [['0', 'zero'], ['1', 'one'], ['2', 'two']]) {
          await runCommand('mosquitto_pub', [...conn, '-t', `d/s${i}/${qos}`, '-q', qos!, '-m', payload!]);
        }
        outs.push(await sub.done);
      }
      const normalise = (r: RunResult): string[] => lines(r).map((l) => l.replace(/dsub-\d|d\/s\d/g, 'X'));
      expect(normalise(outs[1]!)).toEqual(normalise(outs[0]!));
      expect(normalise(outs[1]!).slice(-4)).toEqual(['Client X received PUBLISH (d0, q1, r0, m2, \'X/2\', ... (3 bytes))', 'Client X sending PUBACK (m2, rc0)', 'two', 'Client X sending DISCONNECT']);
    });

    it('sub --remove-retained -C 2 waits for the PUBACKs of its clears before DISCONNECT, as mosquitto_sub means to', async () => {
      // mosquitto_sub 2.0.11 waits for the last clear's PUBACK (last_mid) too, but here it
      // often never exits at all (a race in its loop), so only mqtk's lines are asserted.
      for (const n of ['1', '2']) await runCommand('mosquitto_pub', [...conn, '-t', `d/r/${n}`, '-m', n, '-r']);
      const r = await runCommand(MQTK, ['sub', ...conn, '-t', 'd/r/#', '--remove-retained', '-C', '2', '-d', '-i', 'dclear']);
      expect(r.status).toBe(0);
      expect(lines(r).slice(5)).toEqual([
        "Client dclear received PUBLISH (d0, q0, r1, m0, 'd/r/1', ... (1 bytes))",
        "Client dclear sending PUBLISH (d0, q1, r1, m2, 'd/r/1', ... (0 bytes))",
        '1',
        "Client dclear received PUBLISH (d0, q0, r1, m0, 'd/r/2', ... (1 bytes))",
        "Client dclear sending PUBLISH (d0, q1, r1, m3, 'd/r/2', ... (0 bytes))",
        '2',
        "Client dclear received PUBLISH (d0, q0, r0, m0, 'd/r/1', ... (0 bytes))",
        'Client dclear received PUBACK (Mid: 2, RC:0)',
        "Client dclear received PUBLISH (d0, q0, r0, m0, 'd/r/2', ... (0 bytes))",
        'Client dclear received PUBACK (Mid: 3, RC:0)',
        'Client dclear sending DISCONNECT',
      ]);
      const left = await runCommand('mosquitto_sub', [...conn, '-t', 'd/r/#', '-W', '1']);
      expect(left.stdout.toString()).toBe('');
    });

    it('a resumed session sends SUBSCRIBE from the CONNACK, before the queued messages that came with it, and ends at -C 3 with nothing after "sending DISCONNECT"', async () => {
      // mosquitto_sub subscribes in its on_connect callback, which libmosquitto runs while
      // handling the CONNACK, before it reads the queued PUBLISHes the broker sent with it.
      const outs: string[][] = [];
      for (const [i, t] of TOOLS('sub').entries()) {
        const id = `dpersist-${i}`;
        const args = [...t.args, ...conn, '-t', `d/p${i}`, '-q', '1', '-c', '-i', id];
        await runCommand(t.cmd, [...args, '-E']);
        for (const m of ['one', 'two', 'three']) await runCommand('mosquitto_pub', [...conn, '-t', `d/p${i}`, '-q', '1', '-m', m]);
        const r = await runCommand(t.cmd, [...args, '-C', '3', '-d']);
        expect(r.status).toBe(0);
        outs.push(lines(r).map((l) => l.replace(/dpersist-\d|d\/p\d/g, 'X').replace(/\bm\d+\b/g, 'mN').replace(/Mid: \d+/g, 'Mid: N')));
      }
      expect(outs[1]).toEqual(outs[0]);
      expect(outs[1]!.slice(0, 4)).toEqual([
        'Client X sending CONNECT',
        'Client X received CONNACK (0)',
        'Client X sending SUBSCRIBE (Mid: N, Topic: X, QoS: 1, Options: 0x00)',
        "Client X received PUBLISH (d0, q1, r0, mN, 'X', ... (3 bytes))",
      ]);
      expect(outs[1]!.at(-1)).toBe('Client X sending DISCONNECT');
    });
  });

  it('a resumed session ending at -C 1 acknowledges only the message it printed: the rest stay queued, as with mosquitto_sub', async () => {
    const outs: string[][] = [];
    for (const [i, t] of TOOLS('sub').entries()) {
      const id = `dleft-${i}`;
      const args = [...t.args, ...conn, '-t', `d/l${i}`, '-q', '1', '-c', '-i', id];
      await runCommand(t.cmd, [...args, '-E']);
      for (const m of ['one', 'two', 'three']) await runCommand('mosquitto_pub', [...conn, '-t', `d/l${i}`, '-q', '1', '-m', m]);
      const r = await runCommand(t.cmd, [...args, '-C', '1', '-d']);
      expect(r.status).toBe(0);
      outs.push(lines(r).map((l) => l.replace(/dleft-\d|d\/l\d/g, 'X').replace(/\bm\d+\b/g, 'mN').replace(/Mid: \d+/g, 'Mid: N')));
      const left = await runCommand('mosquitto_sub', [...conn, '-t', `d/l${i}`, '-q', '1', '-c', '-i', id, '-C', '2', '-W', '5']);
      // mosquitto_sub 2.0.11 sometimes disconnects before its PUBACK reaches the broker, so
      // 'one' may come again; it never acknowledges 'two' unprinted. mqtk's PUBACK goes first.
      const expected = t.cmd === MQTK ? ['two\nthree\n'] : ['two\nthree\n', 'one\ntwo\n'];
      expect(expected, t.name).toContain(left.stdout.toString());
    }
    expect(outs[1]).toEqual(outs[0]);
    expect(outs[1]!.slice(-3)).toEqual(['Client X sending PUBACK (mN, rc0)', 'one', 'Client X sending DISCONNECT']);
  });

  describe('nohup: an inherited "ignore SIGHUP" is kept', () => {
    /** Starts `cmd args` from a shell that ignores SIGHUP when `ignore` (what nohup does), with stdin piped. */
    function start(cmd: string, args: string[], ignore: boolean) {
      const child = spawn('sh', ['-c', `${ignore ? "trap '' HUP; " : ''}exec "$0" "$@"`, cmd, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
      const out: Buffer[] = [];
      child.stdout.on('data', (d: Buffer) => out.push(d));
      const done = new Promise<{ status: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('close', (status, signal) => resolve({ status, signal })));
      return { child, done, stdout: () => Buffer.concat(out).toString() };
    }

    for (const ignore of [true, false]) {
      it(`sub ${ignore ? 'keeps running after SIGHUP under nohup' : 'ends on SIGHUP without nohup'}, like mosquitto_sub`, async () => {
        for (const [i, t] of TOOLS('sub').entries()) {
          const id = `hup-${ignore}-${i}`;
          const before = broker.log().length;
          const sub = start(t.cmd, [...t.args, ...conn, '-i', id, '-t', `hup/${id}`], ignore);
          await waitFor(() => broker.log().slice(before).includes(`Sending SUBACK to ${id}`), 10_000, `SUBACK to ${id}`);
          sub.child.kill('SIGHUP');
          if (!ignore) {
            expect(await sub.done, t.name).toEqual({ status: null, signal: 'SIGHUP' });
            continue;
          }
          await runCommand('mosquitto_pub', [...conn, '-t', `hup/${id}`, '-m', 'after-hup']);
          await waitFor(() => sub.stdout() === 'after-hup\n', 10_000, `${t.name} to print after SIGHUP`);
          sub.child.kill('SIGTERM');
          expect((await sub.done).status, t.name).toBe(0);
        }
      });
    }

    it('pub -l under nohup keeps publishing lines after SIGHUP', async () => {
      const [theirs, ours] = TOOLS('pub');
      for (const [i, t] of [theirs!, ours!].entries()) {
        const id = `hup-l-${i}`;
        const before = broker.log().length;
        const pub = start(t.cmd, [...t.args, ...conn, '-i', id, '-t', 'hup/l', '-l'], true);
        pub.child.stdin.write('one\n');
        await waitFor(() => broker.log().slice(before).includes(`Received PUBLISH from ${id}`), 10_000, `${t.name}'s first line`);
        pub.child.kill('SIGHUP');
        pub.child.stdin.end('two\n');
        expect((await pub.done).status, t.name).toBe(0);
        // At QoS 0 the client exits before mosquitto has read (and logged) the last line.
        const published = (): number => broker.log().slice(before).split(`Received PUBLISH from ${id}`).length - 1;
        await waitFor(() => published() >= 2, 20_000, `${t.name}'s second line`);
        expect(published(), t.name).toBe(2);
      }
    });
  });
});

describe.skipIf(skipWithoutMosquitto())('CONNACK refusals side by side', () => {
  let broker: Mosquitto;
  let conn: string[];
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mqtk-refuse-'));
    execFileSync('mosquitto_passwd', ['-c', '-b', join(dir, 'passwd'), 'alice', 's3cret']);
    broker = await startMosquitto({ allowAnonymous: false, config: [`password_file ${join(dir, 'passwd')}`], dir });
    conn = ['-h', broker.host, '-p', String(broker.port), '-u', 'alice', '-P', 'wrong'];
  });
  afterAll(async () => {
    await broker?.stop();
  });

  for (const version of ['311', '5']) {
    it(`pub -V ${version}: the same lines on stderr (with libmosquitto's loop error), -d lines and status`, async () => {
      const [theirs, ours] = await both('pub', [...conn, '-V', version, '-t', 'a', '-m', 'x', '-d']);
      expect([ours.status, ours.stderr, lines(ours)]).toEqual([theirs.status, theirs.stderr, lines(theirs)]);
      expect(ours.stderr.split('\n')[1]).toMatch(/^Error: /);
    });

    it(`sub -V ${version}: the same stderr and status; mqtk sends no DISCONNECT to a server that refused it`, async () => {
      const [theirs, ours] = await both('sub', [...conn, '-V', version, '-t', 'a', '-d']);
      expect([ours.status, ours.stderr]).toEqual([theirs.status, theirs.stderr]);
      // Deliberate (README): the server closes the connection after a refusal [MQTT-3.2.2-7 (5), MQTT-3.2.2-5 (3.1.1)].
      expect(lines(ours)).toEqual(lines(theirs).filter((l) => !l.endsWith('sending DISCONNECT')));
    });
  }
});

describe.skipIf(skipWithoutMosquitto())('-F messages that follow 2.1 (README table)', () => {
  it("'%0-5t': 2.0.11 names '-', mqtk names '5' as 2.1 does ('-' is one of 2.1's hex separators)", async () => {
    const [theirs, ours] = await both('sub', ['-t', 'a', '-F', '%0-5t']);
    expect([theirs.status, firstLine(theirs)]).toEqual([1, "Error: Invalid format specifier '-'."]);
    expect([ours.status, firstLine(ours)]).toEqual([1, "Error: Invalid format specifier '5'."]);
  });
});
