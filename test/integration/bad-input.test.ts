// Bad input: one clear line on stderr, a non-zero status (mosquitto's where it has
// one), never a stack trace. Reference §8.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, runCommand, skipWithoutMosquitto, startMosquitto, type Mosquitto } from '../helpers/mosquitto.js';
import { MQTK, mqtk } from '../helpers/mqtk.js';

const usageHint = (cmd: string): string => `Use 'mqtk ${cmd} --help' to see usage.\n`;

describe('argument errors (no broker needed)', () => {
  const cases: Array<[string, string[], string]> = [
    ['wildcard topic', ['pub', '-t', 'a/+', '-m', 'x'], "Error: Invalid publish topic 'a/+', does it contain '+' or '#'?"],
    ['empty topic (mosquitto exits 0 here)', ['pub', '-t', '', '-m', 'x'], "Error: Invalid publish topic '', a topic must not be empty."],
    ['QoS 3', ['pub', '-t', 'a', '-m', 'x', '-q', '3'], 'Error: Invalid QoS given: 3'],
    ['QoS not a number', ['pub', '-t', 'a', '-m', 'x', '-q', 'abc'], 'Error: Invalid QoS given: abc'],
    ['two message sources', ['pub', '-t', 'a', '-m', 'x', '-n'], 'Error: Only one type of message can be sent at once.'],
    ['-m with -f', ['pub', '-t', 'a', '-m', 'x', '-f', '/etc/hostname'], 'Error: Only one type of message can be sent at once.'],
    ['port out of range', ['pub', '-t', 'a', '-m', 'x', '-p', '70000'], 'Error: Invalid port given: 70000'],
    ['port not a number', ['pub', '-t', 'a', '-m', 'x', '-p', 'abc'], 'Error: Invalid port given: abc'],
    ['keepalive too small', ['pub', '-t', 'a', '-m', 'x', '-k', '2'], 'Error: Invalid keepalive given, it must be between 5 and 65535 inclusive.'],
    ['protocol version', ['pub', '-t', 'a', '-m', 'x', '-V', '6'], 'Error: Invalid protocol version argument given.'],
    // Names every JavaScript object has are not choices.
    ['protocol version "constructor"', ['pub', '-t', 'a', '-m', 'x', '-V', 'constructor'], 'Error: Invalid protocol version argument given.'],
    ['TLS version "toString"', ['pub', '-t', 'a', '-m', 'x', '--tls-version', 'toString'], "Error: Invalid TLS version 'toString': use tlsv1.3, tlsv1.2 or tlsv1.1."],
    ['retain handling "toString"', ['sub', '-t', 'a', '-V', '5', '--retain-handling', 'toString'], "Error: Invalid retain-handling 'toString': use always, new or never."],
    ['unknown option', ['pub', '-t', 'a', '-m', 'x', '--foo'], "Error: Unknown option '--foo'."],
    ['-c without -i', ['pub', '-t', 'a', '-m', 'x', '-c'], 'Error: You must provide a client id if you are using the -c option.'],
    ['infinite expiry without -i', ['pub', '-t', 'a', '-m', 'x', '-x', '-1', '-V', '5'], 'Error: You must provide a client id if you are using an infinite session expiry interval.'],
    ['expiry not a number', ['pub', '-t', 'a', '-m', 'x', '-x', 'abc'], 'Error: session-expiry-interval not a number.'],
    ['expiry too large', ['pub', '-t', 'a', '-m', 'x', '-x', '4294967296'], 'Error: session-expiry-interval out of range.'],
    ['-i with -I', ['pub', '-t', 'a', '-m', 'x', '-i', 'foo', '-I', 'bar'], 'Error: -i and -I argument cannot be used together.'],
    ['will payload without topic', ['pub', '-t', 'a', '-m', 'x', '--will-payload', 'p'], 'Error: Will payload given, but no will topic given.'],
    ['repeat 0', ['pub', '-t', 'a', '-m', 'x', '--repeat', '0'], 'Error: --repeat argument must be >0.'],
    ['unsupported URL scheme', ['pub', '-L', 'http://127.0.0.1/a', '-m', 'x'], 'Error: unsupported URL scheme.'],
    ['URL without topic', ['pub', '-L', 'mqtt://127.0.0.1:1883', '-m', 'x'], 'Error: Invalid URL for -L argument specified - topic missing.'],
    ['cert without key', ['pub', '-t', 'a', '-m', 'x', '--cert', '/x'], 'Error: Both certfile and keyfile must be provided if one of them is set.'],
    ['psk without identity', ['pub', '-t', 'a', '-m', 'x', '--psk', 'abcd'], 'Error: --psk-identity required if --psk used.'],
    ['missing option value', ['pub', '-t', 'a', '-m'], 'Error: -m argument given but no message specified.'],
    ['-D property not valid for the packet', ['pub', '-t', 'a', '-m', 'x', '-D', 'connect', 'content-type', 'x'], 'Error: content-type property not allowed for connect in --property argument.'],
    ['-D property value out of range', ['pub', '-t', 'a', '-m', 'x', '-D', 'publish', 'message-expiry-interval', '-5'], 'Error: Property value (-5) out of range for property message-expiry-interval.'],
    ['-D unknown command', ['pub', '-t', 'a', '-m', 'x', '-D', 'foo', 'user-property', 'a', 'b'], 'Error: Invalid command given in --property argument.'],
    ['-D missing value', ['pub', '-t', 'a', '-m', 'x', '-D', 'publish', 'user-property', 'a'], 'Error: --property argument given but not enough arguments specified.'],
    ['sub without topic', ['sub'], 'Error: You must specify a topic to subscribe to.'],
    ['sub bad filter', ['sub', '-t', 'a/#/b'], "Error: Invalid subscription topic 'a/#/b', are all '+' and '#' wildcards correct?"],
    ['sub bad filter +', ['sub', '-t', 'a+'], "Error: Invalid subscription topic 'a+', are all '+' and '#' wildcards correct?"],
    ['sub -C 0', ['sub', '-t', 'a', '-C', '0'], 'Error: Invalid message count "0".'],
    ['sub -W 0', ['sub', '-t', 'a', '-W', '0'], 'Error: Invalid timeout "0".'],
    ['sub -R with --retained-only', ['sub', '-t', 'a', '-R', '--retained-only'], "Error: Combining '-R' and '--retained-only' makes no sense."],
    ['sub with a pub option', ['sub', '-t', 'a', '-m', 'x'], "Error: Unknown option '-m'."],
    ['sub --random-filter 0', ['sub', '-t', 'a', '--random-filter', '0'], 'Error: --random-filter chance must be between 0.1-100.0'],
    ['sub bad -F', ['sub', '-t', 'a', '-F', '%z'], "Error: Invalid format specifier 'z'."],
  ];
  for (const [what, args, message] of cases) {
    it(`${what}: ${message}`, async () => {
      const r = await mqtk(args);
      expect(r.status).toBe(1);
      const lines = r.stderr.split('\n');
      expect(lines[0]).toBe(message);
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    });
  }

  it('refuses a message larger than one packet holds, from -f (before reading it) or -s (reading no further)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mqtk-big-'));
    const big = join(dir, 'big');
    execFileSync('truncate', ['-s', '257M', big]); // sparse: costs no disk
    const message = 'Error: Message too large: an MQTT packet holds at most 256 MiB.';
    // Port 1 has no broker: the size is refused before any connection is tried.
    const fromFile = await mqtk(['pub', '-p', '1', '-t', 'a', '-f', big]);
    expect([fromFile.status, fromFile.stderr.split('\n')[0]]).toEqual([1, message]);
    const fromStdin = spawnSync('sh', ['-c', `"${MQTK}" pub -p 1 -t a -s < "${big}"`], { encoding: 'utf8' });
    expect([fromStdin.status, fromStdin.stderr.split('\n')[0]]).toEqual([1, message]);
  });

  it('pub without topic or message prints the usage on stdout, like mosquitto_pub', async () => {
    const r = await mqtk(['pub', '-m', 'x']);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('Error: Both topic and message must be supplied.\n');
    expect(r.stdout.toString()).toContain('Usage: mqtk pub');
  });

  it('adds the usage hint after argument errors', async () => {
    const r = await mqtk(['pub', '-t', 'a', '-m', 'x', '-q', '3']);
    expect(r.stderr).toBe(`Error: Invalid QoS given: 3\n${usageHint('pub')}`);
  });

  it('refuses a topic that is not valid UTF-8', async () => {
    // Only a shell can put the raw byte 0xff into argv.
    const raw = await runCommand('sh', ['-c', `"${MQTK}" pub -t "$(printf 'a\\377')" -m x`]);
    expect(raw.status).toBe(1);
    expect(raw.stderr.split('\n')[0]).toBe('Error: Malformed UTF-8 in -t argument.');
  });

  it('reports a missing file (-f) with mosquitto\'s two lines', async () => {
    const r = await mqtk(['pub', '-t', 'a', '-f', '/nonexistent']);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('Error: Unable to open file "/nonexistent".\nError loading input file "/nonexistent".\n');
  });

  it('--help prints usage on stdout and exits 1, like mosquitto', async () => {
    const r = await mqtk(['sub', '--help']);
    expect(r.status).toBe(1);
    expect(r.stdout.toString()).toContain('Usage: mqtk sub');
  });
});

