// Opens the byte stream to the broker: TCP, TLS, WebSocket (ws/wss, subprotocol
// "mqtt") or a unix socket. Everything after this works on a plain Duplex.
import { readdirSync, readFileSync } from 'node:fs';
import { connect as netConnect, type Socket } from 'node:net';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import type { ConnectionOptions } from 'node:tls';
import type { TlsConfig, TransportConfig } from './config.js';
import { ClientError } from './errors.js';

function classify(err: NodeJS.ErrnoException, tls: boolean): ClientError {
  switch (err.code) {
    case 'ECONNREFUSED':
      return new ClientError('refused', 'Connection refused', { cause: err });
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_FAIL':
    case 'EAI_NONAME':
      return new ClientError('lookup', 'Lookup error.', { cause: err });
    default:
      if (tls || (err.code ?? '').startsWith('ERR_TLS') || (err.code ?? '').startsWith('ERR_SSL') || /certificate|SSL|TLS/i.test(err.message))
        return new ClientError('tls', err.message, { cause: err });
      return new ClientError('network', err.message, { cause: err });
  }
}

function readTlsFile(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch {
    throw new ClientError('tls', `Problem setting TLS options: File not found: ${path}`);
  }
}

/** CA certificates from --cafile and every PEM file in --capath; undefined means the system store. */
function trustedCas(cfg: TlsConfig): Buffer[] | undefined {
  if (!cfg.caFile && !cfg.caPath) return undefined;
  const cas: Buffer[] = [];
  if (cfg.caFile) cas.push(readTlsFile(cfg.caFile));
  if (cfg.caPath) {
    let names: string[];
    try {
      names = readdirSync(cfg.caPath);
    } catch {
      throw new ClientError('tls', `Problem setting TLS options: Directory not found: ${cfg.caPath}`);
    }
    for (const name of names) {
      const buf = readFileSync(join(cfg.caPath, name), { flag: 'r' });
      if (buf.includes('-----BEGIN CERTIFICATE-----')) cas.push(buf);
    }
  }
  return cas;
}

function tlsOptions(cfg: TlsConfig, host: string): ConnectionOptions {
  const opts: ConnectionOptions = {
    ca: trustedCas(cfg),
    cert: cfg.certFile ? readTlsFile(cfg.certFile) : undefined,
    key: cfg.keyFile ? readTlsFile(cfg.keyFile) : undefined,
    minVersion: cfg.minVersion,
    maxVersion: cfg.maxVersion,
    ciphers: cfg.ciphers,
    ALPNProtocols: cfg.alpn,
    // SNI only for names, never for IP literals (RFC 6066 §3).
    servername: cfg.servername ?? (/^[\d.]+$|:/.test(host) ? undefined : host),
  };
  if (cfg.insecure) {
    // --insecure skips the host name check but still verifies the chain (mosquitto 2.0).
    opts.checkServerIdentity = () => undefined;
  }
  if (cfg.psk) {
    const psk = cfg.psk;
    opts.pskCallback = () => ({ identity: psk.identity, psk: psk.key });
    opts.ciphers = cfg.ciphers ?? 'PSK';
    // PSK in Node needs TLS 1.2 (1.3 PSK resumption is not exposed).
    opts.maxVersion = 'TLSv1.2';
  }
  return opts;
}

/**
 * The addresses to try for a host. "localhost" (mosquitto's default) is tried as
 * 127.0.0.1 then ::1 without a lookup: handing net.connect the name costs ~10 ms at
 * every start (Node compiles its IPv6 address regex to classify it).
 */
function candidates(host: string): string[] {
  return host === 'localhost' ? ['127.0.0.1', '::1'] : [host];
}

/** Opens the transport; resolves once bytes can flow (TLS handshake done, WebSocket open). */
export async function openTransport(cfg: TransportConfig, timeoutMs: number): Promise<Duplex> {
  if (cfg.kind === 'ws') return openWebSocket(cfg.url, cfg.tls, timeoutMs);
  if (cfg.kind === 'unix') return connectSocket(() => netConnect({ path: cfg.path }), false, timeoutMs);
  const tlsConnect = cfg.tls ? (await import('node:tls')).connect : undefined;
  if (cfg.proxy) {
    const { connectViaSocks } = await import('./socks.js');
    const tunnel = await connectViaSocks(cfg.proxy, cfg.host, cfg.port, timeoutMs);
    if (!tlsConnect || !cfg.tls) return tunnel;
    const tls = cfg.tls;
    return connectSocket(() => tlsConnect({ socket: tunnel, ...tlsOptions(tls, cfg.host) }), true, timeoutMs);
  }
  const addresses = candidates(cfg.host);
  let firstError: unknown;
  for (const address of addresses) {
    const open = (): Socket =>
      tlsConnect && cfg.tls
        ? // tls.connect passes localAddress on to net.connect; its types just do not list it.
          tlsConnect({ host: address, port: cfg.port, localAddress: cfg.localAddress, ...tlsOptions(cfg.tls, cfg.host) } as ConnectionOptions)
        : netConnect({ host: address, port: cfg.port, localAddress: cfg.localAddress });
    try {
      return await connectSocket(open, tlsConnect !== undefined, timeoutMs);
    } catch (err) {
      // Like libmosquitto walking getaddrinfo's list: a refused address is not the end.
      firstError ??= err;
      if (!(err instanceof ClientError && (err.kind === 'refused' || err.kind === 'network'))) throw err;
    }
  }
  throw firstError;
}

function connectSocket(open: () => Socket, isTls: boolean, timeoutMs: number): Promise<Duplex> {
  const socket = open();
  socket.setNoDelay(true);
  const ready = isTls ? 'secureConnect' : 'connect';
  return new Promise<Duplex>((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new ClientError('timeout', 'Timed out while connecting.'));
    }, timeoutMs);
    const onError = (err: NodeJS.ErrnoException): void => {
      clearTimeout(timer);
      reject(classify(err, isTls));
    };
    socket.once(ready, () => {
      clearTimeout(timer);
      socket.off('error', onError);
      resolve(socket);
    });
    socket.once('error', onError);
  });
}

async function openWebSocket(url: string, tls: TlsConfig | undefined, timeoutMs: number): Promise<Duplex> {
  const { WebSocket, createWebSocketStream } = await import('ws');
  const host = new URL(url).hostname;
  const ws = new WebSocket(url, ['mqtt'], {
    handshakeTimeout: timeoutMs,
    ...(tls ? tlsOptions(tls, host) : {}),
  });
  return new Promise<Duplex>((resolve, reject) => {
    ws.once('open', () => {
      ws.off('error', onError);
      resolve(createWebSocketStream(ws));
    });
    const onError = (err: NodeJS.ErrnoException): void => reject(classify(err, url.startsWith('wss:')));
    ws.once('error', onError);
    ws.once('unexpected-response', (_req, res) => {
      reject(new ClientError('network', `WebSocket upgrade refused: HTTP ${res.statusCode}`));
    });
  });
}
