// Will messages [MQTT-3.1.2-8]: published when the network connection closes without a
// normal DISCONNECT (or with reason 0x04), not when the broker shuts down. MQTT 5's Will
// Delay Interval postpones it; a reconnect to the session within the delay cancels it,
// and the end of the session publishes it early [MQTT-3.1.3-9].
import { mayPublish } from './authorize.js';
import type { Properties, Will } from '../codec/types.js';
import type { BrokerConnection } from './connection.js';
import type { BrokerCore } from './core.js';
import type { BrokerMessage } from './message.js';
import { route } from './router.js';
import type { Session } from './session.js';
import { longTimeout } from './timers.js';

export function toWillMessage(will: Will, clientId: string, now: number): BrokerMessage {
  let properties: Properties | undefined;
  let expiresAt = 0;
  if (will.properties !== undefined) {
    const { willDelayInterval: _d, messageExpiryInterval, ...rest } = will.properties;
    if (messageExpiryInterval !== undefined) expiresAt = now + messageExpiryInterval * 1000;
    if (Object.keys(rest).length > 0) properties = rest;
  }
  return { topic: will.topic, payload: Buffer.from(will.payload), qos: will.qos, retain: will.retain, properties, expiresAt, origin: clientId, detached: true };
}

function publishWill(core: BrokerCore, conn: BrokerConnection, will: Will): void {
  if (!mayPublish(core, conn, will.topic)) {
    core.emit?.({ type: 'denied', clientId: conn.clientId, topic: will.topic, qos: will.qos, retain: will.retain, dup: false, packetId: 0, bytes: will.payload.length, reason: 'not authorised', will: true });
    return;
  }
  const now = Date.now();
  route(core, toWillMessage(will, conn.clientId, now), undefined, now);
}

/** On an abnormal close: publish the will now, or schedule it after the Will Delay Interval. */
export function onConnectionLost(core: BrokerCore, conn: BrokerConnection): void {
  const will = conn.will;
  conn.will = undefined;
  if (will === undefined || !conn.sendWill || core.closing) return;
  const delay = will.properties?.willDelayInterval ?? 0;
  const s = conn.session;
  if (delay === 0 || s === undefined || s.expiryInterval === 0) {
    publishWill(core, conn, will);
    return;
  }
  const ms = Math.min(delay, s.expiryInterval) * 1000;
  const publish = (): void => {
    if (s.pendingWill === undefined) return;
    s.pendingWill.timer.cancel();
    s.pendingWill = undefined;
    publishWill(core, conn, will);
  };
  s.pendingWill = { timer: longTimeout(publish, ms), publish };
}

/** A new connection took the session before the delay ran out: the will is not sent [MQTT-3.1.3-9]. */
export function cancelPendingWill(s: Session): void {
  if (s.pendingWill === undefined) return;
  s.pendingWill.timer.cancel();
  s.pendingWill = undefined;
}

/** The session ends before the delay ran out: the will goes now [MQTT-3.1.3-9]. */
export function flushPendingWill(s: Session): void {
  s.pendingWill?.publish();
}
