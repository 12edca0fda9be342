// mqtk serve's log: one line per event in mosquitto's words (2.0.11), each with the
// mosquitto log_type that selects it (the default types, or all with -v), so scripts that
// watch a mosquitto log ("Sending SUBACK to id") work unchanged; and `--log json`: the
// same events as JSON lines. Pure: the caller filters, adds the time prefix and writes.
import type { LogType } from '../broker/config.js';
import type { BrokerEvent } from '../broker/events.js';
import type { Packet } from '../codec/types.js';
import { formatJsonEvent, snakeCase } from './json.js';

const b = (v: boolean | undefined): number => (v ? 1 : 0);

/** A log line and its mosquitto log_type, by which `log_type` lines in the configuration select it. */
export interface LogLine {
  type: LogType;
  text: string;
}

/** The log_type of an event as a whole (for JSON lines; text lines carry their own). */
export function brokerEventLogType(e: BrokerEvent): LogType {
  switch (e.type) {
    case 'listening':
    case 'info':
      return 'information';
    case 'warning':
      return 'warning';
    case 'subscribe':
      return 'subscribe';
    case 'unsubscribe':
      return 'unsubscribe';
    case 'publish':
      return 'debug';
    default:
      return 'notice';
  }
}

/** Events that `connection_messages false` silences, as in mosquitto. */
export function isConnectionMessage(e: BrokerEvent): boolean {
  return e.type === 'connection' || e.type === 'connect' || e.type === 'connect-refused' || e.type === 'disconnect';
}

function disconnectText(e: Extract<BrokerEvent, { type: 'disconnect' }>): string {
  const why = e.message ? ` (${e.message})` : '';
  switch (e.cause) {
    case 'client': return `Client ${e.clientId} disconnected${e.reasonCode ? ` (reason code 0x${e.reasonCode.toString(16).padStart(2, '0')})` : ''}.`;
    case 'closed': return `Client ${e.clientId} closed its connection${why}.`;
    case 'keepalive': return `Client ${e.clientId} has exceeded timeout, disconnecting.`;
    case 'takeover': return `Client ${e.clientId} already connected, closing old connection.`;
    case 'protocol': return `Client ${e.clientId} disconnected due to protocol error${why}.`;
    case 'shutdown': return `Client ${e.clientId} disconnected: server shutting down.`;
  }
}

/** mosquitto's log lines for a broker event (some events have none), each with its log_type. */
export function formatBrokerEventLines(e: BrokerEvent): LogLine[] {
  const type = brokerEventLogType(e);
  const one = (text: string): LogLine[] => [{ type, text }];
  switch (e.type) {
    case 'listening':
      return one(`Opening ${e.protocol === 'websockets' ? 'websockets' : e.address.includes(':') ? 'ipv6' : 'ipv4'} listen socket on port ${e.port}.`);
    case 'connection':
      return one(`New connection from ${e.address} on port ${e.port}.`);
    case 'connect': {
      const user = e.username !== undefined ? `, u'${e.username}'` : '';
      const lines: LogLine[] = one(`New client connected from ${e.address} as ${e.clientId} (p${e.protocolVersion === 3 ? 1 : e.protocolVersion === 4 ? 2 : 5}, c${b(e.clean)}, k${e.keepalive}${user}).`);
      if (e.will === undefined) lines.push({ type: 'debug', text: 'No will message specified.' });
      else lines.push({ type: 'debug', text: `Will message specified (${e.will.bytes} bytes) (r${b(e.will.retain)}, q${e.will.qos}).` }, { type: 'debug', text: `\t${e.will.topic}` });
      return lines;
    }
    case 'connect-refused':
      return one(`Client ${e.clientId || '<unknown>'} from ${e.address}${e.username !== undefined ? ` (u'${e.username}')` : ''} refused: ${e.reason}.`);
    case 'disconnect':
      return one(disconnectText(e));
    case 'subscribe':
      return one(`${e.clientId} ${e.granted} ${e.filter}`);
    case 'unsubscribe':
      return one(`${e.clientId} ${e.filter}`);
    case 'denied': {
      // mosquitto's wording: the direction is the client's publish, not the broker's output.
      if (e.will) return one(`Denied will of ${e.clientId} (q${e.qos}, r${b(e.retain)}, '${e.topic}', ... (${e.bytes} bytes)) (not authorised).`);
      const what = e.reason === 'not authorised' ? 'Denied PUBLISH' : 'Dropped too large PUBLISH';
      return one(`${what} from ${e.clientId} (d${b(e.dup)}, q${e.qos}, r${b(e.retain)}, m${e.packetId}, '${e.topic}', ... (${e.bytes} bytes))`);
    }
    case 'dropped':
      return one(`Outgoing messages are being dropped for client ${e.clientId} (${e.reason}).`);
    case 'warning':
      return one(`Warning: ${e.message}`);
    case 'info':
      return one(e.message);
    case 'publish':
      return [];
  }
}

