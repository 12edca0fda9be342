// PINGREQ: answer PINGRESP [MQTT-3.12.4-1]. Any packet resets the keep-alive clock (index.ts).
import type { BrokerConnection } from '../connection.js';
import type { BrokerCore } from '../core.js';

export function handlePingreq(core: BrokerCore, conn: BrokerConnection): void {
  const packet = { type: 'pingresp' as const };
  conn.send(packet);
}
