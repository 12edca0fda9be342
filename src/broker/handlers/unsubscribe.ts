// UNSUBSCRIBE (§3.10): remove each filter of the session [MQTT-3.10.4-1], answer
// UNSUBACK [MQTT-3.10.4-4]; MQTT 5 says per filter whether it existed (0x00 / 0x11).
import type { UnsubscribePacket } from '../../codec/types.js';
import { sendAck } from '../commit.js';
import type { BrokerConnection } from '../connection.js';
import type { BrokerCore } from '../core.js';

export function handleUnsubscribe(core: BrokerCore, conn: BrokerConnection, p: UnsubscribePacket): void {
  const s = conn.session!;
  const reasonCodes: number[] = [];
  for (const filter of p.topicFilters) {
    const existed = core.tree.remove(s.clientId, filter) !== undefined;
    s.subscriptions?.delete(filter);
    reasonCodes.push(existed ? 0x00 : 0x11);
    core.emit?.({ type: 'unsubscribe', clientId: conn.clientId, filter });
  }
  if (s.subscriptions?.size === 0) s.subscriptions = undefined;
  const unsuback = conn.version === 5
    ? { type: 'unsuback' as const, packetId: p.packetId, reasonCodes }
    : { type: 'unsuback' as const, packetId: p.packetId };
  core.sink?.sessionChanged(s);
  sendAck(core, conn, unsuback);
}
