// The bridge section of mosquitto.conf: `connection NAME` starts a bridge and the
// directives below apply to the latest one. Pure. mosquitto's bridge options that we do
// not implement are errors naming the line: a bridge that silently ignored e.g.
// `bridge_tls_version` or `local_username` would connect differently from what the file says.
import type { ProtocolVersion } from '../codec/types.js';
import type { BridgeAddress, BridgeConfig, BridgeTopic } from './options.js';

/** Thrown with "file:line: …" messages; config.ts turns it into its ConfigError. */
export class BridgeConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BridgeConfigError';
  }
}

const VERSIONS: Record<string, ProtocolVersion> = { mqttv31: 3, mqttv311: 4, mqttv50: 5 };

/** mosquitto bridge options that mqtk does not implement. */
const UNSUPPORTED = new Set([
  'bridge_bind_address', 'bridge_capath', 'bridge_identity', 'bridge_psk', 'bridge_tls_version', 'bridge_require_ocsp',
  'bridge_max_packet_size', 'bridge_max_topic_alias', 'bridge_outgoing_retain', 'bridge_receive_maximum',
  'bridge_session_expiry_interval', 'bridge_reload_type', 'local_username', 'local_password', 'notifications_local_only',
  'threshold',
]);

export function newBridge(name: string): BridgeConfig {
  return {
    name, addresses: [], roundRobin: false, topics: [], protocolVersion: 4, cleanSession: false, keepalive: 60,
    tryPrivate: true, notifications: true, attemptUnsubscribe: true, restartTimeout: [5, 30], idleTimeout: 60, insecure: false,
  };
}

function bool(value: string, where: string): boolean {
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new BridgeConfigError(`${where}: '${value}' is not true or false`);
}

function int(value: string, where: string, min: number, max: number): number {
  if (!/^\d+$/.test(value)) throw new BridgeConfigError(`${where}: '${value}' is not a number`);
  const n = Number(value);
  if (n < min || n > max) throw new BridgeConfigError(`${where}: ${n} is out of range (${min}-${max})`);
  return n;
}

function address(text: string, where: string): BridgeAddress {
  const m = /^\[?([^\]]+?)\]?(?::(\d+))?$/.exec(text);
  if (!m) throw new BridgeConfigError(`${where}: bad address '${text}'`);
  return { host: m[1]!, port: m[2] === undefined ? 1883 : int(m[2], where, 1, 65535) };
}

function topic(args: string[], where: string): BridgeTopic {
  const [pattern, direction = 'out', qos = '0', local = '', remote = ''] = args;
  if (pattern === undefined) throw new BridgeConfigError(`${where}: topic needs a pattern`);
  if (direction !== 'in' && direction !== 'out' && direction !== 'both') throw new BridgeConfigError(`${where}: direction must be in, out or both`);
  const clean = (s: string): string => (s === '""' ? '' : s);
  return { pattern: clean(pattern), direction, qos: int(qos, where, 0, 2) as 0 | 1 | 2, localPrefix: clean(local), remotePrefix: clean(remote) };
}

/**
 * Applies one bridge directive to the latest bridge (`bridge`). Returns false when `key`
 * is not a bridge directive (the caller handles it).
 */
export function applyBridgeDirective(bridge: BridgeConfig | undefined, key: string, args: string[], where: string): boolean {
  if (key !== 'address' && key !== 'addresses' && key !== 'topic' && !KEYS.has(key) && !UNSUPPORTED.has(key)) return false;
  if (UNSUPPORTED.has(key)) throw new BridgeConfigError(`${where}: bridge option '${key}' is not supported by mqtk serve`);
  if (bridge === undefined) throw new BridgeConfigError(`${where}: '${key}' needs a 'connection' line before it`);
  const value = args.join(' ');
  if (value === '') throw new BridgeConfigError(`${where}: '${key}' needs a value`);
  const b = bridge;
  switch (key) {
    case 'address':
    case 'addresses': b.addresses.push(...args.map((a) => address(a, where))); break;
    case 'topic': b.topics.push(topic(args, where)); break;
    case 'remote_clientid': b.clientId = value; break;
    case 'local_clientid': b.localClientId = value; break;
    case 'remote_username': b.username = value; break;
    case 'remote_password': b.password = value; break;
    case 'bridge_protocol_version': {
      const v = Object.hasOwn(VERSIONS, value) ? VERSIONS[value] : undefined;
      if (v === undefined) throw new BridgeConfigError(`${where}: bridge_protocol_version must be mqttv31, mqttv311 or mqttv50`);
      b.protocolVersion = v;
      break;
    }
    case 'cleansession': b.cleanSession = bool(value, where); break;
    case 'keepalive_interval': b.keepalive = int(value, where, 0, 65535); break;
    case 'try_private': b.tryPrivate = bool(value, where); break;
    case 'notifications': b.notifications = bool(value, where); break;
    case 'notification_topic': b.notificationTopic = value; break;
    case 'round_robin': b.roundRobin = bool(value, where); break;
    case 'bridge_attempt_unsubscribe': b.attemptUnsubscribe = bool(value, where); break;
    case 'restart_timeout': {
      // `restart_timeout N` waits N s between attempts; `restart_timeout BASE CAP` backs off from BASE to CAP.
      const [base, cap] = args.map((a) => int(a, where, 1, 86_400));
      if (args.length > 2 || (cap !== undefined && cap < base!)) throw new BridgeConfigError(`${where}: restart_timeout takes BASE [CAP] seconds, CAP ≥ BASE`);
      b.restartTimeout = [base!, cap ?? base!];
      break;
    }
    case 'idle_timeout': b.idleTimeout = int(value, where, 0, 2 ** 31 - 1); break;
    case 'start_type':
      // lazy and once start on a message threshold or stop for good: not implemented.
      if (value !== 'automatic') throw new BridgeConfigError(`${where}: start_type '${value}' is not supported by mqtk serve (only automatic)`);
      break;
    case 'bridge_insecure': b.insecure = bool(value, where); break;
    case 'bridge_alpn': b.alpn = value; break;
    case 'bridge_cafile': b.cafile = value; break;
    case 'bridge_certfile': b.certfile = value; break;
    case 'bridge_keyfile': b.keyfile = value; break;
  }
  return true;
}

const KEYS = new Set([
  'remote_clientid', 'local_clientid', 'remote_username', 'remote_password', 'bridge_protocol_version', 'cleansession',
  'keepalive_interval', 'try_private', 'notifications', 'notification_topic', 'round_robin', 'bridge_attempt_unsubscribe',
  'restart_timeout', 'idle_timeout', 'start_type', 'bridge_insecure', 'bridge_alpn', 'bridge_cafile', 'bridge_certfile', 'bridge_keyfile',
]);

/** After the file: every bridge needs somewhere to connect. */
export function checkBridges(bridges: readonly BridgeConfig[], file: string): void {
  for (const b of bridges) {
    if (b.addresses.length === 0) throw new BridgeConfigError(`${file}: bridge '${b.name}' has no address`);
  }
}
