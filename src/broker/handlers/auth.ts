// AUTH (MQTT 5 enhanced authentication). CONNECT with an Authentication Method is
// refused (0x8C), so an AUTH packet afterwards is a protocol error [MQTT-4.12.0-1].
import type { AuthPacket } from '../../codec/types.js';
import type { BrokerConnection } from '../connection.js';
import type { BrokerCore } from '../core.js';
import { dropConnection } from '../lifecycle.js';

export function handleAuth(core: BrokerCore, conn: BrokerConnection, _p: AuthPacket): void {
  dropConnection(core, conn, 'protocol', 0x82, 'AUTH without an authentication method in CONNECT [MQTT-4.12.0-1]');
}