describe('connection errors', () => {
  it('reports a refused TCP connection: "Error: Connection refused", status 1', async () => {
    const port = await freePort();
    const r = await mqtk(['pub', '-h', '127.0.0.1', '-p', String(port), '-t', 'a', '-m', 'x']);
    expect(r.stderr).toBe('Error: Connection refused\n');
    expect(r.status).toBe(1);
  });

  it('reports an unknown host: "Unable to connect (Lookup error.).", status 1', async () => {
    const r = await mqtk(['pub', '-h', 'nonexistent.invalid', '-t', 'a', '-m', 'x']);
    expect(r.stderr).toBe('Unable to connect (Lookup error.).\n');
    expect(r.status).toBe(1);
  });

  it('keeps --quiet runtime errors off stderr but keeps the status', async () => {
    const port = await freePort();
    const r = await mqtk(['pub', '-h', '127.0.0.1', '-p', String(port), '-t', 'a', '-m', 'x', '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
  });
});

describe.skipIf(skipWithoutMosquitto())('refusals from a real mosquitto', () => {
  let broker: Mosquitto;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mqtk-auth-'));
    execFileSync('mosquitto_passwd', ['-c', '-b', join(dir, 'passwd'), 'alice', 's3cret']);
    broker = await startMosquitto({ allowAnonymous: false, config: [`password_file ${join(dir, 'passwd')}`], dir });
  });
  afterAll(async () => {
    await broker?.stop();
  });

  it('bad credentials, MQTT 3.1.1: "Connection error: Connection Refused: not authorised.", status 5', async () => {
    const r = await mqtk(['pub', '-h', broker.host, '-p', String(broker.port), '-u', 'alice', '-P', 'wrong', '-t', 'a', '-m', 'x']);
    expect(r.stderr.split('\n')[0]).toBe('Connection error: Connection Refused: not authorised.');
    expect(r.status).toBe(5);
  });

  it('bad credentials, MQTT 5: "Connection error: Not authorized", status 135', async () => {
    const r = await mqtk(['pub', '-h', broker.host, '-p', String(broker.port), '-u', 'alice', '-P', 'wrong', '-t', 'a', '-m', 'x', '-V', '5']);
    expect(r.stderr.split('\n')[0]).toBe('Connection error: Not authorized');
    expect(r.status).toBe(135);
  });

  it('good credentials publish', async () => {
    const r = await mqtk(['pub', '-h', broker.host, '-p', String(broker.port), '-u', 'alice', '-P', 's3cret', '-t', 'a', '-m', 'x']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
