// The broker facade: createBroker(options) → handle(duplex) for any stream (tests run it
// in memory), listen() for the configured listeners, close(), address(). Everything
// else lives in the flows it wires together.
import { ReasonCode } from '../codec/constants.js';
import type { Duplex } from 'node:stream';
import type { Packet } from '../codec/types.js';
import { duplexPair } from '../wire/duplex-pair.js';
import { ConfigError } from './config.js';
import { BrokerConnection, type ConnectionMeta } from './connection.js';
import { type BrokerCore, createCore, givenHooks } from './core.js';
import { handlePacket } from './handlers/index.js';
import { startSweeper } from './keepalive.js';
import { connectPacketLimit, largestPacket } from './limits.js';
import { endConnection, onWireClose, onWireError } from './lifecycle.js';
import { type Listener, openListener } from './listeners.js';
import { type BrokerConfig, type BrokerOptions, type ListenerConfig, toBrokerConfig } from './options.js';
import { Security } from './security.js';
import { startSys } from './sys.js';

export interface BrokerAddress {
  protocol: 'mqtt' | 'mqtts' | 'ws' | 'wss';
  host: string;
  port: number;
}

export interface Broker {
  readonly config: BrokerConfig;
  /** Serves one client over any Duplex (TCP socket, WebSocket stream, in-memory pair). */
  handle(stream: Duplex, meta?: Partial<ConnectionMeta>): void;
  /** Loads persisted state (persistence true), then opens the configured listeners; rejects with ListenError naming the address. */
  listen(): Promise<BrokerAddress[]>;
  /**
   * Reads password_file and acl_file again (SIGHUP), in every scope. A file that cannot be
   * read or parsed keeps that scope's rules in force; the returned errors say why.
   * Connections keep theirs and are checked against the new rules from their next packet.
   */
  reloadSecurity(): ConfigError[];
  /** Addresses of the open listeners (port 0 resolved to the port picked). */
  address(): BrokerAddress[];
  /** Stops listening, disconnects every client (0x8B in MQTT 5, no wills), keeps sessions. */
  close(): Promise<void>;
  /**
   * The broker's own clients (serve's bridges) attach here: an in-memory connection served
   * like any client's, but trusted (no authentication, no ACL). Returns the client's end.
   */
  connectLocal(name: string): Duplex;
  /** A message one of the broker's own clients had to drop: counted in $SYS/broker/publish/messages/dropped. */
  countDropped(clientId: string, topic: string, reason: string): void;
  /** The internal state, for tests and $SYS-like inspection. */
  readonly core: BrokerCore;
}

export interface CreateBrokerOptions extends BrokerOptions {
  /** Text of $SYS/broker/version. */
  version?: string;
}

