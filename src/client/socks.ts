// SOCKS5 (RFC 1928) with username/password authentication (RFC 1929), for mosquitto's
// --proxy socks5h://[user[:pass]@]host[:port]. The proxy resolves the broker's name
// ("socks5h"), so we send it as a domain name.
import { connect, type Socket } from 'node:net';
import { isIP } from 'node:net';
import { ClientError } from './errors.js';

export interface SocksProxy {
  host: string;
  port: number;
  username?: string;
  password?: string;
}

const REPLIES: Record<number, string> = {
  1: 'general SOCKS server failure',
  2: 'connection not allowed by ruleset',
  3: 'network unreachable',
  4: 'host unreachable',
  5: 'connection refused',
  6: 'TTL expired',
  7: 'command not supported',
  8: 'address type not supported',
};

/** Reads exactly n bytes from the socket during the handshake. */
function reader(socket: Socket): (n: number) => Promise<Buffer> {
  let buffered = Buffer.alloc(0);
  let want: { n: number; resolve: (b: Buffer) => void; reject: (e: Error) => void } | undefined;
  const pump = (): void => {
    if (want && buffered.length >= want.n) {
      const out = buffered.subarray(0, want.n);
      buffered = buffered.subarray(want.n);
      const w = want;
      want = undefined;
      w.resolve(out);
    }
  };
  socket.on('data', (d: Buffer) => {
    buffered = Buffer.concat([buffered, d]);
    pump();
  });
  const fail = (err: Error): void => want?.reject(err);
  socket.once('error', fail);
  socket.once('close', () => fail(new ClientError('network', 'Proxy closed the connection during the SOCKS handshake')));
  return (n) =>
    new Promise((resolve, reject) => {
      want = { n, resolve, reject };
      pump();
    });
}

function proxyError(message: string): ClientError {
  return new ClientError('network', `Proxy error: ${message}`);
}

/**
 * Connects to the proxy and asks it for a TCP stream to host:port. `timeoutMs` covers the
 * whole handshake: a proxy that goes silent must not hang the client.
 */
export async function connectViaSocks(proxy: SocksProxy, host: string, port: number, timeoutMs: number): Promise<Socket> {
  const socket = connect({ host: proxy.host, port: proxy.port });
  const timer = setTimeout(() => socket.destroy(new ClientError('timeout', 'Timed out while connecting.')), timeoutMs);
  try {
    await handshake(socket, proxy, host, port);
    return socket;
  } catch (err) {
    socket.destroy();
    throw err;
  } finally {
    clearTimeout(timer);
  }
}

async function handshake(socket: Socket, proxy: SocksProxy, host: string, port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', (err: NodeJS.ErrnoException) => {
      if (err instanceof ClientError) reject(err);
      else if (err.code === 'ECONNREFUSED') reject(new ClientError('refused', 'Connection refused', { cause: err }));
      else reject(new ClientError('network', err.message, { cause: err }));
    });
  });
  const read = reader(socket);
  const auth = proxy.username !== undefined;
  // Greeting: version 5, methods: no authentication (0), or username/password (2).
  socket.write(Buffer.from(auth ? [5, 1, 2] : [5, 1, 0]));
  const [version, method] = await read(2);
  if (version !== 5) throw proxyError('not a SOCKS5 proxy');
  if (method === 0xff) throw proxyError('no acceptable authentication method');
  if (method === 2) {
    const user = Buffer.from(proxy.username ?? '', 'utf8');
    const pass = Buffer.from(proxy.password ?? '', 'utf8');
    if (user.length > 255 || pass.length > 255) throw proxyError('user name or password longer than 255 bytes');
    socket.write(Buffer.concat([Buffer.from([1, user.length]), user, Buffer.from([pass.length]), pass]));
    const [, status] = await read(2);
    if (status !== 0) throw proxyError('authentication failed');
  } else if (method !== 0) {
    throw proxyError(`unsupported authentication method ${method}`);
  }
  // CONNECT request: IPv4, IPv6 or a domain name the proxy resolves.
  const family = isIP(host);
  let address: Buffer;
  if (family === 4) address = Buffer.from([1, ...host.split('.').map(Number)]);
  else if (family === 6) address = Buffer.concat([Buffer.from([4]), ipv6Bytes(host)]);
  else {
    const name = Buffer.from(host, 'utf8');
    address = Buffer.concat([Buffer.from([3, name.length]), name]);
  }
  const portBytes = Buffer.from([port >> 8, port & 0xff]);
  socket.write(Buffer.concat([Buffer.from([5, 1, 0]), address, portBytes]));
  const [, reply, , atyp] = await read(4);
  if (reply !== 0) {
    if (reply === 5) throw new ClientError('refused', 'Connection refused');
    throw proxyError(REPLIES[reply ?? 1] ?? `reply ${reply}`);
  }
  // Skip the bound address the proxy reports.
  const len = atyp === 1 ? 4 : atyp === 4 ? 16 : (await read(1))[0]!;
  await read(len + 2);
  socket.removeAllListeners('data');
  socket.removeAllListeners('error');
  socket.removeAllListeners('close');
}

function ipv6Bytes(host: string): Buffer {
  const [head, tail] = host.split('::');
  const parse = (s: string | undefined): number[] => (s ? s.split(':').map((h) => parseInt(h, 16)) : []);
  const h = parse(head);
  const t = parse(tail);
  const groups = tail === undefined ? h : [...h, ...new Array<number>(8 - h.length - t.length).fill(0), ...t];
  const out = Buffer.alloc(16);
  groups.forEach((g, i) => out.writeUInt16BE(g, i * 2));
  return out;
}
