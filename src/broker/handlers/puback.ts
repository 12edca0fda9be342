// PUBACK from a client: a QoS 1 delivery is done [MQTT-4.3.2]; its slot in the
// client's receive window frees up, so queued messages may go [MQTT-4.9.0-3].
import type { PubackPacket } from '../../codec/types.js';
import type { BrokerConnection } from '../connection.js';
import type { BrokerCore } from '../core.js';
import { pump } from '../outbound.js';

export function handlePuback(core: BrokerCore, conn: BrokerConnection, p: PubackPacket): void {
  const s = conn.session!;
  const d = s.inflight?.get(p.packetId);
  // An unknown or mismatched id is ignored (a late ack after a resend, for example).
  if (d === undefined || d.qos !== 1) return;
  s.land(p.packetId);
  pump(core, s, Date.now());
}
