// One sweeper for every connection instead of a timer each (an idle connection costs no
// timer): closes connections that sent no CONNECT within connect_timeout, clients silent
// for 1.5 x Keep Alive [MQTT-3.1.2-22] (3.1.1 [MQTT-3.1.2-24]) with DISCONNECT 0x8D in
// MQTT 5, and lets go of publishers held too long by a stuck subscriber (outbound.ts).
import type { BrokerCore } from './core.js';
import { dropConnection } from './lifecycle.js';
import { giveUpHolding, HOLD_LIMIT_MS } from './outbound.js';

export const SWEEP_INTERVAL_MS = 250;

export function sweep(core: BrokerCore, now: number): void {
  for (const conn of core.connections) {
    if (conn.state === 'new' || conn.state === 'authenticating') {
      if (now - conn.openedAt > core.config.connectTimeoutMs) {
        dropConnection(core, conn, 'protocol', undefined, `no CONNECT within ${core.config.connectTimeoutMs} ms`);
      }
    } else if (conn.state === 'connected') {
      if (conn.pausedAt !== 0) {
        if (now - conn.pausedAt > HOLD_LIMIT_MS) giveUpHolding(conn);
      } else if (conn.keepaliveMs > 0 && now - conn.lastSeen > conn.keepaliveMs) {
        dropConnection(core, conn, 'keepalive', 0x8d, `nothing received for 1.5 x keep alive (${conn.keepaliveMs} ms)`);
      }
    }
  }
}

export function startSweeper(core: BrokerCore): () => void {
  const timer = setInterval(() => sweep(core, Date.now()), SWEEP_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
