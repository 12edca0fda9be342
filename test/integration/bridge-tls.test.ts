// A bridge to a mosquitto TLS listener: bridge_cafile verifies the chain and the host
// name; bridge_insecure skips only the name check (as in mosquitto).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Mosquitto, runCommand, skipWithoutMosquitto, startMosquitto, startSubscriber, waitFor } from '../helpers/mosquitto.js';
import { startServe, type Serve } from '../helpers/serve.js';
import { makeTlsFiles, type TlsFiles } from '../helpers/tls-files.js';

describe.skipIf(skipWithoutMosquitto())('bridge over TLS', () => {
  let tls: TlsFiles;
  let remote: Mosquitto;
  const serves: Serve[] = [];
  beforeAll(async () => {
    tls = makeTlsFiles();
    // A certificate signed by our CA, but for wrong.example: the chain verifies, the name does not.
    remote = await startMosquitto({ config: [`cafile ${tls.ca}`, `certfile ${tls.wrongNameCert}`, `keyfile ${tls.wrongNameKey}`] });
  });
  afterAll(async () => {
    for (const s of serves) await s.stop();
    await remote?.stop();
  });

  async function bridge(name: string, extra: string[]): Promise<Serve> {
    const dir = mkdtempSync(join(tmpdir(), 'mqtk-bridge-tls-'));
    writeFileSync(join(dir, 'm.conf'), ['listener 0 127.0.0.1', 'allow_anonymous true', `connection ${name}`, `address 127.0.0.1:${remote.port}`,
      `bridge_cafile ${tls.ca}`, 'restart_timeout 1', `topic ${name}/# out 1`, ...extra, ''].join('\n'));
    const serve = await startServe(['-c', join(dir, 'm.conf')]);
    serves.push(serve);
    return serve;
  }

  it('refuses a certificate for another name', async () => {
    const serve = await bridge('strict', []);
    await waitFor(() => /bridge strict: cannot connect to 127\.0\.0\.1:\d+: .*(altnames|name)/i.test(serve.log()), 15_000, 'the name check to fail');
    expect(serve.log()).not.toContain('bridge strict: connected to');
  });

  it('with bridge_insecure true connects anyway and forwards', async () => {
    const serve = await bridge('lax', ['bridge_insecure true', 'bridge_alpn mqtt']);
    await waitFor(() => serve.log().includes('bridge lax: connected to'), 15_000, 'bridge connected');
    const sub = await startSubscriber(remote, 'mosquitto_sub', ['-p', String(remote.port), '--cafile', tls.ca, '--insecure', '-t', 'lax/#', '-C', '1', '-q', '1'], 'tls-sub');
    await runCommand('mosquitto_pub', ['-p', String(serve.port), '-t', 'lax/x', '-m', 'over tls', '-q', '1']);
    expect((await sub.done).stdout.toString()).toBe('over tls\n');
  });
});
