import { describe, expect, it } from 'vitest';
import { createPayloadTemplate, readStamp, STAMP_SIZE, stampPayload } from '../../../src/commands/bench/payload.js';

describe('payload stamp', () => {
  it('round-trips publisher id, sequence and send time with sub-millisecond precision', () => {
    const t = createPayloadTemplate(64);
    const p = stampPayload(t, 4_000_000_000, 123_456, 1_796_190_593_962.123);
    expect(p.length).toBe(64);
    expect(readStamp(p)).toEqual({ publisher: 4_000_000_000, seq: 123_456, sentMs: 1_796_190_593_962.123 });
  });

  it('gives each message its own buffer (QoS 1/2 messages are kept for resending)', () => {
    const t = createPayloadTemplate(32);
    const a = stampPayload(t, 1, 1, 1);
    const b = stampPayload(t, 1, 2, 2);
    expect(readStamp(a)!.seq).toBe(1);
    expect(readStamp(b)!.seq).toBe(2);
  });

  it('reads a stamp at a non-zero offset of a larger buffer', () => {
    const p = stampPayload(createPayloadTemplate(STAMP_SIZE), 9, 8, 7);
    const big = Buffer.concat([Buffer.from('xxx'), p]);
    expect(readStamp(big.subarray(3))).toEqual({ publisher: 9, seq: 8, sentMs: 7 });
  });

  it('ignores payloads that are not bench stamps', () => {
    expect(readStamp(Buffer.from('hello world, hello world'))).toBeUndefined();
    expect(readStamp(Buffer.from('mb'))).toBeUndefined();
  });
});
