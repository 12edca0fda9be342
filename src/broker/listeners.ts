// Network listeners: plain TCP, TLS (optionally requiring client certificates), and
// WebSockets (the `ws` library; subprotocol "mqtt", binary frames) over HTTP or HTTPS.
// Each accepted connection becomes a Duplex handed to the broker.
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createNetServer, type AddressInfo, type Server, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { createServer as createTlsServer, type TLSSocket, type TlsOptions } from 'node:tls';
import type { ConnectionMeta } from './connection.js';
import { readNamedBytes } from './files.js';
import { FRAMING_ALLOWANCE, LoginBound } from './login-bound.js';
import type { ListenerConfig } from './options.js';

export interface Listener {
  readonly config: ListenerConfig;
  address(): AddressInfo;
  close(): Promise<void>;
}

export type Accept = (stream: Duplex, meta: Omit<ConnectionMeta, 'security'>) => void;

/** Packet sizes the broker accepts, for transports that buffer before our framer sees a byte (WebSocket). */
export interface PacketLimits {
  /** The largest packet from a logged-in client. */
  largestPacket: number;
  /** The largest first packet (CONNECT) of a connection not logged in; 0 = no bound of its own. */
  firstPacket: number;
}

/**
 * ws buffers a whole message before handing it on, so a message may be no larger than
 * the largest packet we accept (ws's own default, 100 MiB, is unrelated to ours). A
 * message may carry several packets (§6): a small max_packet_size still leaves 1 MiB.
 */
const MIN_WS_MESSAGE = 1 << 20;

/** Node's default is 511. */
const LISTEN_BACKLOG = 4096;

export class ListenError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = 'ListenError';
  }
}

function tlsOptions(cfg: ListenerConfig): TlsOptions | undefined {
  const t = cfg.tls;
  if (t === undefined) return undefined;
  return {
    cert: readNamedBytes('certfile', t.certfile),
    key: readNamedBytes('keyfile', t.keyfile),
    ...(t.cafile !== undefined ? { ca: readNamedBytes('cafile', t.cafile) } : {}),
    requestCert: t.requireCertificate,
    rejectUnauthorized: t.requireCertificate,
  };
}

function peerCN(socket: Socket): string | undefined {
  const tls = socket as TLSSocket;
  if (typeof tls.getPeerCertificate !== 'function' || !tls.authorized) return undefined;
  const cn = tls.getPeerCertificate()?.subject?.CN;
  return typeof cn === 'string' ? cn : Array.isArray(cn) ? cn[0] : undefined;
}

function metaOf(socket: Socket, localPort: number): Omit<ConnectionMeta, 'security'> {
  const cn = peerCN(socket);
  return { address: `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? 0}`, localPort, ...(cn !== undefined ? { certificateCN: cn } : {}) };
}

function listen(server: Server | HttpServer, cfg: ListenerConfig): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException): void => {
      const where = `${cfg.host ?? '0.0.0.0'}:${cfg.port}`;
      const why = err.code === 'EADDRINUSE' ? 'address already in use' : err.code === 'EACCES' ? 'permission denied' : err.code === 'EADDRNOTAVAIL' ? 'address not available' : err.message;
      reject(new ListenError(`cannot listen on ${where}: ${why}`, err.code));
    };
    server.once('error', onError);
    // A deep accept queue (the kernel caps it at net.core.somaxconn): when many clients
    // connect at once (a flood of password guesses), an overflowing queue drops SYNs, and
    // a legitimate client then waits for TCP's retransmissions (1, 3, 7 ... s), not for us.
    server.listen({ port: cfg.port, host: cfg.host, backlog: LISTEN_BACKLOG }, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

function closeServer(server: Server | HttpServer): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

export async function openListener(cfg: ListenerConfig, limits: PacketLimits, accept: Accept): Promise<Listener> {
  const tls = tlsOptions(cfg);
  if (cfg.protocol === 'websockets') return openWebSocketListener(cfg, tls, limits, accept);
  let localPort = cfg.port;
  const onSocket = (socket: Socket): void => {
    socket.setNoDelay(true);
    accept(socket, metaOf(socket, localPort));
  };
  const server = tls ? createTlsServer(tls, onSocket) : createNetServer(onSocket);
  // A failed TLS handshake is the client's problem, not the listener's.
  server.on('tlsClientError', (_err: Error, socket: Socket) => socket.destroy());
  await listen(server, cfg);
  localPort = (server.address() as AddressInfo).port;
  return { config: cfg, address: () => server.address() as AddressInfo, close: () => closeServer(server) };
}

async function openWebSocketListener(cfg: ListenerConfig, tls: TlsOptions | undefined, limits: PacketLimits, accept: Accept): Promise<Listener> {
  const { WebSocketServer, createWebSocketStream } = await import('ws');
  const http = tls ? createHttpsServer(tls) : createHttpServer();
  const wss = new WebSocketServer({
    server: http,
    maxPayload: Math.max(limits.largestPacket, MIN_WS_MESSAGE),
    // MQTT over WebSocket uses the "mqtt" subprotocol [MQTT-6.0.0-3]; accept clients that offer none too.
    handleProtocols: (protocols: Set<string>) => (protocols.has('mqtt') ? 'mqtt' : protocols.has('mqttv3.1') ? 'mqttv3.1' : false),
  });
  let localPort = cfg.port;
  wss.on('connection', (ws, req) => {
    const stream = createWebSocketStream(ws);
    stream.on('error', () => stream.destroy());
    // Until login, the bytes ws reads for us are bounded as a TCP CONNECT is (login-bound.ts).
    const first = limits.firstPacket;
    const login = first > 0 ? new LoginBound(req.socket, first + FRAMING_ALLOWANCE, () => ws.isPaused, () => ws.terminate()) : undefined;
    accept(stream, { address: `${req.socket.remoteAddress ?? '?'}:${req.socket.remotePort ?? 0}`, localPort, ...(login !== undefined ? { login } : {}) });
  });
  await listen(http, cfg);
  localPort = (http.address() as AddressInfo).port;
  return {
    config: cfg,
    address: () => http.address() as AddressInfo,
    close: async () => {
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      await closeServer(http);
    },
  };
}
