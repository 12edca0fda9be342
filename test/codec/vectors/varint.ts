// Variable Byte Integer examples: the boundary table of §1.5.5 (3.1.1 §2.2.3, Table 2.4).
export const varintVectors: Array<{ value: number; bytes: number[] }> = [
  { value: 0, bytes: [0x00] }, // smallest 1-byte value
  { value: 127, bytes: [0x7f] }, // largest 1-byte value
  { value: 128, bytes: [0x80, 0x01] }, // smallest 2-byte value: continuation bit, then 1 × 128
  { value: 16383, bytes: [0xff, 0x7f] }, // largest 2-byte value
  { value: 16384, bytes: [0x80, 0x80, 0x01] }, // smallest 3-byte value
  { value: 2097151, bytes: [0xff, 0xff, 0x7f] }, // largest 3-byte value
  { value: 2097152, bytes: [0x80, 0x80, 0x80, 0x01] }, // smallest 4-byte value
  { value: 268435455, bytes: [0xff, 0xff, 0xff, 0x7f] }, // largest value (256 MiB - 1)
];
