// Builds ReceivedMessage values for formatter tests: a QoS 0 "hello" on ft/a received at
// a fixed instant (2026-11-22T02:12:40.123456789Z) unless overridden.
import type { Properties, PublishPacket } from '../../src/codec/types.js';
import type { ReceivedMessage } from '../../src/format/message.js';

export const FIXED_EPOCH_MS = 1795313560123;
export const FIXED_NANOS = 123456789;

export function makeMessage(
  packet: Partial<Omit<PublishPacket, 'type'>> = {},
  time: { epochMs: number; nanos: number } = { epochMs: FIXED_EPOCH_MS, nanos: FIXED_NANOS },
): ReceivedMessage {
  const qos = packet.qos ?? 0;
  return {
    packet: {
      type: 'publish',
      topic: 'ft/a',
      payload: Buffer.from('hello'),
      qos,
      retain: false,
      dup: false,
      ...(qos > 0 ? { packetId: 1 } : {}),
      ...packet,
    },
    time,
  };
}

/** The v5 properties of the reference's %j sample, in the order mosquitto forwards them. */
export const SAMPLE_PROPERTIES: Properties = {
  contentType: 'text/plain',
  userProperties: [
    ['k1', 'v1'],
    ['k2', 'v2'],
  ],
  payloadFormatIndicator: 1,
  responseTopic: 'rt',
  correlationData: Buffer.from('cd'),
  messageExpiryInterval: 30,
};
