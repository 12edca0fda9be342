// DISCONNECT from a client (§3.14): a normal end discards the will [MQTT-3.1.2-10],
// except reason 0x04 "Disconnect with Will Message". MQTT 5 may change the Session Expiry
// Interval, but not from 0 to non-zero [MQTT-3.14.2-2].
import type { DisconnectPacket } from '../../codec/types.js';
import type { BrokerConnection } from '../connection.js';
import type { BrokerCore } from '../core.js';
import { dropConnection, endConnection } from '../lifecycle.js';

export function handleDisconnect(core: BrokerCore, conn: BrokerConnection, p: DisconnectPacket): void {
  const expiry = p.properties?.sessionExpiryInterval;
  if (expiry !== undefined) {
    if (conn.connectExpiry === 0 && expiry !== 0) {
      dropConnection(core, conn, 'protocol', 0x82, 'DISCONNECT sets a Session Expiry Interval after CONNECT set 0 [MQTT-3.14.2-2]');
      return;
    }
    conn.session!.expiryInterval = expiry;
  }
  conn.sendWill = p.reasonCode === 0x04;
  endConnection(core, conn, { cause: 'client', ...(p.reasonCode ? { reasonCode: p.reasonCode } : {}) });
}
