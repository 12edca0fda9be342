// Session lifecycle [MQTT-4.1]: created or resumed at CONNECT (Clean Start / Clean
// Session), detached when the connection closes, discarded when its Session Expiry
// Interval runs out [MQTT-3.1.2-23] (3.1.1: clean session 1 → at once, 0 → never).
import type { BrokerCore } from './core.js';
import { releaseAll } from './outbound.js';
import { Session } from './session.js';
import { longTimeout } from './timers.js';
import { flushPendingWill } from './will.js';

export const NEVER_EXPIRES = 0xffffffff;

/** Clean Start discards any existing session [MQTT-3.1.2-4]; otherwise it is resumed [MQTT-3.1.2-5]. */
export function openSession(core: BrokerCore, clientId: string, clean: boolean): { session: Session; present: boolean } {
  const existing = core.sessions.get(clientId);
  if (existing !== undefined) {
    if (existing.expiryTimer !== undefined) {
      existing.expiryTimer.cancel();
      existing.expiryTimer = undefined;
    }
    if (!clean) return { session: existing, present: true };
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
  // Before the queues go: persistence removes their records.
  core.sink?.sessionEnded(s);
  if (s.subscriptions !== undefined) for (const filter of s.subscriptions.keys()) core.tree.remove(s.clientId, filter);
  s.subscriptions = undefined;
  s.queue = undefined;
  s.inflight = undefined;
  releaseAll(s);
  if (core.sessions.get(s.clientId) === s) core.sessions.delete(s.clientId);
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
  if (s.expiryInterval === NEVER_EXPIRES) return;
  s.expiryTimer = longTimeout(() => {
    s.expiryTimer = undefined;
    if (s.link === undefined) endSession(core, s);
  }, s.expiryInterval * 1000);
}
