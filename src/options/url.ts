// -L / --url: mqtt://[user[:pass]@]host[:port]/topic (also mqtts, and ws/wss as mosquitto
// 2.1 has them). Like mosquitto, no %-decoding of user or password, and the topic is
// everything after the first '/' after the host.
import { UsageError } from '../errors.js';
import { parsePort } from './numbers.js';

export interface ParsedUrl {
  host: string;
  port?: number;
  username?: string;
  password?: string;
  topic: string;
  tls: boolean;
  websocket: boolean;
}

const SCHEMES: Record<string, { tls: boolean; websocket: boolean; port: number }> = {
  'mqtt://': { tls: false, websocket: false, port: 1883 },
  'mqtts://': { tls: true, websocket: false, port: 8883 },
  // The URL standard's ports (mosquitto 2.1's man page says so too; its code uses 1883/8883).
  'ws://': { tls: false, websocket: true, port: 80 },
  'wss://': { tls: true, websocket: true, port: 443 },
};

export function parseUrl(url: string): ParsedUrl {
  const prefix = Object.keys(SCHEMES).find((s) => url.toLowerCase().startsWith(s));
  if (!prefix) throw new UsageError('unsupported URL scheme.');
  const scheme = SCHEMES[prefix]!;
  const rest = url.slice(prefix.length);
  const slash = rest.indexOf('/');
  if (slash < 0) throw new UsageError('Invalid URL for -L argument specified - topic missing.');
  const { host: authority, username, password } = splitUserinfo(rest.slice(0, slash));
  const topic = rest.slice(slash + 1);
  let host = authority;
  let port = scheme.port;
  const colon = authority.indexOf(':');
  if (colon >= 0) {
    host = authority.slice(0, colon);
    const p = authority.slice(colon + 1);
    // Digits only: a URL port has no sign.
    if (!/^\d+$/.test(p)) throw new UsageError(`Invalid port given: ${p}`);
    port = parsePort(p);
  }
  if (host === '') throw new UsageError('Invalid URL for -L argument specified - host missing.');
  return { host, port, topic, tls: scheme.tls, websocket: scheme.websocket, ...(username !== undefined ? { username } : {}), ...(password !== undefined ? { password } : {}) };
}

/** `[user[:pass]@]rest`: the last '@' ends the credentials, the first ':' splits them. */
export function splitUserinfo(authority: string): { host: string; username?: string; password?: string } {
  const at = authority.lastIndexOf('@');
  if (at < 0) return { host: authority };
  const cred = authority.slice(0, at);
  const colon = cred.indexOf(':');
  return {
    host: authority.slice(at + 1),
    username: colon >= 0 ? cred.slice(0, colon) : cred,
    ...(colon >= 0 ? { password: cred.slice(colon + 1) } : {}),
  };
}
