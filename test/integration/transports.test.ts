// TLS, unix sockets and WebSockets, against a real mosquitto. Debian's mosquitto has no
// WebSocket listener, so a small ws → TCP relay stands in front of it.
import { mkdtempSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { runCommand, skipWithoutMosquitto, startMosquitto, startSubscriber, type Mosquitto } from '../helpers/mosquitto.js';
import { MQTK, mqtk } from '../helpers/mqtk.js';
import { startSocksServer } from '../helpers/socks-server.js';
import { makeTlsFiles, type TlsFiles } from '../helpers/tls-files.js';

describe.skipIf(skipWithoutMosquitto())('TLS', () => {
  let tls: TlsFiles;
  let broker: Mosquitto;
  let mutual: Mosquitto;
  beforeAll(async () => {
    tls = makeTlsFiles();
    const certs = [`cafile ${tls.ca}`, `certfile ${tls.serverCert}`, `keyfile ${tls.serverKey}`];
    broker = await startMosquitto({ config: certs });
    mutual = await startMosquitto({ config: [...certs, 'require_certificate true'] });
  });
  afterAll(async () => {
    await broker?.stop();
    await mutual?.stop();
  });

  it('publishes over TLS with --cafile, received by mqtk sub over TLS', async () => {
    const conn = ['-h', '127.0.0.1', '-p', String(broker.port), '--cafile', tls.ca];
    const sub = await startSubscriber(broker, MQTK, ['sub', ...conn, '-t', 'secure', '-C', '1', '-W', '30'], 'tls-sub');
    const pub = await mqtk(['pub', ...conn, '-t', 'secure', '-m', 'over tls', '-q', '1']);
    expect(pub.stderr).toBe('');
    expect(pub.status).toBe(0);
    expect((await sub.done).stdout.toString()).toBe('over tls\n');
  });

  it('fails verification against the wrong CA: "Error: A TLS error occurred", status 8 (MOSQ_ERR_TLS)', async () => {
    const args = ['-h', '127.0.0.1', '-p', String(broker.port), '--cafile', tls.otherCa, '-t', 'x', '-m', 'x'];
    const ours = await mqtk(['pub', ...args]);
    const theirs = await runCommand('mosquitto_pub', args);
    // mosquitto_pub says either of these, depending on whether the handshake fails inside
    // mosquitto_connect() (status 1) or in the network loop (status 8); mqtk always says 8.
    expect([
      [8, 'Error: A TLS error occurred.\n'],
      [1, 'Unable to connect (A TLS error occurred.).\n'],
    ]).toContainEqual([theirs.status, theirs.stderr]);
    expect([ours.status, ours.stderr]).toEqual([8, expect.stringMatching(/^Error: A TLS error occurred/)]);
    expect(ours.stderr).toMatch(/^Error: A TLS error occurred/);
  });

  it('checks the host name, and --insecure skips only that check', async () => {
    const wrongName = await startMosquitto({ config: [`cafile ${tls.ca}`, `certfile ${tls.wrongNameCert}`, `keyfile ${tls.wrongNameKey}`] });
    try {
      const args = ['-h', '127.0.0.1', '-p', String(wrongName.port), '--cafile', tls.ca, '-t', 'x', '-m', 'x'];
      const strict = await mqtk(['pub', ...args]);
      expect(strict.status).toBe(8);
      expect(strict.stderr).toMatch(/^Error: A TLS error occurred/);
      const insecure = await mqtk(['pub', ...args, '--insecure']);
      expect(insecure.stderr).toBe('');
      expect(insecure.status).toBe(0);
      // The chain is still verified with --insecure (mosquitto 2.0 semantics).
      const otherCa = await mqtk(['pub', ...args.map((a) => (a === tls.ca ? tls.otherCa : a)), '--insecure']);
      expect(otherCa.status).toBe(8);
    } finally {
      await wrongName.stop();
    }
  });

  it('presents a client certificate (--cert/--key) when the broker requires one', async () => {
    const base = ['-h', '127.0.0.1', '-p', String(mutual.port), '--cafile', tls.ca, '-t', 'x', '-m', 'x'];
    const without = await mqtk(['pub', ...base]);
    expect(without.status).not.toBe(0);
    const withCert = await mqtk(['pub', ...base, '--cert', tls.clientCert, '--key', tls.clientKey]);
    expect(withCert.stderr).toBe('');
    expect(withCert.status).toBe(0);
  });

  it('reports a missing --cafile', async () => {
    const r = await mqtk(['pub', '-h', '127.0.0.1', '-p', String(broker.port), '--cafile', '/nonexistent', '-t', 'x', '-m', 'x']);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/^Error: A TLS error occurred: Problem setting TLS options: File not found/);
  });
});

describe.skipIf(skipWithoutMosquitto())('unix sockets', () => {
  let broker: Mosquitto;
  let path: string;
  beforeAll(async () => {
    path = join(mkdtempSync(join(tmpdir(), 'mqtk-unix-')), 'mqtt.sock');
    broker = await startMosquitto({ config: [`listener 0 ${path}`] });
  });
  afterAll(async () => {
    await broker?.stop();
  });

  it('publishes and subscribes over --unix', async () => {
    const sub = await startSubscriber(broker, MQTK, ['sub', '--unix', path, '-t', 'u', '-C', '1', '-W', '30'], 'unix-sub');
    const pub = await mqtk(['pub', '--unix', path, '-t', 'u', '-m', 'via unix socket']);
    expect(pub.status).toBe(0);
    expect((await sub.done).stdout.toString()).toBe('via unix socket\n');
  });
});

