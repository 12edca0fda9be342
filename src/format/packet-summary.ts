// One-line summaries of decoded packets for trace headers: the fields a reader looks
// for first (topic, QoS, packet id, reason code), not every field; the hex dump below
// the header carries the rest.
import type { Packet, Properties } from '../codec/types.js';

const hex2 = (n: number): string => `0x${n.toString(16).padStart(2, '0')}`;
const quote = (s: string): string => JSON.stringify(s);
const flag = (b: boolean): number => (b ? 1 : 0);

function propertyCount(props: Properties | undefined): string {
  const n = props ? Object.values(props).filter((v) => v !== undefined && !(Array.isArray(v) && v.length === 0)).length : 0;
  return n > 0 ? ` props=${n}` : '';
}

/** "topic=\"a/b\" qos=1 id=7 retain=0 dup=0 payload=5B" and the like. */
export function formatPacketSummary(packet: Packet): string {
  switch (packet.type) {
    case 'connect': {
      const parts = [`v${packet.protocolVersion === 4 ? '3.1.1' : packet.protocolVersion === 5 ? '5' : '3.1'}`, `clientId=${quote(packet.clientId)}`, `clean=${flag(packet.clean)}`, `keepalive=${packet.keepalive}`];
      if (packet.username !== undefined) parts.push(`username=${quote(packet.username)}`);
      if (packet.password !== undefined) parts.push('password=***');
      if (packet.will) parts.push(`will=${quote(packet.will.topic)}`);
      return parts.join(' ') + propertyCount(packet.properties);
    }
    case 'connack':
      return `sessionPresent=${flag(packet.sessionPresent)} reason=${hex2(packet.reasonCode)}${propertyCount(packet.properties)}`;
    case 'publish': {
      const id = packet.packetId !== undefined ? ` id=${packet.packetId}` : '';
      return `topic=${quote(packet.topic)} qos=${packet.qos}${id} retain=${flag(packet.retain)} dup=${flag(packet.dup)} payload=${packet.payload.length}B${propertyCount(packet.properties)}`;
    }
    case 'puback':
    case 'pubrec':
    case 'pubrel':
    case 'pubcomp':
      return `id=${packet.packetId} reason=${hex2(packet.reasonCode ?? 0)}${propertyCount(packet.properties)}`;
    case 'subscribe':
      return `id=${packet.packetId} ${packet.subscriptions.map((s) => `${quote(s.topicFilter)}@${s.qos}`).join(' ')}${propertyCount(packet.properties)}`;
    case 'suback':
      return `id=${packet.packetId} codes=${packet.reasonCodes.map(hex2).join(',')}${propertyCount(packet.properties)}`;
    case 'unsubscribe':
      return `id=${packet.packetId} ${packet.topicFilters.map(quote).join(' ')}${propertyCount(packet.properties)}`;
    case 'unsuback':
      return `id=${packet.packetId}${packet.reasonCodes ? ` codes=${packet.reasonCodes.map(hex2).join(',')}` : ''}${propertyCount(packet.properties)}`;
    case 'pingreq':
    case 'pingresp':
      return '';
    case 'disconnect':
    case 'auth':
      return `reason=${hex2(packet.reasonCode ?? 0)}${propertyCount(packet.properties)}`;
  }
}
