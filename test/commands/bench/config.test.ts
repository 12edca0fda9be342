import { describe, expect, it } from 'vitest';
import { parseDuration, toBenchConfig } from '../../../src/commands/bench/config.js';
import { toReportTarget } from '../../../src/commands/bench/report.js';
import { UsageError } from '../../../src/errors.js';
import { benchOptions } from '../../../src/options/bench.js';
import { parseArgv } from '../../../src/options/parse.js';

const cfg = (argv: string[]) => toBenchConfig(parseArgv(argv, benchOptions, { positionals: true }), { pid: 42, cores: 2 });
const ctx = { index: 7, clientId: 'c', worker: 1 };

describe('bench options', () => {
  it('defaults to pubsub with one publisher and one subscriber on mqtk-bench/%i', () => {
    const c = cfg([]);
    expect(c.mode).toBe('pubsub');
    expect([c.clients, c.subscribers, c.size, c.qos]).toEqual([1, 1, 64, 0]);
    expect(c.topic(ctx)).toBe('mqtk-bench/7');
    expect(c.filters.map((f) => f(ctx))).toEqual(['mqtk-bench/+']);
    expect(c.clientId(ctx)).toBe('mqtk-bench-pubsub-7');
    expect(c.msgIntervalMs).toBeUndefined();
  });

  it('--reconnect N turns on the engine\'s reconnecting with backoff; off by default, as in emqtt-bench', () => {
    expect(cfg([]).client.reconnectDelayMs).toBeUndefined();
    expect(cfg(['--reconnect', '5', '--reconnect-delay', '200ms']).client).toMatchObject({ reconnectDelayMs: 200, reconnectMaxDelayMs: 30_000, reconnectAttempts: 5 });
    expect(cfg(['--reconnect', '5']).client).toMatchObject({ reconnectDelayMs: 1000 });
    expect(() => cfg(['--reconnect-delay', '1s'])).toThrow('--reconnect-delay needs --reconnect N or --num-retry-connect N.');
    expect(() => cfg(['--reconnect', 'x'])).toThrow(UsageError);
  });

  it('turns --rate into a per-publisher interval, -I is per client', () => {
    expect(cfg(['pub', '-c', '10', '--rate', '10000']).msgIntervalMs).toBe(1);
    expect(cfg(['pub', '-c', '10', '-I', '5']).msgIntervalMs).toBe(5);
  });

  it('takes bench meanings for -c, -i, -I and -d and keeps the connection options', () => {
    const c = cfg(['conn', '-c', '5', '-i', '20', '-d', '2s', '-h', '127.0.0.1', '-p', '1999', '-V', '5', '-k', '30', '-u', 'u', '-P', 'p']);
    expect([c.clients, c.connIntervalMs, c.durationMs]).toEqual([5, 20, 2000]);
    expect(c.client.transport).toMatchObject({ kind: 'tcp', host: '127.0.0.1', port: 1999 });
    expect(c.client.connect).toMatchObject({ protocolVersion: 5, keepalive: 30, username: 'u' });
    expect(cfg(['conn', '-R', '50']).connIntervalMs).toBe(20);
  });

  it('sub mode takes -t as filters', () => {
    expect(cfg(['sub', '-t', 'a/#', '-t', '$share/g/b']).filters.map((f) => f(ctx))).toEqual(['a/#', '$share/g/b']);
  });

  it('never runs more workers than connections', () => {
    expect(cfg(['pub', '-c', '1', '--workers', '4']).workers).toBe(1);
    expect(cfg(['pub', '-c', '8']).workers).toBe(2);
  });

  it.each([
    [['-s', '10'], /payload size/],
    [['--rate', '10', '-I', '5'], /--rate or -I/],
    [['--rate', '0'], /rate/],
    [['-c', '0'], /client count/],
    [['-d', 'soon'], /duration/],
    [['-R', '5', '-i', '5'], /-R or -i/],
    [['frob'], /Unknown bench mode/],
    [['conn', '--limit', '5'], /--limit is for/],
    [['pub', '--subscribers', '2'], /--subscribers/],
    [['--output', 'trace'], /Invalid output format 'trace'/],
    [['--report', 'http://x'], /report URL/],
    [['--report', 'mqtt://h/a/#'], /without wildcards/],
    [['-t', 'a/%q'], /template/],
  ])('refuses %j', (argv, message) => {
    expect(() => cfg(argv)).toThrow(UsageError);
    expect(() => cfg(argv)).toThrow(message);
  });

  describe('--report and collect connect with the bench clients\' connection options', () => {
    const target = (url: string, argv: string[]) => toReportTarget(parseArgv(argv, benchOptions, { positionals: true }), url, 'rep', 42);

    it('ws:// and wss:// with --ws-path', () => {
      expect(target('ws://b:9001/r', ['--ws-path', '/x']).client.transport).toEqual({ kind: 'ws', url: 'ws://b:9001/x' });
      const tls = target('wss://b:9443/r', ['--cafile', 'ca.pem', '--insecure']).client.transport;
      expect(tls).toMatchObject({ kind: 'ws', url: 'wss://b:9443/mqtt', tls: { caFile: 'ca.pem', insecure: true } });
    });

    it('mqtts:// with the TLS files; the scheme alone decides TLS', () => {
      const argv = ['--cafile', 'ca.pem', '--cert', 'c.pem', '--key', 'k.pem', '-h', 'bench-host', '-p', '8883'];
      expect(target('mqtts://b/r', argv).client.transport).toMatchObject({ kind: 'tcp', host: 'b', port: 8883, tls: { caFile: 'ca.pem', certFile: 'c.pem', keyFile: 'k.pem' } });
      // TLS bench clients, a plain report broker: the URL's mqtt:// is not turned into TLS.
      expect(target('mqtt://b:1884/r', argv).client.transport).toEqual({ kind: 'tcp', host: 'b', port: 1884 });
    });

    it('-u/-P unless the URL has a user, -V, -k and --proxy; never the bench clients\' will or --unix', () => {
      const argv = ['-u', 'alice', '-P', 'pw', '-V', '5', '-k', '30', '--proxy', 'socks5h://p:1080', '--will-topic', 'w', '--unix', '/s'];
      const c = target('mqtt://b/r', argv).client;
      expect(c.connect).toMatchObject({ clientId: 'rep', username: 'alice', protocolVersion: 5, keepalive: 30, clean: true });
      expect(c.connect.password?.toString()).toBe('pw');
      expect(c.connect.will).toBeUndefined();
      expect(c.transport).toMatchObject({ kind: 'tcp', host: 'b', port: 1883, proxy: { host: 'p', port: 1080 } });
      expect(target('mqtt://bob:s3@b/r', argv).client.connect).toMatchObject({ username: 'bob' });
      expect(target('mqtt://b/a/b', []).topic).toBe('a/b');
    });
  });

  it('reads durations', () => {
    expect([parseDuration('30', 'd'), parseDuration('500ms', 'd'), parseDuration('1.5m', 'd'), parseDuration('1h', 'd')]).toEqual([30_000, 500, 90_000, 3_600_000]);
  });
});
