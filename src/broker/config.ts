// The mosquitto.conf subset `mqtk serve -c FILE` reads. Pure: text in, configuration
// out. `listener PORT [ADDRESS]` starts a listener; `protocol`, `certfile`, `keyfile`,
// `cafile` and `require_certificate` apply to the latest one, and with
// `per_listener_settings true` so do `allow_anonymous`, `password_file` and `acl_file`.
// `connection NAME` starts a bridge; bridge directives apply to the latest bridge
// (config-bridge.ts). The file fails closed: an unknown directive, one mqtk does not
// implement (unless ignoring it cannot weaken security, see config-directives.ts) or a
// bad value stops the broker with one line naming file:line, exit status 3 as in mosquitto.
import { applyBridgeDirective, BridgeConfigError, checkBridges, newBridge } from './config-bridge.js';
import { refuseDirective } from './config-directives.js';
import type { BridgeConfig, BrokerConfig, ListenerConfig, SecurityConfig } from './options.js';

export class ConfigError extends Error {
  /** The exit status mosquitto uses for this kind of mistake (3: the configuration). */
  readonly code: number;
  constructor(message: string, code = 3) {
    super(message);
    this.name = 'ConfigError';
    this.code = code;
  }
}

/** mosquitto's log_type values; `all` and `none` are shorthands. */
export const LOG_TYPES = ['debug', 'error', 'warning', 'notice', 'information', 'subscribe', 'unsubscribe', 'websockets'] as const;
export type LogType = (typeof LOG_TYPES)[number];

export interface ParsedConfig {
  config: Partial<BrokerConfig>;
  /** Whether the file declared listeners (then allow_anonymous defaults to false, as in mosquitto 2). */
  hasListeners: boolean;
  /** `per_listener_settings true`: each listener has its own security settings. */
  perListenerSettings: boolean;
  /** log_type lines, merged; undefined when the file has none (mosquitto's default then). */
  logTypes: Set<LogType> | undefined;
  /** connection_messages (default true). */
  connectionMessages: boolean | undefined;
}

/** mosquitto's durations: a number and a unit, h(ours), d(ays), w(eeks), m(onths), y(ears); in seconds. */
export function parseDuration(value: string, where: string): number {
  const m = /^(\d+)([hdwmy])$/.exec(value);
  if (!m) throw new ConfigError(`${where}: '${value}' is not a duration (a number and h, d, w, m or y, e.g. 14d)`);
  const unit = { h: 3600, d: 86400, w: 7 * 86400, m: 30 * 86400, y: 365 * 86400 }[m[2] as 'h' | 'd' | 'w' | 'm' | 'y'];
  return Number(m[1]) * unit;
}

const GLOBAL_NUMBERS: Record<string, keyof BrokerConfig> = {
  max_inflight_messages: 'maxInflightMessages',
  max_queued_messages: 'maxQueuedMessages',
  max_queued_bytes: 'maxQueuedBytes',
  message_size_limit: 'messageSizeLimit',
  max_packet_size: 'maxPacketSize',
  max_connect_packet_size: 'maxConnectPacketSize',
  max_keepalive: 'maxKeepalive',
  sys_interval: 'sysInterval',
  max_connections: 'maxConnections',
  max_topic_alias: 'maxTopicAlias',
  max_topic_levels: 'maxTopicLevels',
};

const LIMITS: Partial<Record<keyof BrokerConfig, [number, number]>> = {
  maxInflightMessages: [0, 65535],
  maxKeepalive: [0, 65535],
  maxTopicAlias: [0, 65535],
  maxConnections: [-1, 2 ** 31 - 1],
};

function parseNumber(value: string, where: string, [min, max]: [number, number] = [0, 2 ** 32 - 1]): number {
  if (!/^-?\d+$/.test(value)) throw new ConfigError(`${where}: '${value}' is not a number`);
  const n = Number(value);
  if (n < min || n > max) throw new ConfigError(`${where}: ${n} is out of range (${min}-${max})`);
  return n;
}

function parseBool(value: string, where: string): boolean {
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new ConfigError(`${where}: '${value}' is not true or false`);
}

/** The bridge section's errors (config-bridge.ts) as ConfigError. */
function bridgeSection<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof BridgeConfigError) throw new ConfigError(err.message);
    throw err;
  }
}

