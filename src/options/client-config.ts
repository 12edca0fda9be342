// Parsed connection options → the client engine's config. Pure; every cross-field
// check of mosquitto's client_shared.c lives here, with its messages.
import type { ClientConfig, TlsConfig, TransportConfig } from '../client/config.js';
import type { ConnectPacket, ProtocolVersion, QoS, Will } from '../codec/types.js';
import { UsageError } from '../errors.js';
import { lookup, parseIntStrict, parsePort, str } from './numbers.js';
import { toPropertySets, type PropertySets } from './properties.js';
import type { ParsedArgs, PropertyArg } from './spec.js';
import { parseProxyUrl } from './proxy-url.js';
import { checkTopicArg, type ArgText } from './topic-args.js';
import { parseUrl, type ParsedUrl } from './url.js';

export interface ConnectionSetup {
  client: ClientConfig;
  /** -D properties for the packets after CONNECT (publish, subscribe, ...). */
  properties: PropertySets;
  /** The topic part of -L, if given. */
  urlTopic?: string;
  /** -d: print mosquitto-style debug lines. */
  debug: boolean;
  quiet: boolean;
  /** Lines for stderr about options that have no effect (printed once, before connecting, unless --quiet). */
  warnings: string[];
}

export interface ConnectionDefaults {
  /** 4 (MQTT 3.1.1) for pub and sub, 5 for rr. */
  protocolVersion: ProtocolVersion;
  pid: number;
  /** Which argv values were not valid UTF-8 (term/argv-bytes.ts); default: none. */
  argText?: ArgText;
}

const WELL_FORMED: ArgText = { isMalformedUtf8: () => false };

const VERSIONS: Record<string, ProtocolVersion> = { '31': 3, mqttv31: 3, '311': 4, mqttv311: 4, '5': 5, mqttv5: 5 };

function parseVersion(text: string): ProtocolVersion {
  const v = lookup(VERSIONS, text.toLowerCase());
  if (v === undefined) throw new UsageError('Invalid protocol version argument given.');
  return v;
}

/** -x: seconds, or -1 / ∞ / 4294967295 for "never expires". */
function parseSessionExpiry(text: string): number {
  if (text === '∞' || text === '-1') return 0xffff_ffff;
  const n = parseIntStrict(text);
  if (n === undefined) throw new UsageError('session-expiry-interval not a number.');
  if (n < 0 || n > 0xffff_ffff) throw new UsageError('session-expiry-interval out of range.');
  return n;
}

const TLS_VERSIONS: Record<string, TlsConfig['minVersion']> = { 'tlsv1.3': 'TLSv1.3', 'tlsv1.2': 'TLSv1.2', 'tlsv1.1': 'TLSv1.1' };

function toTls(v: ParsedArgs['values'], url: ParsedUrl | undefined): TlsConfig | undefined {
  const cert = str(v.cert);
  const key = str(v.key);
  if ((cert === undefined) !== (key === undefined)) throw new UsageError('Both certfile and keyfile must be provided if one of them is set.');
  const psk = str(v.psk);
  const pskIdentity = str(v.pskIdentity);
  if (psk !== undefined && pskIdentity === undefined) throw new UsageError('--psk-identity required if --psk used.');
  if (psk !== undefined && (v.cafile || v.capath)) throw new UsageError('Only one of --psk or --cafile/--capath may be used at once.');
  if (psk !== undefined && !/^([0-9a-fA-F]{2})+$/.test(psk)) throw new UsageError('--psk must be a key in hex, without 0x.');
  if (v.tlsEngine !== undefined) throw new UsageError('OpenSSL engines (--tls-engine) are not supported by mqtk.');
  if (v.keyform !== undefined && str(v.keyform) !== 'pem') throw new UsageError("Only '--keyform pem' is supported by mqtk.");
  const version = str(v.tlsVersion);
  const pinned = version === undefined ? undefined : lookup(TLS_VERSIONS, version);
  if (version !== undefined && pinned === undefined) throw new UsageError(`Invalid TLS version '${version}': use tlsv1.3, tlsv1.2 or tlsv1.1.`);
  const wanted = v.cafile || v.capath || v.osCerts || cert || psk || url?.tls || v.insecure || version || v.alpn || v.ciphers;
  if (!wanted) return undefined;
  return {
    caFile: str(v.cafile),
    caPath: str(v.capath),
    certFile: cert,
    keyFile: key,
    insecure: v.insecure === true,
    ...(pinned ? { minVersion: pinned, maxVersion: pinned } : {}),
    ciphers: str(v.ciphers),
    alpn: v.alpn ? [str(v.alpn)!] : undefined,
    psk: psk !== undefined ? { identity: pskIdentity!, key: Buffer.from(psk, 'hex') } : undefined,
  };
}

