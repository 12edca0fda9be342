// What the client tells its user. The message shape matches format/'s ReceivedMessage
// structurally, so commands hand messages to formatters without conversion.
import type { ConnackPacket, DisconnectPacket, PublishPacket } from '../codec/types.js';
import type { ClientError } from './errors.js';

export interface IncomingMessage {
  packet: PublishPacket;
  /** Wall-clock receive time: epoch milliseconds, and nanoseconds within the second. */
  time: { epochMs: number; nanos: number };
  /** With ClientConfig.deferAcks, QoS 1/2 only: sends the PUBACK/PUBREC. Call it once the message is safe. */
  ack?: () => void;
}

export interface ClientEvents {
  /** A CONNACK accepted a (re)connection: resubscribe here when the session is new. */
  connect: (connack: ConnackPacket) => void;
  /** The connection was lost and the client is reconnecting. */
  offline: (error: ClientError | undefined) => void;
  /** Reconnect attempt `attempt` (1-based) failed; the client tries again unless that was the last. */
  retry: (error: ClientError, attempt: number) => void;
  message: (msg: IncomingMessage) => void;
  /** The server sent DISCONNECT (MQTT 5) before closing. */
  disconnect: (packet: DisconnectPacket) => void;
  /** The connection is gone; `error` is absent when we closed it ourselves. */
  close: (error?: ClientError) => void;
}

/** Receive time with sub-millisecond resolution, like mosquitto's clock_gettime. */
export function receiveTime(): IncomingMessage['time'] {
  const t = performance.timeOrigin + performance.now();
  const epochMs = Math.floor(t);
  const nanos = Math.floor((t % 1000) * 1e6);
  return { epochMs, nanos };
}
