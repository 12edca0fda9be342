// The end of a connection, whatever ended it: a DISCONNECT, a protocol error, the
// keep-alive timeout, a take-over, a socket error or close, or broker shutdown. Runs
// once per connection: will [MQTT-3.1.2-8], session detach, the disconnect event.
import { isReasonCodeAllowed } from '../codec/constants.js';
import { MqttError } from '../codec/errors.js';
import type { BrokerConnection, Ending } from './connection.js';
import type { BrokerCore } from './core.js';
import type { DisconnectCause } from './events.js';
import { releaseOne } from './outbound.js';
import { detachSession } from './sessions.js';
import { onConnectionLost } from './will.js';

export function endConnection(core: BrokerCore, conn: BrokerConnection, ending: Ending): void {
  conn.ending ??= ending;
  const wasConnected = conn.state === 'connected';
  if (wasConnected && ending.cause !== 'client' && ending.reasonCode !== undefined && conn.version === 5 && !conn.wire.isClosed) {
    const packet = { type: 'disconnect' as const, reasonCode: ending.reasonCode };
    conn.send(packet);
  }
  conn.state = 'closed';
  if (conn.pausedBy !== undefined) for (const s of [...conn.pausedBy]) releaseOne(conn, s);
  if (wasConnected) {
    if (core.clients.get(conn.clientId) === conn) core.clients.delete(conn.clientId);
    onConnectionLost(core, conn);
    const s = conn.session;
    if (s !== undefined && s.link === conn) detachSession(core, s);
    const e = conn.ending;
    core.emit?.({ type: 'disconnect', clientId: conn.clientId, cause: e.cause, ...(e.reasonCode !== undefined ? { reasonCode: e.reasonCode } : {}), ...(e.message !== undefined ? { message: e.message } : {}) });
  }
  conn.closeSocket();
}

/** The wire's close event: the socket is gone. */
export function onWireClose(core: BrokerCore, conn: BrokerConnection): void {
  core.connections.delete(conn);
  core.stats.closedBytesIn += conn.wire.bytesIn;
  core.stats.closedBytesOut += conn.wire.bytesOut;
  if (conn.state !== 'closed') endConnection(core, conn, { cause: core.closing ? 'shutdown' : 'closed' });
}

/**
 * A malformed packet or a transport error. The wire closes the stream right after this
 * returns, flushing what we send here: a v5 DISCONNECT with the codec's reason code, or
 * for a CONNECT with an unknown protocol level, CONNACK 0x01 [MQTT-3.1.2-2].
 */
export function onWireError(core: BrokerCore, conn: BrokerConnection, err: Error): void {
  if (!(err instanceof MqttError)) {
    conn.ending ??= { cause: 'closed', message: err.message };
    return;
  }
  conn.ending ??= { cause: 'protocol', reasonCode: err.reasonCode, message: err.message };
  if (conn.state === 'new' && err.reasonCode === 0x84) {
    conn.send({ type: 'connack', sessionPresent: false, reasonCode: 1 });
    return;
  }
  if (conn.state === 'connected' && conn.version === 5) {
    const code = isReasonCodeAllowed('disconnect', err.reasonCode) ? err.reasonCode : 0x82;
    const packet = { type: 'disconnect' as const, reasonCode: code };
    conn.send(packet);
  }
}

/** Ends a connection for a protocol reason (MQTT 5 clients past CONNACK get DISCONNECT with it). */
export function dropConnection(core: BrokerCore, conn: BrokerConnection, cause: DisconnectCause, reasonCode?: number, message?: string): void {
  if (conn.state === 'closed') return;
  endConnection(core, conn, { cause, ...(reasonCode !== undefined ? { reasonCode } : {}), ...(message !== undefined ? { message } : {}) });
}