export function parseMosquittoConf(text: string, file = 'config'): ParsedConfig {
  const config: Partial<BrokerConfig> = {};
  let perListener = false;
  let securitySeen = false;
  let logTypes: Set<LogType> | undefined;
  let connectionMessages: boolean | undefined;
  const listeners: ListenerConfig[] = [];
  const bridges: BridgeConfig[] = [];
  let listener: ListenerConfig | undefined;
  let bridge: BridgeConfig | undefined;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '' || line.startsWith('#')) continue;
    const where = `${file}:${i + 1}`;
    const [key = '', ...args] = line.split(/\s+/);
    const value = args.join(' ');
    const needListener = (): ListenerConfig => {
      if (listener === undefined) throw new ConfigError(`${where}: '${key}' needs a listener line before it`);
      return listener;
    };
    const needValue = (): string => {
      if (value === '') throw new ConfigError(`${where}: '${key}' needs a value`);
      return value;
    };
    // Security settings go to the global scope, or with per_listener_settings to the latest listener.
    const security = (): SecurityConfig => {
      securitySeen = true;
      if (!perListener) return config;
      if (listener === undefined) throw new ConfigError(`${where}: with per_listener_settings true, '${key}' belongs after a listener line (a global one would apply to no listener)`);
      return (listener.security ??= {});
    };
    if (bridgeSection(() => applyBridgeDirective(bridge, key, args, where))) continue;
    // Own keys only: `in` would also match "constructor" or "toString".
    if (Object.hasOwn(GLOBAL_NUMBERS, key)) {
      const field = GLOBAL_NUMBERS[key]!;
      (config as Record<string, unknown>)[field] = parseNumber(needValue(), where, LIMITS[field]);
      continue;
    }
    switch (key) {
      case 'listener': {
        const port = parseNumber(args[0] ?? '', where, [0, 65535]);
        listener = { port, host: args[1], protocol: 'mqtt' };
        listeners.push(listener);
        break;
      }
      case 'port':
        listener = { port: parseNumber(needValue(), where, [0, 65535]), host: undefined, protocol: 'mqtt' };
        listeners.push(listener);
        break;
      case 'bind_address':
        needListener().host = needValue();
        break;
      case 'protocol':
        if (value !== 'mqtt' && value !== 'websockets') throw new ConfigError(`${where}: protocol must be mqtt or websockets`);
        needListener().protocol = value;
        break;
      case 'certfile':
      case 'keyfile':
      case 'cafile': {
        const l = needListener();
        l.tls ??= { certfile: '', keyfile: '', requireCertificate: false };
        if (key === 'certfile') l.tls.certfile = needValue();
        else if (key === 'keyfile') l.tls.keyfile = needValue();
        else l.tls.cafile = needValue();
        break;
      }
      case 'require_certificate': {
        const l = needListener();
        l.tls ??= { certfile: '', keyfile: '', requireCertificate: false };
        l.tls.requireCertificate = parseBool(needValue(), where);
        break;
      }
      case 'per_listener_settings':
        // As in mosquitto: it decides where every security setting goes, so it must come first.
        if (securitySeen) throw new ConfigError(`${where}: per_listener_settings must be set before any other security settings`);
        perListener = parseBool(needValue(), where);
        break;
      case 'allow_anonymous': security().allowAnonymous = parseBool(needValue(), where); break;
      case 'password_file': security().passwordFile = needValue(); break;
      case 'acl_file': security().aclFile = needValue(); break;
      case 'persistent_client_expiration': config.persistentClientExpiration = parseDuration(needValue(), where); break;
      case 'connection_messages': connectionMessages = parseBool(needValue(), where); break;
      case 'log_type': {
        const type = needValue();
        logTypes ??= new Set();
        if (type === 'none') logTypes.clear();
        else if (type === 'all') for (const t of LOG_TYPES) logTypes.add(t);
        else if ((LOG_TYPES as readonly string[]).includes(type)) logTypes.add(type as LogType);
        else throw new ConfigError(`${where}: log_type '${type}' is not one of ${LOG_TYPES.join(', ')}, all, none`);
        break;
      }
      case 'persistence': config.persistence = parseBool(needValue(), where); break;
      case 'persistence_location': config.persistenceLocation = needValue(); break;
      case 'retain_available': config.retainAvailable = parseBool(needValue(), where); break;
      case 'connection':
        bridge = newBridge(needValue());
        bridges.push(bridge);
        break;
      default: {
        const refused = refuseDirective(key, value);
        if (refused !== undefined) throw new ConfigError(`${where}: ${refused}.`);
      }
    }
  }
  for (const l of listeners) {
    // Each listener its own scope: one without settings gets the defaults, never the global ones.
    if (perListener) l.security ??= {};
    if (l.tls && (l.tls.certfile === '' || l.tls.keyfile === '')) {
      throw new ConfigError(`${file}: listener ${l.port} needs both certfile and keyfile for TLS`);
    }
  }
  if (listeners.length > 0) config.listeners = listeners;
  bridgeSection(() => checkBridges(bridges, file));
  if (bridges.length > 0) config.bridges = bridges;
  return { config, hasListeners: listeners.length > 0, perListenerSettings: perListener, logTypes, connectionMessages };
}
