// Limits on what one client may make the broker hold or walk. Topic depth: mosquitto
// refuses topics and filters of more than 200 levels (TOPIC_HIERARCHY_LIMIT); so do we,
// configurable with max_topic_levels, for PUBLISH, wills, SUBSCRIBE and so retained
// messages. Before CONNECT, nobody is authenticated: the first packet may declare only
// max_connect_packet_size bytes, not a 200 MB CONNECT buffered for a stranger.
import type { Will } from '../codec/types.js';
import type { BrokerConfig } from './options.js';

/** The size limit of a connection's first packet: max_connect_packet_size, never above max_packet_size (0 = none). */
export function connectPacketLimit(config: BrokerConfig): number {
  const first = config.maxConnectPacketSize;
  const max = config.maxPacketSize;
  if (first <= 0) return max;
  return max <= 0 ? first : Math.min(first, max);
}

/** The largest packet a client may send us once logged in: max_packet_size, else the protocol's limit (§2.2.3). */
export function largestPacket(config: BrokerConfig): number {
  return config.maxPacketSize > 0 ? config.maxPacketSize : MAX_PACKET;
}

/** A fixed header (5 bytes at most) and the largest Remaining Length, 268,435,455 (§2.1.4). */
const MAX_PACKET = 5 + 268_435_455;

/**
 * The will as the connection keeps it until it closes: payload and correlation data
 * copied, so it does not pin the socket chunk the CONNECT arrived in.
 */
export function ownWill(will: Will | undefined): Will | undefined {
  if (will === undefined) return undefined;
  const cd = will.properties?.correlationData;
  return {
    ...will,
    payload: Buffer.from(will.payload),
    ...(cd !== undefined ? { properties: { ...will.properties, correlationData: Buffer.from(cd) } } : {}),
  };
}

/** Whether `topic` (a name or a filter) has more levels than max_topic_levels allows (0 = no limit). */
export function topicTooDeep(config: BrokerConfig, topic: string): boolean {
  const max = config.maxTopicLevels;
  if (max <= 0) return false;
  let levels = 1;
  for (let i = 0; i < topic.length; i++) if (topic.charCodeAt(i) === 0x2f && ++levels > max) return true;
  return false;
}
