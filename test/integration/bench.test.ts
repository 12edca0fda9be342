// mqtk bench against a real mosquitto with its default limits: every mode runs, counts
// exactly, and its JSON summary parses with totals that match.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, skipWithoutMosquitto, startCommand, startMosquitto, waitFor, type Mosquitto } from '../helpers/mosquitto.js';
import { MQTK, mqtk } from '../helpers/mqtk.js';

interface Summary {
  mode: string;
  interrupted: boolean;
  clients: { requested: number; connected: number; failed: number; disconnects: number; reconnects: number };
  messages: { sent: number; acked: number; received: number };
  latency: { count: number; p99_ms: number };
  connect_time: { count: number };
  sequence: { lost: number; duplicates: number; reordered: number };
  errors: Record<string, number>;
  client_spread: { publishers: { clients: number } | null; subscribers: { clients: number } | null };
  per_client?: Array<{ client_id: string; role: string; sent: number; received: number; sequence: { lost: number } | null }>;
}

const parse = (out: Buffer): Summary => JSON.parse(out.toString()) as Summary;

describe.skipIf(skipWithoutMosquitto())('mqtk bench against mosquitto', () => {
  let broker: Mosquitto;
  const conn = (): string[] => ['-h', broker.host, '-p', String(broker.port)];

  beforeAll(async () => {
    broker = await startMosquitto();
  });
  afterAll(async () => {
    await broker?.stop();
  });

  for (const workers of ['1', '2']) {
    it(`pubsub --limit 10000 at QoS 1 delivers 10000 to each subscriber (--workers ${workers})`, async () => {
      // At a rate the subscribers keep up with: unthrottled publishers can outrun them, and
      // mosquitto (default max_queued_messages 1000) then drops for them, which bench rightly reports as lost.
      const r = await mqtk(['bench', ...conn(), '-c', '2', '--subscribers', '2', '--limit', '10000', '--rate', '5000', '-q', '1', '--workers', workers, '--json', '--per-client', '-t', `w${workers}/%i`], { timeoutMs: 60_000 });
      // stderr holds only the progress lines (plain, not a terminal).
      expect(r.stderr).toMatch(/^(\d+s  conn \d+  sent .*\n)*$/);
      expect(r.status).toBe(0);
      const s = parse(r.stdout);
      expect(s.clients).toEqual({ requested: 4, connected: 4, failed: 0, disconnects: 0, reconnects: 0 });
      expect(s.messages).toMatchObject({ sent: 10_000, acked: 10_000, received: 20_000 });
      expect(s.sequence).toEqual({ lost: 0, duplicates: 0, reordered: 0 });
      expect(s.latency.count).toBe(20_000);
      expect(s.errors).toEqual({});
      // Per client (from both workers, in the run's order): the publishers' shares and each subscriber's full count.
      const per = s.per_client!.map((c) => [c.client_id, c.role, c.sent, c.received, c.sequence?.lost ?? null]);
      expect(per).toEqual([
        ['mqtk-bench-pubsub-0', 'pub', 5000, 0, null], ['mqtk-bench-pubsub-1', 'pub', 5000, 0, null],
        ['mqtk-bench-pubsub-2', 'sub', 0, 10_000, 0], ['mqtk-bench-pubsub-3', 'sub', 0, 10_000, 0],
      ]);
      expect(s.client_spread.subscribers).toMatchObject({ clients: 2 });
    }, 60_000);
  }

  it('bench sub counts what bench pub sends from another process (per-subscriber --limit)', async () => {
    const sub = startCommand(MQTK, ['bench', 'sub', ...conn(), '-c', '2', '-t', 'split/#', '--limit', '3000', '-q', '1', '--json', '--quiet']);
    const subacked = (id: string): boolean => broker.log().includes(`Sending SUBACK to ${id}`);
    await waitFor(() => subacked('mqtk-bench-sub-0') && subacked('mqtk-bench-sub-1'), 20_000, 'bench sub SUBACKs');
    const pub = await mqtk(['bench', 'pub', ...conn(), '-c', '3', '-t', 'split/%i', '--limit', '3000', '-q', '1', '--json', '--quiet'], { timeoutMs: 60_000 });
    expect(pub.status).toBe(0);
    expect(parse(pub.stdout).messages).toMatchObject({ sent: 3000, acked: 3000 });
    const got = await sub.done;
    expect(got.status).toBe(0);
    const s = parse(got.stdout);
    expect(s.messages.received).toBe(6000);
    expect(s.sequence).toEqual({ lost: 0, duplicates: 0, reordered: 0 });
  }, 60_000);

  it('collect merges the --report of two bench processes into one summary', async () => {
    const url = `mqtt://${broker.host}:${broker.port}/reports/${process.pid}`;
    const collect = startCommand(MQTK, ['bench', 'collect', url, '--json', '--per-client', '--quiet', '-d', '50']);
    await waitFor(() => broker.log().includes(`Sending SUBACK to mqtk-bench-collect-`), 20_000, 'collect SUBACK');
    const runs = await Promise.all([
      mqtk(['bench', ...conn(), '-t', 'rep/a/%i', '--limit', '1500', '-q', '1', '--report', url, '--json', '--quiet'], { timeoutMs: 60_000 }),
      mqtk(['bench', ...conn(), '-t', 'rep/b/%i', '--limit', '1000', '-q', '1', '--start-number', '100', '--report', url, '--json', '--quiet'], { timeoutMs: 60_000 }),
    ]);
    expect(runs.map((r) => r.status)).toEqual([0, 0]);
    const each = runs.map((r) => parse(r.stdout));
    const got = await collect.done;
    expect(got.status).toBe(0);
    const s = parse(got.stdout);
    expect(s.clients).toEqual({ requested: 4, connected: 4, failed: 0, disconnects: 0, reconnects: 0 });
    expect(s.messages).toMatchObject({ sent: 2500, acked: 2500, received: 2500 });
    expect(s.latency.count).toBe(each[0]!.latency.count + each[1]!.latency.count);
    // Every client of both processes, by index (the second process started at 100).
    expect(s.per_client!.map((c) => [c.client_id, c.sent, c.received])).toEqual([
      ['mqtk-bench-pubsub-0', 1500, 0], ['mqtk-bench-pubsub-1', 0, 1500], ['mqtk-bench-pubsub-100', 1000, 0], ['mqtk-bench-pubsub-101', 0, 1000],
    ]);
    expect(s.sequence).toEqual({ lost: 0, duplicates: 0, reordered: 0 });
    // Listening before they started: no live second missed.
    expect(s).not.toHaveProperty('joined_late');
  }, 60_000);

  it('bench conn opens, holds and closes every connection, with connect-time percentiles', async () => {
    const r = await mqtk(['bench', 'conn', ...conn(), '-c', '20', '-R', '200', '-d', '1', '--json', '--quiet']);
    expect(r.status).toBe(0);
    const s = parse(r.stdout);
    expect(s.clients).toEqual({ requested: 20, connected: 20, failed: 0, disconnects: 0, reconnects: 0 });
    expect(s.connect_time.count).toBe(20);
  });

  it('writes per-second samples with --csv', async () => {
    const csv = join(mkdtempSync(join(tmpdir(), 'mqtk-bench-')), 'samples.csv');
    const r = await mqtk(['bench', ...conn(), '--rate', '200', '-d', '2', '--csv', csv, '--quiet']);
    expect(r.status).toBe(0);
    expect(r.stdout.toString()).toMatch(/^mqtk bench pubsub, open loop at 200 msg\/s/);
    const lines = readFileSync(csv, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('t_s,connected,connects,sent,acked,received,inflight,lag_ms,errors,latency_p50_ms,latency_p99_ms,ack_latency_p99_ms,disconnects,reconnects');
    const sent = lines.slice(1).map((l) => Number(l.split(',')[3]));
    expect(sent.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });

  it('Ctrl-C stops the run and still prints the summary', async () => {
    const run = startCommand(MQTK, ['bench', 'pub', ...conn(), '--rate', '100', '--json']);
    // Progress lines (not a terminal: plain lines on stderr) show it is publishing.
    let err = '';
    run.child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    await waitFor(() => /sent [1-9]/.test(err), 20_000, 'a progress line with messages sent');
    run.child.kill('SIGINT');
    const r = await run.done;
    expect(r.status).toBe(0);
    const s = parse(r.stdout);
    expect(s.interrupted).toBe(true);
    expect(s.messages.sent).toBeGreaterThan(0);
  });

  it('a broker that is not there: one summary, the failures by kind, exit 1, no stack trace', async () => {
    const port = await freePort();
    const r = await mqtk(['bench', 'pub', '-h', '127.0.0.1', '-p', String(port), '-c', '2', '--limit', '10', '--quiet']);
    expect(r.status).toBe(1);
    expect(r.stdout.toString()).toContain('errors        connect: refused ×2');
    expect(r.stderr).not.toMatch(/at .*\.js/);
  });

  it('bad options are one line on stderr and exit 1', async () => {
    const r = await mqtk(['bench', 'pub', '-s', '4']);
    expect(r.status).toBe(1);
    expect(r.stderr.split('\n')[0]).toBe("Error: Invalid payload size (-s) '4': a whole number ≥ 18 is needed.");
  });
});
