// PUBCOMP from a client: a QoS 2 delivery is complete [MQTT-4.3.3]; the slot in the
// client's receive window frees up [MQTT-4.9.0-3].
import type { PubcompPacket } from '../../codec/types.js';
import type { BrokerConnection } from '../connection.js';
import type { BrokerCore } from '../core.js';
import { pump } from '../outbound.js';

export function handlePubcomp(core: BrokerCore, conn: BrokerConnection, p: PubcompPacket): void {
  const s = conn.session!;
  const d = s.inflight?.get(p.packetId);
  if (d === undefined || d.qos !== 2) return;
  s.land(p.packetId);
  pump(core, s, Date.now());
}
