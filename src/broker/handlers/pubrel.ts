// PUBREL from a client: the publisher releases a QoS 2 message we already routed at
// PUBLISH; forget its Packet Identifier and answer PUBCOMP [MQTT-4.3.3-11]
// (0x92 in MQTT 5 when we never saw it, §3.7.2.1).
import { ReasonCode } from '../../codec/constants.js';
import type { PubrelPacket } from '../../codec/types.js';
import type { BrokerConnection } from '../connection.js';
import type { BrokerCore } from '../core.js';

export function handlePubrel(core: BrokerCore, conn: BrokerConnection, p: PubrelPacket): void {
  const s = conn.session!;
  const known = s.releaseIncoming(p.packetId);
  const packet = !known && conn.version === 5
    ? { type: 'pubcomp' as const, packetId: p.packetId, reasonCode: ReasonCode.PacketIdentifierNotFound }
    : { type: 'pubcomp' as const, packetId: p.packetId };
  conn.send(packet);
}
