// CONNECT (§3.1). The packet carries its own protocol level, so it decodes whatever
// version the connection is in: 3 = MQTT 3.1 ("MQIsdp"), 4 = 3.1.1, 5 = 5.0.
import { ReasonCode } from '../constants.js';
import { MqttError, malformed, protocolError } from '../errors.js';
import { assertNoProperties, decodeProperties, propertiesLength, writeProperties } from '../properties.js';
import { type Reader, binaryLength, checkInt, varintSize, writeBinary, writeU16, writeUtf8 } from '../primitives.js';
import { allocPacket } from '../packet-buffer.js';
import { topicNameLength, utf8Length } from '../utf8.js';
import type { ConnectPacket, ProtocolVersion, QoS, Will } from '../types.js';

/** Protocol name for each level [MQTT-3.1.2-1]. */
export function protocolNameFor(level: ProtocolVersion): string {
  return level === 3 ? 'MQIsdp' : 'MQTT';
}

const USERNAME = 0x80;
const PASSWORD = 0x40;
const WILL_RETAIN = 0x20;
const WILL = 0x04;
const CLEAN = 0x02;

/** mosquitto bridges (try_private) set bit 7 on levels 3 and 4; it is not part of the level. */
export function splitProtocolLevel(raw: number): { level: number; bridge: boolean } {
  const bridge = raw === 0x83 || raw === 0x84;
  return { level: bridge ? raw & 0x7f : raw, bridge };
}

export function decodeConnect(r: Reader): ConnectPacket {
  const protocolName = r.utf8('protocol name');
  const { level, bridge } = splitProtocolLevel(r.u8('protocol level'));
  if (protocolName !== 'MQTT' && protocolName !== 'MQIsdp') {
    throw new MqttError(ReasonCode.UnsupportedProtocolVersion, `unsupported protocol name "${protocolName}" [MQTT-3.1.2-1]`);
  }
  if ((level !== 3 || protocolName !== 'MQIsdp') && ((level !== 4 && level !== 5) || protocolName !== 'MQTT')) {
    throw new MqttError(ReasonCode.UnsupportedProtocolVersion, `unsupported protocol level ${level} for "${protocolName}" [MQTT-3.1.2-2]`);
  }
  const version = level as ProtocolVersion;
  const flags = r.u8('connect flags');
  checkFlags(flags, version);
  const keepalive = r.u16('keep alive');
  const properties = version === 5 ? decodeProperties(r, 'connect') : undefined;
  // The Client Identifier may be empty in 3.1.1 and 5 [MQTT-3.1.3-6]; whether to accept
  // that is the server's decision, not the codec's.
  const clientId = r.utf8('client identifier');
  const packet: ConnectPacket = { type: 'connect', protocolVersion: version, protocolName, clientId, clean: (flags & CLEAN) !== 0, keepalive };
  if (bridge) packet.bridge = true;
  if (flags & WILL) {
    const willProps = version === 5 ? decodeProperties(r, 'will') : undefined;
    const topic = r.topicName('will topic');
    if (topic === '') throw protocolError('will topic is empty; it MUST be at least one character [MQTT-4.7.3-1]');
    const will: Will = { topic, payload: r.binary('will payload'), qos: ((flags >> 3) & 3) as QoS, retain: (flags & WILL_RETAIN) !== 0 };
    if (willProps !== undefined) will.properties = willProps;
    packet.will = will;
  }
  if (flags & USERNAME) packet.username = r.utf8('user name');
  if (flags & PASSWORD) packet.password = r.binary('password');
  if (properties !== undefined) packet.properties = properties;
  r.done('CONNECT');
  return packet;
}

