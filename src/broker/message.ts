// A message inside the broker: what a PUBLISH (or a will) carries once it is accepted,
// independent of the connection it came from. Payloads are copied out of the socket
// chunk only when the message outlives the tick (retained, queued); see `detach`.
import type { Properties, PublishPacket, QoS } from '../codec/types.js';

export interface BrokerMessage {
  readonly topic: string;
  payload: Buffer;
  readonly qos: QoS;
  readonly retain: boolean;
  /**
   * Properties forwarded unaltered to subscribers [MQTT-3.3.2-17] [MQTT-3.3.2-20]:
   * payload format, content type, response topic, correlation data, user properties.
   * Topic Alias and Subscription Identifier are per-connection and never forwarded.
   */
  readonly properties: Properties | undefined;
  /** Epoch ms when the Message Expiry Interval runs out; 0 = never [MQTT-3.3.2-5]. */
  readonly expiresAt: number;
  /** Client id of the publisher, for No Local [MQTT-3.8.3-3]; undefined for wills of gone sessions / $SYS. */
  readonly origin: string | undefined;
  /** Encoded PUBLISH packets by (version, qos, retain): one encode per fan-out. */
  cache?: Array<Buffer | undefined>;
  /** Whether the payload is our own copy (not a view of a socket chunk). */
  detached?: boolean;
}

/** Builds the broker message from a received PUBLISH; `topic` is the alias-resolved name. */
export function toBrokerMessage(p: PublishPacket, topic: string, origin: string | undefined, now: number): BrokerMessage {
  const props = p.properties;
  let forwarded: Properties | undefined;
  let expiresAt = 0;
  if (props !== undefined) {
    const { topicAlias: _a, subscriptionIdentifier: _s, messageExpiryInterval, ...rest } = props;
    if (messageExpiryInterval !== undefined) expiresAt = now + messageExpiryInterval * 1000;
    forwarded = Object.keys(rest).length > 0 ? rest : undefined;
  }
  return { topic, payload: p.payload, qos: p.qos, retain: p.retain, properties: forwarded, expiresAt, origin };
}

/** Copies the payload (and binary properties) out of the socket chunk so the chunk can be freed. */
export function detach(msg: BrokerMessage): BrokerMessage {
  if (msg.detached) return msg;
  msg.payload = Buffer.from(msg.payload);
  const cd = msg.properties?.correlationData;
  if (cd !== undefined) msg.properties!.correlationData = Buffer.from(cd);
  msg.detached = true;
  return msg;
}

export function isExpired(msg: BrokerMessage, now: number): boolean {
  return msg.expiresAt !== 0 && now >= msg.expiresAt;
}

/** Seconds left, rounded up, for the forwarded Message Expiry Interval [MQTT-3.3.2-6]. */
export function remainingExpiry(msg: BrokerMessage, now: number): number {
  return Math.max(1, Math.ceil((msg.expiresAt - now) / 1000));
}
