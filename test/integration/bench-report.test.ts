// --report and `bench collect` over every transport the bench clients have: their
// connection options (TLS files, WebSocket) apply to the report link too. Against
// `mqtk serve` with a plain, a WebSocket and a TLS listener (Debian's mosquitto has no
// WebSocket listener).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skipWithoutMosquitto, startCommand, waitFor } from '../helpers/mosquitto.js';
import { MQTK, mqtk } from '../helpers/mqtk.js';
import { startServe, type Serve } from '../helpers/serve.js';
import { makeTlsFiles, type TlsFiles } from '../helpers/tls-files.js';

interface Summary {
  clients: { requested: number; connected: number };
  messages: { sent: number; acked: number; received: number };
  latency: { count: number };
  sequence: { lost: number; duplicates: number; reordered: number };
}
const parse = (out: Buffer): Summary => JSON.parse(out.toString()) as Summary;
const portOf = (url: string): string => /:(\d+)$/.exec(url)![1]!;

describe.skipIf(skipWithoutMosquitto())('bench --report and collect over WebSocket and TLS', () => {
  let tls: TlsFiles;
  let serve: Serve;
  let plain: string;
  let ws: string;
  let secure: string;
  beforeAll(async () => {
    tls = makeTlsFiles();
    const dir = mkdtempSync(join(tmpdir(), 'mqtk-bench-report-'));
    writeFileSync(join(dir, 'm.conf'), [
      'allow_anonymous true',
      'listener 0 127.0.0.1',
      'listener 0 127.0.0.1', 'protocol websockets',
      'listener 0 127.0.0.1', `certfile ${tls.serverCert}`, `keyfile ${tls.serverKey}`,
      '',
    ].join('\n'));
    serve = await startServe(['-c', join(dir, 'm.conf')]);
    [plain, ws, secure] = serve.urls.map(portOf) as [string, string, string];
  });
  afterAll(async () => serve?.stop());

  async function collectOne(url: string, collectArgs: string[], benchArgs: string[]): Promise<{ bench: Summary; collected: Summary }> {
    const before = serve.log().length;
    const collect = startCommand(MQTK, ['bench', 'collect', url, ...collectArgs, '--json', '--quiet', '-d', '50']);
    await waitFor(() => serve.log().slice(before).includes('Sending SUBACK to mqtk-bench-collect-'), 20_000, 'collect SUBACK');
    const run = await mqtk(['bench', ...benchArgs, '--limit', '500', '-q', '1', '--report', url, '--json', '--quiet'], { timeoutMs: 60_000 });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const got = await collect.done;
    expect(got.stderr).toBe('');
    expect(got.status).toBe(0);
    return { bench: parse(run.stdout), collected: parse(got.stdout) };
  }

  it('reports and collects over ws:// while the bench clients use TCP', async () => {
    const { bench, collected } = await collectOne(`ws://127.0.0.1:${ws}/rep-ws`, [], ['-h', '127.0.0.1', '-p', plain, '-t', 'bws/%i']);
    expect(bench.messages).toMatchObject({ sent: 500, received: 500 });
    expect(collected.messages).toMatchObject({ sent: 500, acked: 500, received: 500 });
    expect(collected.latency.count).toBe(bench.latency.count);
    expect(collected.sequence).toEqual({ lost: 0, duplicates: 0, reordered: 0 });
  }, 60_000);

  it('reports and collects over mqtts:// verified with --cafile, as the bench clients are', async () => {
    const ca = ['--cafile', tls.ca];
    const { collected } = await collectOne(`mqtts://127.0.0.1:${secure}/rep-tls`, ca, ['-h', '127.0.0.1', '-p', secure, ...ca, '-t', 'btls/%i']);
    expect(collected.clients).toMatchObject({ requested: 2, connected: 2 });
    expect(collected.messages).toMatchObject({ sent: 500, received: 500 });
  }, 60_000);

  it('collect started after the bench joins it: the whole run\'s totals and histograms, and which live seconds it missed', async () => {
    const url = `mqtt://127.0.0.1:${plain}/rep-late`;
    const bench = startCommand(MQTK, ['bench', '-h', '127.0.0.1', '-p', plain, '-t', 'blate/%i', '--rate', '400', '--limit', '1600', '-q', '1', '--report', url, '--json']);
    let err = '';
    bench.child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    // Publishing for a second or more before the collector starts.
    await waitFor(() => /^[1-9]\d*s  conn 2  sent [1-9]/m.test(err), 20_000, 'the bench publishing');
    const before = serve.log().length;
    const collect = startCommand(MQTK, ['bench', 'collect', url, '--json', '-d', '50']);
    await waitFor(() => serve.log().slice(before).includes('Sending SUBACK to mqtk-bench-collect-'), 20_000, 'collect SUBACK');
    const run = await bench.done;
    expect(run.status).toBe(0);
    const own = parse(run.stdout);
    const got = await collect.done;
    expect(got.status).toBe(0);
    const s = parse(got.stdout) as Summary & { joined_late?: Array<{ source: string; missed_s: number }> };
    // Complete although the first seconds went by before it listened: from the bench's final report.
    expect(s.clients).toMatchObject({ requested: 2, connected: 2 });
    expect(s.messages).toMatchObject({ sent: 1600, acked: 1600, received: 1600 });
    expect(s.latency.count).toBe(own.latency.count);
    expect(s.sequence).toEqual({ lost: 0, duplicates: 0, reordered: 0 });
    // It says whose live seconds it missed.
    expect(s.joined_late).toEqual([{ source: expect.stringMatching(new RegExp(`-${bench.child.pid}$`)), missed_s: expect.any(Number) }]);
    expect(s.joined_late![0]!.missed_s).toBeGreaterThanOrEqual(1);
  }, 60_000);

  it('a report link that fails TLS verification is a clear error before the run', async () => {
    const r = await mqtk(['bench', '-h', '127.0.0.1', '-p', plain, '--limit', '10', '--report', `mqtts://127.0.0.1:${secure}/x`, '--cafile', tls.otherCa, '--quiet']);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/^Error: cannot connect to the --report broker: .*\n$/);
  }, 30_000);
});