function toWill(v: ParsedArgs['values'], properties: PropertySets, text: ArgText): Will | undefined {
  const topic = str(v.willTopic);
  if (topic === undefined) {
    if (v.willPayload !== undefined) throw new UsageError('Will payload given, but no will topic given.');
    if (v.willRetain) throw new UsageError('Will retain given, but no will topic given.');
    if (v.willQos !== undefined) throw new UsageError('Will QoS given, but no will topic given.');
    return undefined;
  }
  checkTopicArg(topic, 'will', '--will-topic', text);
  let qos: QoS = 0;
  if (v.willQos !== undefined) {
    const w = str(v.willQos)!;
    if (!/^[0-2]$/.test(w)) throw new UsageError(`Invalid will QoS ${w}.`);
    qos = Number(w) as QoS;
  }
  return {
    topic,
    payload: Buffer.from(str(v.willPayload) ?? '', 'utf8'),
    qos,
    retain: v.willRetain === true,
    ...(properties.will ? { properties: properties.will } : {}),
  };
}

/**
 * Options apply in the order given, as in mosquitto's parser: -L sets host, port (its
 * scheme's default when the URL has none) and, when the URL has them, user and password;
 * a -h, -p, -u or -P after it overrides that, one before it is overridden.
 */
function urlWins(args: ParsedArgs, url: ParsedUrl | undefined, key: string): ParsedUrl | undefined {
  return url !== undefined && args.seen.lastIndexOf('url') > args.seen.lastIndexOf(key) ? url : undefined;
}

function toTransport(args: ParsedArgs, url: ParsedUrl | undefined, tls: TlsConfig | undefined): TransportConfig {
  const v = args.values;
  const unix = str(v.unix);
  if (unix !== undefined) return { kind: 'unix', path: unix };
  const host = urlWins(args, url, 'host')?.host ?? str(v.host) ?? 'localhost';
  let port = tls && (tls.caFile || tls.caPath || tls.psk) ? 8883 : 1883;
  const urlPort = urlWins(args, url, 'port')?.port;
  if (urlPort !== undefined) port = urlPort;
  else if (v.port !== undefined) port = parsePort(str(v.port)!);
  if (url?.websocket) {
    const scheme = url.tls ? 'wss' : 'ws';
    return { kind: 'ws', url: `${scheme}://${host.includes(':') ? `[${host}]` : host}:${port}${str(v.wsPath) ?? '/mqtt'}`, tls };
  }
  // mosquitto: -p 8883 with no other TLS option means TLS with the system's CAs.
  const useTls = tls ?? (port === 8883 ? {} : undefined);
  const proxy = v.proxy !== undefined ? parseProxyUrl(str(v.proxy)!) : undefined;
  return { kind: 'tcp', host, port, localAddress: str(v.bindAddress), ...(useTls ? { tls: useTls } : {}), ...(proxy ? { proxy } : {}) };
}

