// The state gate, then one handler per packet kind. CONNECT must come first
// [MQTT-3.1.0-1] and only once [MQTT-3.1.0-2]; packets only a server sends
// (CONNACK, SUBACK, UNSUBACK, PINGRESP) are protocol errors from a client.
import type { Packet } from '../../codec/types.js';
import { dropConnection } from '../lifecycle.js';
import type { BrokerConnection } from '../connection.js';
import type { BrokerCore } from '../core.js';
import { handleAuth } from './auth.js';
import { handleConnect } from './connect.js';
import { handleDisconnect } from './disconnect.js';
import { handlePingreq } from './pingreq.js';
import { handlePuback } from './puback.js';
import { handlePubcomp } from './pubcomp.js';
import { handlePublish } from './publish.js';
import { handlePubrec } from './pubrec.js';
import { handlePubrel } from './pubrel.js';
import { handleSubscribe } from './subscribe.js';
import { handleUnsubscribe } from './unsubscribe.js';

export function handlePacket(core: BrokerCore, conn: BrokerConnection, packet: Packet): void {
  if (conn.state === 'closed') return;
  conn.lastSeen = Date.now();
  if (conn.state === 'new') {
    if (packet.type !== 'connect') {
      dropConnection(core, conn, 'protocol', 0x82, `${packet.type.toUpperCase()} before CONNECT [MQTT-3.1.0-1]`);
      return;
    }
    handleConnect(core, conn, packet);
    return;
  }
  core.onPacket?.(conn, 'in', packet);
  dispatch(core, conn, packet);
  conn.holdWhileCongested();
}

function dispatch(core: BrokerCore, conn: BrokerConnection, packet: Packet): void {
  switch (packet.type) {
    case 'publish': return handlePublish(core, conn, packet);
    case 'puback': return handlePuback(core, conn, packet);
    case 'pubrec': return handlePubrec(core, conn, packet);
    case 'pubrel': return handlePubrel(core, conn, packet);
    case 'pubcomp': return handlePubcomp(core, conn, packet);
    case 'subscribe': return handleSubscribe(core, conn, packet);
    case 'unsubscribe': return handleUnsubscribe(core, conn, packet);
    case 'pingreq': return handlePingreq(core, conn);
    case 'disconnect': return handleDisconnect(core, conn, packet);
    case 'auth': return handleAuth(core, conn, packet);
    case 'connect':
      return dropConnection(core, conn, 'protocol', 0x82, 'second CONNECT [MQTT-3.1.0-2]');
    default:
      return dropConnection(core, conn, 'protocol', 0x82, `${packet.type.toUpperCase()} is a server-to-client packet`);
  }
}
