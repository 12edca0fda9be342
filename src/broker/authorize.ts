// The access checks (password_file/acl_file or the embedder's hooks), in one place, with
// the hooks of the connection's security scope (its listener's with per_listener_settings)
// as they are now (a SIGHUP reload applies from the next check). The broker's own clients
// (bridges) are trusted: no hook is asked for them or their sessions.
import { topicMatches } from '../topic/match.js';
import type { BrokerConnection } from './connection.js';
import type { BrokerCore } from './core.js';
import type { ClientInfo } from './options.js';
import type { Security } from './security.js';
import type { Session } from './session.js';

export function mayPublish(core: BrokerCore, conn: BrokerConnection, topic: string): boolean {
  // $SYS is the broker's: no client writes there, whatever the ACL says, except a remote
  // bridge's state (as mosquitto's acl__check_dollar).
  if (topic.startsWith('$SYS') && !conn.trusted && !topicMatches('$SYS/broker/connection/+/state', topic)) return false;
  const hook = conn.security.hooks.authorizePublish;
  return hook === undefined || conn.trusted || hook(conn, topic);
}

export function maySubscribe(core: BrokerCore, conn: BrokerConnection, filter: string): boolean {
  const hook = conn.security.hooks.authorizeSubscribe;
  return hook === undefined || conn.trusted || hook(conn, filter);
}

/** Read access of a session's client (connected or not) to a message's topic; runs per delivery. */
export function mayRead(core: BrokerCore, s: Session, topic: string): boolean {
  if (s.trusted) return true;
  const scope = s.security ?? fallbackScope(core);
  // A session restored from disk under per_listener_settings: its listener, and so its rules, are unknown until it reconnects.
  if (scope === undefined) return false;
  const hook = scope.hooks.authorizeRead;
  return hook === undefined || hook(sessionClient(core, s), topic);
}

/** The scope of a session no connection has held yet (restored by persistence): the broker's, unless listeners have their own. */
function fallbackScope(core: BrokerCore): Security | undefined {
  return core.config.listeners.some((l) => l.security !== undefined) ? undefined : core.security;
}

/** Who a session belongs to, for read checks: its live connection, else what the session kept. */
function sessionClient(core: BrokerCore, s: Session): ClientInfo {
  return core.clients.get(s.clientId) ?? { clientId: s.clientId, username: s.username, address: '' };
}