function checkFlags(flags: number, version: ProtocolVersion): void {
  if (flags & 0x01) throw malformed('CONNECT reserved flag (bit 0) is set [MQTT-3.1.2-3]');
  const willQos = (flags >> 3) & 3;
  if ((flags & WILL) === 0) {
    if (willQos !== 0) throw malformed('CONNECT Will QoS is not 0 while the Will Flag is 0 [MQTT-3.1.2-13]');
    if (flags & WILL_RETAIN) throw malformed('CONNECT Will Retain is set while the Will Flag is 0 [MQTT-3.1.2-15]');
  } else if (willQos === 3) throw malformed('CONNECT Will QoS is 3 [MQTT-3.1.2-14]');
  // MQTT 5 dropped this rule: a password alone is allowed there (§3.1.2.9).
  if (version < 5 && (flags & PASSWORD) && !(flags & USERNAME)) {
    throw malformed('CONNECT has the Password Flag without the User Name Flag [MQTT-3.1.2-22]');
  }
}

export function encodeConnect(p: ConnectPacket): Buffer {
  const version = p.protocolVersion;
  if (version !== 3 && version !== 4 && version !== 5) {
    throw new MqttError(ReasonCode.UnsupportedProtocolVersion, `unsupported protocol level ${String(version)} [MQTT-3.1.2-2]`);
  }
  const name = protocolNameFor(version);
  if (p.protocolName !== undefined && p.protocolName !== name) {
    throw protocolError(`protocol name "${p.protocolName}" does not match level ${version}, which uses "${name}" [MQTT-3.1.2-1]`);
  }
  checkInt(p.keepalive, 0, 0xffff, 'keep alive');
  const clientIdLen = utf8Length(p.clientId, 'client identifier');
  let remaining = 2 + name.length + 4 + 2 + clientIdLen;
  let flags = p.clean ? CLEAN : 0;
  let propsLen = 0;
  if (version === 5) {
    propsLen = propertiesLength(p.properties, 'connect');
    remaining += varintSize(propsLen) + propsLen;
  } else assertNoProperties(p.properties, 'CONNECT');

  const will = p.will;
  let willPropsLen = 0;
  let willTopicLen = 0;
  if (will !== undefined) {
    if (will.qos !== 0 && will.qos !== 1 && will.qos !== 2) throw malformed(`Will QoS must be 0, 1 or 2, got ${String(will.qos)} [MQTT-3.1.2-14]`);
    willTopicLen = topicNameLength(will.topic, 'will topic');
    if (willTopicLen === 0) throw protocolError('will topic is empty; it MUST be at least one character [MQTT-4.7.3-1]');
    remaining += 2 + willTopicLen + 2 + binaryLength(will.payload, 'will payload');
    if (version === 5) {
      willPropsLen = propertiesLength(will.properties, 'will');
      remaining += varintSize(willPropsLen) + willPropsLen;
    } else assertNoProperties(will.properties, 'will');
    flags |= WILL | (will.qos << 3) | (will.retain ? WILL_RETAIN : 0);
  }
  let usernameLen = 0;
  if (p.username !== undefined) {
    usernameLen = utf8Length(p.username, 'user name');
    remaining += 2 + usernameLen;
    flags |= USERNAME;
  }
  if (p.password !== undefined) {
    if (version < 5 && p.username === undefined) {
      throw malformed('CONNECT has a password without a user name [MQTT-3.1.2-22]');
    }
    remaining += 2 + binaryLength(p.password, 'password');
    flags |= PASSWORD;
  }

  const buf = allocPacket(0x10, remaining);
  let pos = writeUtf8(buf, buf.length - remaining, name, name.length);
  if (p.bridge && version === 5) throw protocolError('the bridge bit (try_private) exists for levels 3 and 4 only');
  buf[pos++] = p.bridge ? version | 0x80 : version;
  buf[pos++] = flags;
  pos = writeU16(buf, pos, p.keepalive);
  if (version === 5) pos = writeProperties(buf, pos, p.properties, propsLen);
  pos = writeUtf8(buf, pos, p.clientId, clientIdLen);
  if (will !== undefined) {
    if (version === 5) pos = writeProperties(buf, pos, will.properties, willPropsLen);
    pos = writeUtf8(buf, pos, will.topic, willTopicLen);
    pos = writeBinary(buf, pos, will.payload);
  }
  if (p.username !== undefined) pos = writeUtf8(buf, pos, p.username, usernameLen);
  if (p.password !== undefined) writeBinary(buf, pos, p.password);
  return buf;
}