export function toConnectionSetup(args: ParsedArgs, defaults: ConnectionDefaults): ConnectionSetup {
  const v = args.values;
  const url = v.url !== undefined ? parseUrl(str(v.url)!) : undefined;
  const propertyArgs = (v.property as PropertyArg[] | undefined) ?? [];
  const properties = toPropertySets(propertyArgs);

  let version = defaults.protocolVersion;
  const explicitVersion = v.protocolVersion !== undefined;
  if (explicitVersion) version = parseVersion(str(v.protocolVersion)!);
  else if (propertyArgs.length > 0) version = 5; // -D means MQTT 5.
  if (version !== 5 && propertyArgs.length > 0) throw new UsageError('MQTT 5 properties (-D) need -V 5.');

  let keepalive = 60;
  if (v.keepalive !== undefined) {
    const k = parseIntStrict(str(v.keepalive)!);
    if (k === undefined || k < 5 || k > 65535) throw new UsageError('Invalid keepalive given, it must be between 5 and 65535 inclusive.');
    keepalive = k;
  }
  const id = str(v.id);
  const idPrefix = str(v.idPrefix);
  if (id !== undefined && idPrefix !== undefined) throw new UsageError('-i and -I argument cannot be used together.');
  if (id === '') throw new UsageError('Invalid id.');
  let clientId = id ?? (idPrefix !== undefined ? `${idPrefix}${defaults.pid}` : '');
  const persistent = v.noCleanSession === true;
  if (persistent && clientId === '') throw new UsageError('You must provide a client id if you are using the -c option.');
  const warnings: string[] = [];
  // -x is an MQTT 5 field: mosquitto 2.0 ignores it on 3.x (2.1 switches to 5). We keep the
  // protocol the user chose, and say so, since the session then ends with the connection.
  let sessionExpiry = v.sessionExpiry !== undefined ? parseSessionExpiry(str(v.sessionExpiry)!) : undefined;
  if (sessionExpiry !== undefined && version !== 5) {
    warnings.push(`Warning: -x needs MQTT 5 (-V 5); ignored on MQTT ${version === 4 ? '3.1.1' : '3.1'}.`);
    sessionExpiry = undefined;
  }
  if (sessionExpiry === 0xffff_ffff && clientId === '') {
    throw new UsageError('You must provide a client id if you are using an infinite session expiry interval.');
  }
  // MQTT 3.1 servers reject an empty client id (3.1 §3.1: 1-23 characters).
  if (clientId === '' && version === 3) clientId = `mqtk-${defaults.pid}-${Math.random().toString(36).slice(2, 8)}`;

  const maxInflight = v.maxInflight !== undefined ? parseIntStrict(str(v.maxInflight)!) : 20;
  if (maxInflight === undefined || maxInflight < 1) throw new UsageError('Maximum inflight messages must be greater than 0.');

  const username = urlWins(args, url, 'username')?.username ?? str(v.username) ?? url?.username;
  const password = urlWins(args, url, 'password')?.password ?? str(v.password) ?? url?.password;
  if (password !== undefined && username === undefined && version !== 5) {
    throw new UsageError('A password needs a username too before MQTT 5 (-u) [MQTT-3.1.2-22].');
  }

  const connectProps = { ...properties.connect };
  if (version === 5) {
    // -c in MQTT 5: the session outlives the connection, forever unless -x says otherwise.
    const expiry = sessionExpiry ?? (persistent ? 0xffff_ffff : undefined);
    if (expiry !== undefined && expiry !== 0) connectProps.sessionExpiryInterval = expiry;
    // A DISCONNECT may not give a session a life its CONNECT did not [MQTT-3.14.2-2].
    const leaving = properties.disconnect?.sessionExpiryInterval;
    if (leaving !== undefined && leaving !== 0 && !connectProps.sessionExpiryInterval) {
      throw new UsageError('-D disconnect session-expiry-interval needs a session expiry in CONNECT too (-x or -c): a session that ends with the connection cannot be kept at DISCONNECT [MQTT-3.14.2-2].');
    }
  }
  const tls = toTls(v, url);
  const connect: Omit<ConnectPacket, 'type'> = {
    protocolVersion: version,
    clientId,
    clean: !persistent,
    keepalive,
    ...(username !== undefined ? { username } : {}),
    ...(password !== undefined ? { password: Buffer.from(password, 'utf8') } : {}),
    ...(version === 5 && Object.keys(connectProps).length > 0 ? { properties: connectProps } : {}),
  };
  const will = toWill(v, properties, defaults.argText ?? WELL_FORMED);
  if (will) connect.will = will;
  const timeout = v.connectTimeout !== undefined ? Number(str(v.connectTimeout)) : 30;
  if (!(timeout > 0)) throw new UsageError('--connect-timeout must be a number of seconds > 0.');

  return {
    client: { transport: toTransport(args, url, tls), connect, maxInflight, connectTimeoutMs: timeout * 1000 },
    properties,
    ...(url?.topic !== undefined ? { urlTopic: url.topic } : {}),
    debug: v.debug === true,
    quiet: v.quiet === true,
    warnings,
  };
}