describe.skipIf(skipWithoutMosquitto())('WebSockets', () => {
  let broker: Mosquitto;
  let http: Server;
  let wsPort: number;
  const subprotocols: string[] = [];
  const paths: string[] = [];
  beforeAll(async () => {
    broker = await startMosquitto();
    http = createHttpServer();
    const wss = new WebSocketServer({ server: http, handleProtocols: (protocols) => (protocols.has('mqtt') ? 'mqtt' : false) });
    wss.on('connection', (ws, req) => {
      subprotocols.push(ws.protocol);
      paths.push(req.url ?? '');
      const tcp = connect(broker.port, '127.0.0.1');
      ws.on('message', (data: Buffer) => tcp.write(data));
      tcp.on('data', (data) => ws.send(data));
      ws.on('close', () => tcp.end());
      tcp.on('close', () => ws.close());
    });
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    wsPort = (http.address() as { port: number }).port;
  });
  afterAll(async () => {
    http?.closeAllConnections();
    http?.close();
    await broker?.stop();
  });

  it('publishes over ws:// (-L) with the "mqtt" subprotocol and the /mqtt path', async () => {
    const sub = await startSubscriber(broker, 'mosquitto_sub', ['-h', '127.0.0.1', '-p', String(broker.port), '-t', 'ws/t', '-C', '1', '-W', '30'], 'ws-watch');
    const pub = await mqtk(['pub', '-L', `ws://127.0.0.1:${wsPort}/ws/t`, '-m', 'over websocket', '-q', '1']);
    expect(pub.stderr).toBe('');
    expect(pub.status).toBe(0);
    expect((await sub.done).stdout.toString()).toBe('over websocket\n');
    expect(subprotocols.at(-1)).toBe('mqtt');
    expect(paths.at(-1)).toBe('/mqtt');
  });

  it('subscribes over ws:// with a custom --ws-path', async () => {
    const sub = await startSubscriber(broker, MQTK, ['sub', '-L', `ws://127.0.0.1:${wsPort}/ws/s`, '--ws-path', '/custom', '-C', '1', '-W', '30'], 'ws-sub');
    await runCommand('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(broker.port), '-t', 'ws/s', '-m', 'back over ws']);
    expect((await sub.done).stdout.toString()).toBe('back over ws\n');
    expect(paths.at(-1)).toBe('/custom');
  });
});

describe.skipIf(skipWithoutMosquitto())('SOCKS5 proxy (--proxy)', () => {
  let broker: Mosquitto;
  beforeAll(async () => {
    broker = await startMosquitto();
  });
  afterAll(async () => {
    await broker?.stop();
  });

  it('publishes through the proxy, which resolves the broker name (socks5h), as mosquitto_pub does', async () => {
    const proxy = await startSocksServer();
    try {
      const args = ['-h', 'localhost', '-p', String(broker.port), '--proxy', `socks5h://127.0.0.1:${proxy.port}`, '-t', 'via/proxy'];
      const sub = await startSubscriber(broker, 'mosquitto_sub', ['-h', '127.0.0.1', '-p', String(broker.port), '-t', 'via/#', '-C', '2', '-v', '-W', '30'], 'proxy-watch');
      expect((await mqtk(['pub', ...args, '-m', 'mqtk'])).status).toBe(0);
      expect((await runCommand('mosquitto_pub', [...args, '-m', 'mosquitto'])).status).toBe(0);
      expect((await sub.done).stdout.toString()).toBe('via/proxy mqtk\nvia/proxy mosquitto\n');
      // Both asked the proxy for the name, not an address.
      expect(proxy.requests).toEqual([
        { host: 'localhost', port: broker.port },
        { host: 'localhost', port: broker.port },
      ]);
    } finally {
      await proxy.close();
    }
  });

  it('authenticates with the user name and password from the URL, %-decoded', async () => {
    const proxy = await startSocksServer({ user: 'al:ice', pass: 'p@ss' });
    try {
      const base = ['-h', '127.0.0.1', '-p', String(broker.port), '-t', 'x', '-m', 'x'];
      const ok = await mqtk(['pub', ...base, '--proxy', `socks5h://al%3Aice:p%40ss@127.0.0.1:${proxy.port}`]);
      expect(ok.stderr).toBe('');
      expect(ok.status).toBe(0);
      expect(proxy.requests[0]).toMatchObject({ user: 'al:ice' });
      const bad = await mqtk(['pub', ...base, '--proxy', `socks5h://al%3Aice:wrong@127.0.0.1:${proxy.port}`]);
      expect(bad.status).toBe(1);
      expect(bad.stderr).toMatch(/Proxy error: authentication failed/);
    } finally {
      await proxy.close();
    }
  });

  it('refuses other proxy schemes with mosquitto\'s message', async () => {
    const r = await mqtk(['pub', '-t', 'x', '-m', 'x', '--proxy', 'http://x']);
    expect(r.stderr.split('\n')[0]).toBe('Error: Unsupported proxy protocol: http://x');
    expect(r.status).toBe(1);
  });
});
