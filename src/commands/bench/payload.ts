// What bench pub writes at the start of every payload, so that bench sub (in this
// process, another worker or another machine) can measure end-to-end latency and find
// lost, repeated and reordered messages per publisher:
//   0  2 bytes  magic "mb"
//   2  4 bytes  publisher id (the client's global index, unique across processes with --start-number)
//   6  4 bytes  sequence number, from 0 per publisher
//  10  8 bytes  intended send time, float64 epoch milliseconds (sub-ms precision)
// The rest is filler. Times are wall-clock: across machines, latency is as good as their clock sync.

export const STAMP_SIZE = 18;
const MAGIC0 = 0x6d;
const MAGIC1 = 0x62;

export interface Stamp {
  publisher: number;
  seq: number;
  sentMs: number;
}

/** A filler of `size` bytes with the magic in place, copied for every message. */
export function createPayloadTemplate(size: number): Buffer {
  const buf = Buffer.alloc(Math.max(size, STAMP_SIZE), 0x2e);
  buf[0] = MAGIC0;
  buf[1] = MAGIC1;
  return buf;
}

/** A new payload (QoS 1/2 messages are kept for resending, so never a shared buffer). */
export function stampPayload(template: Buffer, publisher: number, seq: number, sentMs: number): Buffer {
  const buf = Buffer.allocUnsafe(template.length);
  template.copy(buf);
  buf.writeUInt32BE(publisher >>> 0, 2);
  buf.writeUInt32BE(seq >>> 0, 6);
  buf.writeDoubleBE(sentMs, 10);
  return buf;
}

/** The stamp of a bench payload; undefined for any other message. */
export function readStamp(payload: Uint8Array): Stamp | undefined {
  if (payload.length < STAMP_SIZE || payload[0] !== MAGIC0 || payload[1] !== MAGIC1) return undefined;
  const view = new DataView(payload.buffer, payload.byteOffset, STAMP_SIZE);
  return { publisher: view.getUint32(2), seq: view.getUint32(6), sentMs: view.getFloat64(10) };
}
