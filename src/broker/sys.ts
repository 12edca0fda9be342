// $SYS/broker/... topics every sys_interval seconds, retained, as mosquitto publishes
// them (values as text; a topic is republished only when its value changed).
import type { BrokerCore } from './core.js';
import { route } from './router.js';

export function sysValues(core: BrokerCore, version: string, now: number): Array<[topic: string, value: string]> {
  const st = core.stats;
  let bytesIn = st.closedBytesIn;
  let bytesOut = st.closedBytesOut;
  for (const c of core.connections) {
    bytesIn += c.wire.bytesIn;
    bytesOut += c.wire.bytesOut;
  }
  let inflight = 0;
  let queued = 0;
  for (const s of core.sessions.values()) {
    inflight += s.inflightCount;
    queued += s.queued;
  }
  const connected = core.clients.size;
  return [
    ['$SYS/broker/version', version],
    ['$SYS/broker/uptime', `${Math.floor((now - st.startedAt) / 1000)} seconds`],
    ['$SYS/broker/clients/connected', String(connected)],
    ['$SYS/broker/clients/disconnected', String(core.sessions.size - connected)],
    ['$SYS/broker/clients/total', String(core.sessions.size)],
    ['$SYS/broker/clients/maximum', String(st.clientsMaximum)],
    ['$SYS/broker/messages/received', String(st.messagesReceived)],
    ['$SYS/broker/messages/sent', String(st.messagesSent)],
    ['$SYS/broker/publish/messages/received', String(st.messagesReceived)],
    ['$SYS/broker/publish/messages/sent', String(st.messagesSent)],
    ['$SYS/broker/publish/messages/dropped', String(st.dropped)],
    ['$SYS/broker/messages/inflight', String(inflight)],
    ['$SYS/broker/messages/queued', String(queued)],
    ['$SYS/broker/store/messages/count', String(inflight + queued)],
    ['$SYS/broker/bytes/received', String(bytesIn)],
    ['$SYS/broker/bytes/sent', String(bytesOut)],
    ['$SYS/broker/retained messages/count', String(core.retained.size)],
    ['$SYS/broker/subscriptions/count', String(core.tree.size)],
  ];
}

export function startSys(core: BrokerCore, version: string): () => void {
  const interval = core.config.sysInterval;
  if (interval <= 0) return () => {};
  const last = new Map<string, string>();
  const tick = (): void => {
    const now = Date.now();
    for (const [topic, value] of sysValues(core, version, now)) {
      if (last.get(topic) === value) continue;
      last.set(topic, value);
      route(core, { topic, payload: Buffer.from(value), qos: 0, retain: true, properties: undefined, expiresAt: 0, origin: undefined, detached: true }, undefined, now);
    }
  };
  tick();
  const timer = setInterval(tick, interval * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
