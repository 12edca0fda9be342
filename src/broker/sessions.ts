// Session lifecycle [MQTT-4.1]: created or resumed at CONNECT (Clean Start / Clean
// Session), detached when the connection closes, discarded when its Session Expiry
// Interval runs out [MQTT-3.1.2-23] (3.1.1: clean session 1 → at once, 0 → never, or
// after persistent_client_expiration when set, as in mosquitto).
import type { BrokerCore } from './core.js';
import { releaseAll } from './outbound.js';
import { Session } from './session.js';
import { longTimeout } from './timers.js';
import { flushPendingWill } from './will.js';

export const NEVER_EXPIRES = 0xffffffff;

/**
 * Clean Start discards any existing session [MQTT-3.1.2-4]; otherwise it is resumed
 * [MQTT-3.1.2-5], but only by the user who owned it: another user name (or an untrusted
 * client taking a bridge's session) starts clean, so a guessed client id reads nobody's queue.
 */
export function openSession(core: BrokerCore, clientId: string, clean: boolean, owner: { username: string | undefined; trusted: boolean }): { session: Session; present: boolean } {
  const existing = core.sessions.get(clientId);
  if (existing !== undefined) {
    if (existing.expiryTimer !== undefined) {
      existing.expiryTimer.cancel();
      existing.expiryTimer = undefined;
    }
    if (!clean && existing.username === owner.username && (owner.trusted || !existing.trusted)) return { session: existing, present: true };
    endSession(core, existing);
  }
  const session = new Session(clientId);
  core.sessions.set(clientId, session);
  return { session, present: false };
}

/** Discards a session: its subscriptions leave the tree, its queue is dropped. */
export function endSession(core: BrokerCore, s: Session): void {
  if (s.ended) return;
  s.ended = true;
  s.expiryTimer?.cancel();
  flushPendingWill(s);
  if (s.subscriptions !== undefined) for (const filter of s.subscriptions.keys()) core.tree.remove(s.clientId, filter);
  s.subscriptions = undefined;
  s.dropMessages();
  releaseAll(s);
  if (core.sessions.get(s.clientId) === s) {
    core.sessions.delete(s.clientId);
    core.sink?.sessionEnded(s.clientId);
  }
}

/** The connection holding `s` has closed: keep the session for its expiry interval, or end it. */
export function detachSession(core: BrokerCore, s: Session): void {
  s.link = undefined;
  releaseAll(s);
  if (s.expiryInterval === 0) {
    endSession(core, s);
    return;
  }
  core.sink?.sessionChanged(s);
  // persistent_client_expiration bounds the sessions that would otherwise never expire.
  const seconds = s.expiryInterval === NEVER_EXPIRES ? core.config.persistentClientExpiration : s.expiryInterval;
  if (seconds === 0) return;
  s.expiryTimer = longTimeout(() => {
    s.expiryTimer = undefined;
    if (s.link === undefined) endSession(core, s);
  }, seconds * 1000);
}
