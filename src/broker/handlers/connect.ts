// CONNECT (§3.1): client identifier rules, authentication (may be asynchronous: the wire
// holds later packets meanwhile), session take-over, Clean Start / Session Expiry, then
// CONNACK and the resend of what the session still owes the client.
import { randomUUID } from 'node:crypto';
import type { ConnectPacket, Properties } from '../../codec/types.js';
import type { BrokerConnection } from '../connection.js';
import type { BrokerCore } from '../core.js';
import { endConnection } from '../lifecycle.js';
import { receiveMaximum } from '../options.js';
import { resume } from '../outbound.js';
import { NEVER_EXPIRES, openSession } from '../sessions.js';
import { cancelPendingWill } from '../will.js';

/** CONNACK refusal: the v5 reason code and the 3.1.1 return code. */
function refuse(core: BrokerCore, conn: BrokerConnection, p: ConnectPacket, code5: number, code3: number, reason: string): void {
  const packet = { type: 'connack' as const, sessionPresent: false, reasonCode: p.protocolVersion === 5 ? code5 : code3 };
  conn.send(packet);
  core.emit?.({ type: 'connect-refused', clientId: p.clientId, address: conn.address, reasonCode: packet.reasonCode, reason });
  endConnection(core, conn, { cause: 'protocol', reasonCode: packet.reasonCode, message: reason });
}

export function handleConnect(core: BrokerCore, conn: BrokerConnection, p: ConnectPacket): void {
  // Later packets of this chunk are decoded with the client's version.
  conn.wire.setProtocolVersion(p.protocolVersion);
  conn.clientId = p.clientId;
  conn.username = p.username;
  core.onPacket?.(conn, 'in', p);
  const v = p.protocolVersion;
  let clientId = p.clientId;
  let assigned: string | undefined;
  if (clientId === '') {
    // 3.1 needs an id; 3.1.1 allows an empty one only with Clean Session [MQTT-3.1.3-8].
    if (v === 3 || (v === 4 && !p.clean)) return refuse(core, conn, p, 0x85, 2, 'empty client identifier without clean session [MQTT-3.1.3-8]');
    clientId = `auto-${randomUUID()}`;
    // MQTT 5 tells the client the id it got [MQTT-3.2.2-16].
    if (v === 5) assigned = clientId;
  }
  if (p.properties?.authenticationMethod !== undefined) {
    return refuse(core, conn, p, 0x8c, 5, `authentication method "${p.properties.authenticationMethod}" is not supported`);
  }
  const max = core.config.maxKeepalive;
  let serverKeepAlive: number | undefined;
  if (max < 65535 && (p.keepalive === 0 || p.keepalive > max)) {
    // MQTT 5 is told the limit [MQTT-3.2.2-21]; older clients are refused, as mosquitto does.
    if (v < 5) return refuse(core, conn, p, 0x85, 2, `keep alive ${p.keepalive} exceeds max_keepalive ${max}`);
    serverKeepAlive = max;
  }
  conn.clientId = clientId;
  conn.state = 'authenticating';
  const verdict = authenticate(core, conn, p);
  const go = (ok: boolean): void => {
    if (conn.state !== 'authenticating' || conn.wire.isClosed) return;
    if (!ok) return refuse(core, conn, p, 0x87, 5, p.username === undefined ? 'anonymous clients are not allowed' : 'not authorised');
    accept(core, conn, p, clientId, assigned, serverKeepAlive);
  };
  if (typeof verdict === 'boolean') return go(verdict);
  conn.wire.hold();
  verdict.then(go, () => go(false));
}

function authenticate(core: BrokerCore, conn: BrokerConnection, p: ConnectPacket): boolean | Promise<boolean> {
  if (conn.trusted) return true;
  const hook = core.hooks.authenticate;
  if (hook !== undefined && (p.username !== undefined || p.password !== undefined || conn.certificateCN !== undefined)) {
    return hook(conn, p.password);
  }
  return core.config.allowAnonymous;
}

function accept(core: BrokerCore, conn: BrokerConnection, p: ConnectPacket, clientId: string, assigned: string | undefined, serverKeepAlive: number | undefined): void {
  const now = Date.now();
  // Session take-over [MQTT-3.1.4-3]: the old connection goes first (will, session detach).
  const old = core.clients.get(clientId);
  if (old !== undefined && old !== conn) endConnection(core, old, { cause: 'takeover', reasonCode: 0x8e });
  const { session, present } = openSession(core, clientId, p.clean);
  session.expiryInterval = p.protocolVersion === 5 ? p.properties?.sessionExpiryInterval ?? 0 : p.clean ? 0 : NEVER_EXPIRES;
  session.link = conn;
  session.username = p.username;
  session.trusted = conn.trusted;
  cancelPendingWill(session);
  conn.session = session;
  conn.connectExpiry = session.expiryInterval;
  conn.state = 'connected';
  conn.will = p.will;
  conn.bridge = p.bridge === true;
  conn.sendWill = true;
  conn.keepaliveMs = (serverKeepAlive ?? p.keepalive) * 1500;
  const maxInflight = receiveMaximum(core.config);
  conn.sendWindow = Math.min(p.properties?.receiveMaximum ?? 65535, maxInflight);
  conn.maxPacketSize = p.properties?.maximumPacketSize ?? 0;
  core.clients.set(clientId, conn);
  if (core.clients.size > core.stats.clientsMaximum) core.stats.clientsMaximum = core.clients.size;

  const w = p.will;
  core.emit?.({
    type: 'connect', clientId, address: conn.address, protocolVersion: p.protocolVersion, clean: p.clean, keepalive: p.keepalive, username: p.username,
    will: w === undefined ? undefined : { topic: w.topic, qos: w.qos, retain: w.retain, bytes: w.payload.length },
  });
  const connack = { type: 'connack' as const, sessionPresent: present, reasonCode: 0, ...(p.protocolVersion === 5 ? { properties: connackProperties(core, assigned, serverKeepAlive) } : {}) };
  // A persistent session is on disk before CONNACK confirms it; committed here, not at the
  // end of the turn, so that CONNACK still goes before any other packet [MQTT-3.2.0-1].
  core.sink?.sessionChanged(session);
  core.sink?.commitNow();
  conn.send(connack);
  resume(core, session, conn, now);
  conn.wire.release();
}

function connackProperties(core: BrokerCore, assigned: string | undefined, serverKeepAlive: number | undefined): Properties {
  const c = core.config;
  const props: Properties = {};
  if (receiveMaximum(c) < 65535) props.receiveMaximum = receiveMaximum(c);
  if (c.maxPacketSize > 0) props.maximumPacketSize = c.maxPacketSize;
  if (c.maxTopicAlias > 0) props.topicAliasMaximum = c.maxTopicAlias;
  if (!c.retainAvailable) props.retainAvailable = 0;
  if (assigned !== undefined) props.assignedClientIdentifier = assigned;
  if (serverKeepAlive !== undefined) props.serverKeepAlive = serverKeepAlive;
  return props;
}
