// CONNECT (§3.1): client identifier rules, authentication (may be asynchronous: the wire
// holds later packets meanwhile), session take-over, Clean Start / Session Expiry, then
// CONNACK and the resend of what the session still owes the client.
import { ReasonCode } from '../../codec/constants.js';
import { randomUUID } from 'node:crypto';
import type { ConnectPacket, Properties } from '../../codec/types.js';
import { type BrokerConnection, ReadHold } from '../connection.js';
import type { BrokerCore } from '../core.js';
import { endConnection } from '../lifecycle.js';
import { ownWill, topicTooDeep } from '../limits.js';
import { receiveMaximum } from '../options.js';
import { resume } from '../outbound.js';
import { NEVER_EXPIRES, openSession } from '../sessions.js';
import { OutboundAliases } from '../topic-alias-out.js';
import { isValidMqttText } from '../../topic/validate.js';
import { cancelPendingWill } from '../will.js';

/** CONNACK refusal: the v5 reason code and the 3.1.1 return code. */
function refuse(core: BrokerCore, conn: BrokerConnection, p: ConnectPacket, code5: number, code3: number, reason: string): void {
  const packet = { type: 'connack' as const, sessionPresent: false, reasonCode: p.protocolVersion === 5 ? code5 : code3 };
  conn.send(packet);
  core.emit?.({ type: 'connect-refused', clientId: p.clientId, address: conn.address, username: p.username, reasonCode: packet.reasonCode, reason });
  endConnection(core, conn, { cause: 'protocol', reasonCode: packet.reasonCode, message: reason });
}

export function handleConnect(core: BrokerCore, conn: BrokerConnection, p: ConnectPacket): void {
  // Later packets of this chunk are decoded with the client's version, and may be as
  // large as max_packet_size allows (only the CONNECT had the pre-login bound; while it
  // is authenticated, reading is held, so no more than this chunk is buffered).
  conn.wire.setProtocolVersion(p.protocolVersion);
  conn.wire.setMaxPacketSize(core.config.maxPacketSize > 0 ? core.config.maxPacketSize : undefined);
  conn.login?.connectReceived();
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
  if (p.will !== undefined && !isValidMqttText(p.will.topic)) {
    // A will topic with control characters or non-characters [MQTT-1.5.4-3]: a malformed
    // CONNECT for mosquitto, which closes the connection without CONNACK in every version.
    return endConnection(core, conn, { cause: 'protocol', reasonCode: 0x81, message: 'will topic with control characters or non-characters (malformed UTF-8) [MQTT-1.5.4-3]' });
  }
  if (p.will !== undefined && topicTooDeep(core.config, p.will.topic)) {
    // Topic Name invalid (v5); 3.1.1 has no code for it: closed without CONNACK, as mosquitto does.
    if (v === 5) return refuse(core, conn, p, 0x90, 0, `will topic of more than ${core.config.maxTopicLevels} levels`);
    return endConnection(core, conn, { cause: 'protocol', message: `will topic of more than ${core.config.maxTopicLevels} levels` });
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
  conn.holdReading(ReadHold.auth);
  verdict.then(go, () => go(false));
}

function authenticate(core: BrokerCore, conn: BrokerConnection, p: ConnectPacket): boolean | Promise<boolean> {
  if (conn.trusted) return true;
  const scope = conn.security;
  const hook = scope.hooks.authenticate;
  if (hook !== undefined && (p.username !== undefined || p.password !== undefined || conn.certificateCN !== undefined)) {
    return hook(conn, p.password, () => conn.state !== 'authenticating' || conn.wire.isClosed);
  }
  return scope.allowAnonymous;
}

function accept(core: BrokerCore, conn: BrokerConnection, p: ConnectPacket, clientId: string, assigned: string | undefined, serverKeepAlive: number | undefined): void {
  const now = Date.now();
  // Session take-over [MQTT-3.1.4-3]: the old connection goes first (will, session detach).
  const old = core.clients.get(clientId);
  if (old !== undefined && old !== conn) endConnection(core, old, { cause: 'takeover', reasonCode: ReasonCode.SessionTakenOver });
  const { session, present } = openSession(core, clientId, p.clean, { username: p.username, trusted: conn.trusted });
  session.expiryInterval = p.protocolVersion === 5 ? p.properties?.sessionExpiryInterval ?? 0 : p.clean ? 0 : NEVER_EXPIRES;
  session.link = conn;
  session.username = p.username;
  session.trusted = conn.trusted;
  session.security = conn.security;
  cancelPendingWill(session);
  conn.session = session;
  conn.connectExpiry = session.expiryInterval;
  conn.state = 'connected';
  conn.will = ownWill(p.will);
  conn.bridge = p.bridge === true;
  conn.sendWill = true;
  // Keep Alive 0 is no licence to hold a connection for ever: silent for max_keepalive
  // seconds, it is closed (the broker's own bridge links excepted).
  const keepalive = serverKeepAlive ?? p.keepalive;
  conn.keepaliveMs = keepalive > 0 ? keepalive * 1500 : conn.trusted ? 0 : core.config.maxKeepalive * 1000;
  // Our window towards the client: max_inflight_messages, unless the client asks for fewer
  // (a bridge of ours gets the window it asks for).
  const clientMax = p.properties?.receiveMaximum ?? 65535;
  conn.sendWindow = conn.trusted ? clientMax : Math.min(clientMax, receiveMaximum(core.config));
  conn.maxPacketSize = p.properties?.maximumPacketSize ?? 0;
  // Outbound aliases only up to the client's Topic Alias Maximum; none when it sent none [MQTT-3.3.2-11].
  const aliasMax = p.protocolVersion === 5 ? p.properties?.topicAliasMaximum ?? 0 : 0;
  conn.outAliases = aliasMax > 0 ? new OutboundAliases(aliasMax) : undefined;
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
  conn.login?.loggedIn();
  conn.releaseReading(ReadHold.auth);
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