/** mosquitto's log lines for a broker event, whatever their log_type. */
export function formatBrokerEvent(e: BrokerEvent): string[] {
  return formatBrokerEventLines(e).map((l) => l.text);
}

/** mosquitto's "Received X from id" / "Sending X to id" lines for one packet. */
export function formatBrokerPacket(clientId: string, direction: 'in' | 'out', p: Packet): string[] {
  const name = p.type.toUpperCase();
  const head = direction === 'in' ? `Received ${name} from ${clientId}` : `Sending ${name} to ${clientId}`;
  switch (p.type) {
    case 'connect':
      return [];
    case 'publish':
      return [`${head} (d${b(p.dup)}, q${p.qos}, r${b(p.retain)}, m${p.packetId ?? 0}, '${p.topic}', ... (${p.payload.length} bytes))`];
    case 'connack':
      return [`${head} (${b(p.sessionPresent)}, ${p.reasonCode})`];
    case 'subscribe':
      return [head, ...p.subscriptions.map((s) => `\t${s.topicFilter} (QoS ${s.qos})`)];
    case 'unsubscribe':
      return [head, ...p.topicFilters.map((f) => `\t${f}`)];
    case 'puback':
    case 'pubrec':
    case 'pubrel':
    case 'pubcomp': {
      if (direction === 'out') return [`${head} (m${p.packetId}${p.type === 'pubrel' || p.type === 'pubcomp' ? '' : `, rc${p.reasonCode ?? 0}`})`];
      return [`${head} (Mid: ${p.packetId}${p.type === 'pubrel' || p.type === 'pubrec' ? '' : `, RC:${p.reasonCode ?? 0}`})`];
    }
    case 'disconnect':
      return [p.reasonCode ? `${head} (${p.reasonCode})` : head];
    default:
      return [head];
  }
}

/** One JSON line per event (`--log json`), with snake_case keys like every other JSON line mqtk writes. */
export function formatBrokerEventJson(e: BrokerEvent, time: Date): string {
  const { type, ...fields } = e;
  const line: Record<string, unknown> = { time };
  for (const [key, value] of Object.entries(fields)) line[snakeCase(key)] = value;
  return formatJsonEvent(type, line);
}

/** One JSON line per packet (`--log json -v`). */
export function formatBrokerPacketJson(clientId: string, direction: 'in' | 'out', p: Packet, time: Date): string {
  const fields: Record<string, unknown> = { time, client_id: clientId, direction, packet: p.type };
  if (p.type === 'publish') Object.assign(fields, { topic: p.topic, qos: p.qos, retain: p.retain, dup: p.dup, packet_id: p.packetId, bytes: p.payload.length });
  else if ('packetId' in p) fields.packet_id = p.packetId;
  if ('reasonCode' in p && p.reasonCode !== undefined) fields.reason_code = p.reasonCode;
  return formatJsonEvent('packet', fields);
}
