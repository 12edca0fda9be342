// mosquitto's `-d` lines ("Client X sending PUBLISH (d0, q1, r0, m1, 'a', ... (5 bytes))"),
// as libmosquitto logs them, from a packet and its direction.
import type { Packet } from '../codec/types.js';

export function formatDebugLines(direction: 'in' | 'out', packet: Packet, clientId: string): string[] {
  const who = `Client ${clientId === '' ? '(null)' : clientId}`;
  const verb = direction === 'in' ? 'received' : 'sending';
  const head = `${who} ${verb} ${packet.type.toUpperCase()}`;
  switch (packet.type) {
    case 'connack':
      return [`${head} (${packet.reasonCode})`];
    case 'publish':
      return [`${head} (d${packet.dup ? 1 : 0}, q${packet.qos}, r${packet.retain ? 1 : 0}, m${packet.packetId ?? 0}, '${packet.topic}', ... (${packet.payload.length} bytes))`];
    case 'puback':
    case 'pubrec':
      return direction === 'in'
        ? [`${head} (Mid: ${packet.packetId}${packet.type === 'puback' ? `, RC:${packet.reasonCode ?? 0}` : ''})`]
        : [`${head} (m${packet.packetId}, rc${packet.reasonCode ?? 0})`];
    case 'pubrel':
      return [direction === 'in' ? `${head} (Mid: ${packet.packetId})` : `${head} (m${packet.packetId})`];
    case 'pubcomp':
      return [direction === 'in' ? `${head} (Mid: ${packet.packetId}, RC:${packet.reasonCode ?? 0})` : `${head} (m${packet.packetId})`];
    case 'subscribe':
      // libmosquitto logs one line per filter.
      return packet.subscriptions.map((s) => {
        const options = (s.noLocal ? 0x04 : 0) | (s.retainAsPublished ? 0x08 : 0) | ((s.retainHandling ?? 0) << 4);
        return `${head} (Mid: ${packet.packetId}, Topic: ${s.topicFilter}, QoS: ${s.qos}, Options: 0x${options.toString(16).padStart(2, '0')})`;
      });
    case 'unsubscribe':
      return packet.topicFilters.map((t) => `${head} (Mid: ${packet.packetId}, Topic: ${t})`);
    case 'disconnect':
      return [direction === 'in' ? `${head} (${packet.reasonCode ?? 0})` : head];
    default:
      return [head];
  }
}
