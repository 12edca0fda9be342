// --proxy socks5h://[user[:pass]@]host[:port], as mosquitto's clients take it: port
// 1080 by default, %25 %3A %40 decoded in the user name and password, IPv6 in [].
import type { SocksProxy } from '../client/socks.js';
import { UsageError } from '../errors.js';
import { splitUserinfo } from './url.js';

const ESCAPES: Record<string, string> = { '25': '%', '3a': ':', '40': '@' };
/** One pass, so "%253A" stays "%3A". */
const decode = (s: string): string => s.replace(/%(25|3a|40)/gi, (_m, hex: string) => ESCAPES[hex.toLowerCase()]!);

export function parseProxyUrl(url: string): SocksProxy {
  if (!url.startsWith('socks5h://')) throw new UsageError(`Unsupported proxy protocol: ${url}`);
  const cred = splitUserinfo(url.slice('socks5h://'.length).replace(/\/$/, ''));
  const username = cred.username !== undefined ? decode(cred.username) : undefined;
  const password = cred.password !== undefined ? decode(cred.password) : undefined;
  let port = 1080;
  const m = /^\[([^\]]+)\](?::(\d+))?$/.exec(cred.host) ?? /^([^:]+)(?::(\d+))?$/.exec(cred.host);
  if (!m) throw new UsageError(`Invalid proxy URL: ${url}`);
  const host = m[1]!;
  if (m[2] !== undefined) {
    port = Number(m[2]);
    if (port < 1 || port > 65535) throw new UsageError(`Invalid proxy port: ${m[2]}`);
  }
  if (host === '') throw new UsageError(`Invalid proxy URL: ${url}`);
  return { host, port, ...(username !== undefined ? { username } : {}), ...(password !== undefined ? { password } : {}) };
}
