// A minimal SOCKS5 server (RFC 1928, with RFC 1929 username/password) for proxy tests.
// It records what each client asked for.
import { connect, createServer, type Server, type Socket } from 'node:net';

export interface SocksServer {
  port: number;
  requests: Array<{ host: string; port: number; user?: string }>;
  close(): Promise<void>;
}

export async function startSocksServer(auth?: { user: string; pass: string }): Promise<SocksServer> {
  const requests: SocksServer['requests'] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    sockets.add(client);
    client.on('error', () => {});
    let buf = Buffer.alloc(0);
    let stage: 'greeting' | 'auth' | 'request' | 'open' = 'greeting';
    let user: string | undefined;
    client.on('data', (d: Buffer) => {
      if (stage === 'open') return;
      buf = Buffer.concat([buf, d]);
      if (stage === 'greeting' && buf.length >= 2 && buf.length >= 2 + buf[1]!) {
        const methods = [...buf.subarray(2, 2 + buf[1]!)];
        buf = buf.subarray(2 + buf[1]!);
        const method = auth ? 2 : 0;
        if (!methods.includes(method)) {
          client.end(Buffer.from([5, 0xff]));
          return;
        }
        client.write(Buffer.from([5, method]));
        stage = auth ? 'auth' : 'request';
      }
      if (stage === 'auth' && buf.length >= 2) {
        const ulen = buf[1]!;
        if (buf.length < 3 + ulen || buf.length < 3 + ulen + buf[2 + ulen]!) return;
        user = buf.subarray(2, 2 + ulen).toString();
        const plen = buf[2 + ulen]!;
        const pass = buf.subarray(3 + ulen, 3 + ulen + plen).toString();
        buf = buf.subarray(3 + ulen + plen);
        const ok = user === auth!.user && pass === auth!.pass;
        client.write(Buffer.from([1, ok ? 0 : 1]));
        if (!ok) return void client.end();
        stage = 'request';
      }
      if (stage === 'request' && buf.length >= 5) {
        const atyp = buf[3]!;
        const alen = atyp === 1 ? 4 : atyp === 4 ? 16 : 1 + buf[4]!;
        if (buf.length < 4 + alen + 2) return;
        const host = atyp === 1 ? [...buf.subarray(4, 8)].join('.') : atyp === 3 ? buf.subarray(5, 5 + buf[4]!).toString() : 'ipv6';
        const port = buf.readUInt16BE(4 + alen);
        const rest = buf.subarray(4 + alen + 2);
        requests.push({ host, port, ...(user !== undefined ? { user } : {}) });
        stage = 'open';
        const upstream = connect(port, host === 'localhost' ? '127.0.0.1' : host);
        sockets.add(upstream);
        upstream.on('error', () => client.end(Buffer.from([5, 5, 0, 1, 0, 0, 0, 0, 0, 0])));
        upstream.on('connect', () => {
          client.write(Buffer.from([5, 0, 0, 1, 127, 0, 0, 1, 0, 0]));
          if (rest.length) upstream.write(rest);
          client.pipe(upstream).pipe(client);
        });
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as { port: number }).port,
    requests,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}
