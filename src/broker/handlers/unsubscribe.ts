// UNSUBSCRIBE (§3.10): remove each filter of the session [MQTT-3.10.4-1], answer
// UNSUBACK [MQTT-3.10.4-4]; MQTT 5 says per filter whether it existed (0x00 / 0x11).
import type { UnsubscribePacket } from '../../codec/types.js';
import { sendAck } from '../commit.js';
import type { BrokerConnection } from '../connection.js';
import type { BrokerCore } from '../core.js';
import { dropConnection } from '../lifecycle.js';
import { isValidMqttText } from '../../topic/validate.js';

export function handleUnsubscribe(core: BrokerCore, conn: BrokerConnection, p: UnsubscribePacket): void {
  // As SUBSCRIBE: a malformed filter [MQTT-1.5.4-3] disconnects, nothing is unsubscribed (mosquitto does the same).
  if (!p.topicFilters.every(isValidMqttText)) {
    dropConnection(core, conn, 'protocol', 0x81, 'topic filter with control characters or non-characters (malformed UTF-8) [MQTT-1.5.4-3]');
    return;
  }
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
