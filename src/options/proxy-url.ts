// --proxy socks5h://[user[:pass]@]host[:port], as mosquitto's clients take it: port
// 1080 by default, %25 %3A %40 decoded in the user name and password, IPv6 in [].
import type { SocksProxy } from '../client/socks.js';
import { UsageError } from '../errors.js';

const decode = (s: string): string => s.replace(/%25/g, '%').replace(/%3A/gi, ':').replace(/%40/g, '@');

export function parseProxyUrl(url: string): SocksProxy {
  if (!url.startsWith('socks5h://')) throw new UsageError(`Unsupported proxy protocol: ${url}`);
  let rest = url.slice('socks5h://'.length).replace(/\/$/, '');
  let username: string | undefined;
  let password: string | undefined;
  const at = rest.lastIndexOf('@');
  if (at >= 0) {
    const cred = rest.slice(0, at);
    rest = rest.slice(at + 1);
    const colon = cred.indexOf(':');
    username = decode(colon >= 0 ? cred.slice(0, colon) : cred);
    if (colon >= 0) password = decode(cred.slice(colon + 1));
  }
  let host = rest;
  let port = 1080;
  const m = /^\[([^\]]+)\](?::(\d+))?$/.exec(rest) ?? /^([^:]+)(?::(\d+))?$/.exec(rest);
  if (!m) throw new UsageError(`Invalid proxy URL: ${url}`);
  host = m[1]!;
  if (m[2] !== undefined) {
    port = Number(m[2]);
    if (port < 1 || port > 65535) throw new UsageError(`Invalid proxy port: ${m[2]}`);
  }
  if (host === '') throw new UsageError(`Invalid proxy URL: ${url}`);
  return { host, port, ...(username !== undefined ? { username } : {}), ...(password !== undefined ? { password } : {}) };
}
