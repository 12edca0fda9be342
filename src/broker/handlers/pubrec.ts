// PUBREC from a client: the first ack of a QoS 2 delivery; we answer PUBREL and wait for
// PUBCOMP [MQTT-4.3.3-3]. A PUBREC with a failure reason (v5) ends the flow there.
import { ReasonCode } from '../../codec/constants.js';
import type { PubrecPacket } from '../../codec/types.js';
import type { BrokerConnection } from '../connection.js';
import type { BrokerCore } from '../core.js';
import { pump } from '../outbound.js';

export function handlePubrec(core: BrokerCore, conn: BrokerConnection, p: PubrecPacket): void {
  const s = conn.session!;
  const d = s.inflight?.get(p.packetId);
  if (d !== undefined && (p.reasonCode ?? 0) >= 0x80) {
    s.land(p.packetId);
    pump(core, s, Date.now());
    return;
  }
  if (d !== undefined && d.qos === 2) s.release(d);
  // Unknown id: still release it, with 0x92 in MQTT 5 (§3.6.2.1).
  const packet = d === undefined && conn.version === 5
    ? { type: 'pubrel' as const, packetId: p.packetId, reasonCode: ReasonCode.PacketIdentifierNotFound }
    : { type: 'pubrel' as const, packetId: p.packetId };
  conn.send(packet);
}