export function createBroker(options: CreateBrokerOptions = {}): Broker {
  const config = toBrokerConfig(options);
  const core = createCore(config, options);
  // per_listener_settings: a listener with its own security settings gets its own scope (files read now, to fail at start-up).
  const scopes = new Map<ListenerConfig, Security>();
  for (const l of config.listeners) if (l.security !== undefined) scopes.set(l, new Security(l.security, givenHooks(options), config.allowAnonymous));
  let loaded = false;
  const listeners: Listener[] = [];
  const stops: Array<() => void> = [startSweeper(core), startSys(core, options.version ?? 'mqtk')];
  const handlers = {
    packet: (c: BrokerConnection, p: Packet) => handlePacket(core, c, p),
    error: (c: BrokerConnection, e: Error) => onWireError(core, c, e),
    close: (c: BrokerConnection) => onWireClose(core, c),
  };

  const handle = (stream: Duplex, meta: Partial<ConnectionMeta> = {}): void => {
    const full: ConnectionMeta = { address: meta.address ?? 'memory', localPort: meta.localPort ?? 0, security: meta.security ?? core.security, ...(meta.certificateCN !== undefined ? { certificateCN: meta.certificateCN } : {}), ...(meta.trusted ? { trusted: true } : {}), ...(meta.login !== undefined ? { login: meta.login } : {}) };
    if (core.closing || (config.maxConnections >= 0 && core.connections.size >= config.maxConnections)) {
      core.stats.refused++;
      stream.destroy();
      return;
    }
    const conn = new BrokerConnection(stream, full, Date.now(), connectPacketLimit(config), handlers);
    if (options.tap !== undefined) conn.wire.addTap(options.tap(conn, () => conn.version));
    // Every packet we send passes the wire's one write point: log it there.
    const onPacket = core.onPacket;
    if (onPacket !== undefined) conn.wire.addTap((direction, _raw, packet) => direction === 'out' && packet !== undefined && onPacket(conn, 'out', packet));
    core.connections.add(conn);
    core.emit?.({ type: 'connection', address: full.address, port: full.localPort });
  };

  const addresses = (): BrokerAddress[] =>
    listeners.map((l) => {
      const a = l.address();
      const secure = l.config.tls !== undefined;
      const protocol = l.config.protocol === 'websockets' ? (secure ? 'wss' : 'ws') : secure ? 'mqtts' : 'mqtt';
      return { protocol, host: a.address, port: a.port };
    });

  return {
    config,
    core,
    handle,
    address: addresses,
    reloadSecurity() {
      const problems: ConfigError[] = [];
      for (const scope of [core.security, ...scopes.values()]) {
        try {
          scope.reload();
        } catch (err) {
          if (!(err instanceof ConfigError)) throw err;
          problems.push(err);
        }
      }
      return problems;
    },
    connectLocal(name) {
      const [ours, theirs] = duplexPair();
      handle(theirs, { address: name, trusted: true });
      return ours;
    },
    countDropped(clientId, topic, reason) {
      core.stats.dropped++;
      core.emit?.({ type: 'dropped', clientId, topic, reason });
    },
    async listen() {
      if (config.persistence && !loaded) {
        loaded = true;
        // Loaded only when used: the store pulls in SQLite, which a broker without persistence never needs.
        const { startPersistence } = await import('./persist/start.js');
        const dir = config.persistenceLocation ?? '.';
        // persistent_client_expiration (seconds) where the configuration has it.
        const pce = (config as Partial<Record<'persistentClientExpiration', number>>).persistentClientExpiration;
        const started = await startPersistence(core, {
          dir, sync: config.persistenceSync, repair: config.persistenceRepair, ...(pce ? { maxOfflineMs: pce * 1000 } : {}),
        });
        for (const note of started.notes) core.warn(note);
        const { sessions, retained, queued } = started.restored;
        core.emit?.({ type: 'info', message: `restored ${sessions} sessions, ${queued} queued messages and ${retained} retained messages from ${dir}` });
      }
      for (const cfg of config.listeners) {
        const scope = scopes.get(cfg);
        const limits = { largestPacket: largestPacket(config), firstPacket: connectPacketLimit(config) };
        const listener = await openListener(cfg, limits, scope === undefined ? handle : (stream, meta) => handle(stream, { ...meta, security: scope }));
        listeners.push(listener);
        const a = listener.address();
        core.emit?.({ type: 'listening', protocol: cfg.protocol, address: a.address, port: a.port, tls: cfg.tls !== undefined });
      }
      return addresses();
    },
    async close() {
      if (core.closing) return;
      core.closing = true;
      for (const stop of stops) stop();
      const closing = listeners.map((l) => l.close());
      const gone = [...core.connections].map((c) => new Promise<void>((resolve) => {
        if (c.wire.isClosed) return resolve();
        c.wire.stream.once('close', () => resolve());
        endConnection(core, c, { cause: 'shutdown', reasonCode: ReasonCode.ServerShuttingDown });
      }));
      await Promise.race([Promise.all(gone), new Promise((r) => setTimeout(r, 2000).unref())]);
      for (const c of core.connections) c.wire.destroy();
      await Promise.all(closing);
      await core.sink?.close?.();
    },
  };
}
