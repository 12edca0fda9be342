// The value every formatter takes: one received PUBLISH plus the wall-clock time it
// arrived. The client engine builds these; formatters never read a clock themselves,
// so the same message always formats to the same bytes.
import type { PublishPacket } from '../codec/types.js';

export interface ReceiveTime {
  /** Milliseconds since the Unix epoch. */
  epochMs: number;
  /**
   * Nanoseconds within the current second, 0..999_999_999 (mosquitto's `@N`, `%U`).
   * Must agree with epochMs: Math.floor(nanos / 1e6) === epochMs mod 1000.
   */
  nanos: number;
}

export interface ReceivedMessage {
  packet: PublishPacket;
  /** Wall-clock receive time. */
  time: ReceiveTime;
}

