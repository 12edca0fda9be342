// The broker's shared state, passed explicitly to handlers and flows (no hidden context):
// configuration, hooks, sessions, the subscription tree, retained messages, counters.
import type { Packet } from '../codec/types.js';
import type { BrokerConnection } from './connection.js';
import type { BrokerEvent } from './events.js';
import type { BrokerMessage } from './message.js';
import type { BrokerConfig, BrokerHooks, BrokerOptions, ClientInfo } from './options.js';
import { RetainedStore } from './retained.js';
import { Security } from './security.js';
import type { Session } from './session.js';
import { BrokerStats } from './stats.js';
import { SubscriptionTree } from './subscriptions.js';

/**
 * Persistence calls made by the broker as state changes (see persist/). Changes of one
 * event-loop turn are committed together; what acknowledges them waits for the commit.
 */
export interface SessionSink {
  /** Session metadata (expiry, subscriptions, connected or not); makes a persistent session journaled. */
  sessionChanged(session: Session): void;
  /** Called before the session's queues are dropped. */
  sessionEnded(session: Session): void;
  retainedChanged(topic: string): void;
  /** Runs `fn` once this turn's changes are on disk (at once when nothing is pending). */
  afterCommit(fn: () => void): void;
  /**
   * Releases an acknowledgement (ok false: the commit failed, it must not go out) once
   * what it confirms is safe: the commit, or for `msg` (QoS 1, not retained) also every
   * persistent delivery of it acknowledged.
   */
  afterStored(msg: BrokerMessage | undefined, fn: (ok: boolean) => void): void;
  /** Commits what is pending now, running the callbacks waiting for it. */
  commitNow(): void;
  close?(): Promise<void>;
}

export interface BrokerCore {
  readonly config: BrokerConfig;
  /** The global security scope (password_file, acl_file, allow_anonymous, the embedder's hooks). */
  readonly security: Security;
  /** The global scope's hooks in force (security.hooks). */
  readonly hooks: BrokerHooks;
  /** Sessions by Client Identifier, connected or not. */
  readonly sessions: Map<string, Session>;
  /** Connections by Client Identifier, once CONNECT has been accepted. */
  readonly clients: Map<string, BrokerConnection>;
  /** Every open network connection. */
  readonly connections: Set<BrokerConnection>;
  readonly tree: SubscriptionTree<Session>;
  readonly retained: RetainedStore;
  readonly stats: BrokerStats;
  readonly emit: ((event: BrokerEvent) => void) | undefined;
  /** A warning: to onEvent when set, else to onWarning. */
  readonly warn: (message: string) => void;
  readonly onPacket: ((client: ClientInfo, direction: 'in' | 'out', packet: Packet) => void) | undefined;
  /** Generation counter for the per-publish merge of overlapping subscriptions. */
  matchGen: number;
  closing: boolean;
  sink: SessionSink | undefined;
}

/** The embedder's own hooks, if any. */
export function givenHooks(options: BrokerOptions): BrokerHooks {
  return {
    ...(options.authenticate ? { authenticate: options.authenticate } : {}),
    ...(options.authorizePublish ? { authorizePublish: options.authorizePublish } : {}),
    ...(options.authorizeSubscribe ? { authorizeSubscribe: options.authorizeSubscribe } : {}),
    ...(options.authorizeRead ? { authorizeRead: options.authorizeRead } : {}),
  };
}

export function createCore(config: BrokerConfig, options: BrokerOptions): BrokerCore {
  const sessions = new Map<string, Session>();
  // Shared subscriptions: round robin, preferring members that are connected.
  const tree = new SubscriptionTree<Session>((order, start) => {
    for (let i = 0; i < order.length; i++) {
      const at = (start + i) % order.length;
      if (order[at]!.owner.link !== undefined) return at;
    }
    return start;
  });
  const security = new Security(config, givenHooks(options), config.allowAnonymous);
  return {
    config,
    security,
    hooks: security.hooks,
    sessions,
    clients: new Map(),
    connections: new Set(),
    tree,
    retained: new RetainedStore(),
    stats: new BrokerStats(),
    emit: options.onEvent,
    warn: (message) => (options.onEvent ? options.onEvent({ type: 'warning', message }) : options.onWarning?.(message)),
    onPacket: options.onPacket,
    matchGen: 0,
    closing: false,
    sink: undefined,
  };
}
