// --trace: one packet as a header line plus an annotated hex dump, one row per field
// span (the codec's annotate() produces the spans; this file only lays them out):
//
//   14:03:07.512 → PUBLISH topic="a/b" qos=1 id=7 retain=0 dup=0 payload=5B (14 bytes)
//     0000  32                                               2                 fixed header = PUBLISH qos=1
//     0001  0c                                               .                 remaining length = 12
//
// Rows wrap at 16 bytes; spans over 256 bytes show their first 8 and last 4 rows around
// an "… N bytes …" row. A packet the codec rejected gets a "!! MALFORMED" line (or
// "!! REJECTED" for other reason codes) and its unparsed bytes are dumped after it.
import type { Packet, Span } from '../codec/types.js';
import { toLocalTime } from './local-time.js';
import { formatPacketSummary } from './packet-summary.js';
import { plainPalette, type Palette } from './style.js';

export interface TraceEntry {
  direction: 'in' | 'out';
  /** When the packet passed: a Date or epoch milliseconds. */
  time: Date | number;
  /** The whole packet, fixed header included. */
  raw: Buffer;
  /** Field spans over `raw` (offsets from its first byte). */
  spans: Span[];
  /** The decoded packet, summarised in the header. */
  packet?: Packet;
  /** Why the codec rejected the packet. */
  error?: { reasonCode: number; message: string };
}

/** Names come from the codec's tables, which this pure formatter does not import. */
export interface TraceOptions {
  /** IANA zone for the header time; default: the process's local zone. */
  timeZone?: string;
  /** The name of a packet type (the first byte's high nibble), e.g. "PUBLISH". */
  typeName: (type: number) => string;
  reasonName: (code: number) => string;
}

const ROW_BYTES = 16;
const HEX_WIDTH = ROW_BYTES * 3 - 1;
/** Spans longer than this are elided in the middle. */
const ELIDE_OVER = 256;
const HEAD_ROWS = 8;
const TAIL_ROWS = 4;

const pad2 = (n: number): string => String(n).padStart(2, '0');

function clock(time: Date | number, timeZone: string | undefined): string {
  const ms = typeof time === 'number' ? time : time.getTime();
  const t = toLocalTime(ms, timeZone);
  const millis = String(((Math.floor(ms) % 1000) + 1000) % 1000).padStart(3, '0');
  return `${pad2(t.hour)}:${pad2(t.minute)}:${pad2(t.second)}.${millis}`;
}

const printable = (b: number): string => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.');

/** One dump row: offset, hex, ASCII, then an optional label. Padding happens before painting. */
function row(raw: Buffer, offset: number, length: number, label: string, palette: Palette): string {
  const bytes = raw.subarray(offset, offset + length);
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join(' ').padEnd(HEX_WIDTH);
  const ascii = [...bytes].map(printable).join('').padEnd(ROW_BYTES);
  const line = `  ${palette.dim(offset.toString(16).padStart(4, '0'))}  ${hex}  ${palette.dim(ascii)}`;
  return label === '' ? line.trimEnd() : `${line}  ${label}`;
}

/** Rows for `length` bytes at `offset`: wrapped at 16 bytes, elided in the middle when long. */
function dumpRows(raw: Buffer, offset: number, length: number, label: string, palette: Palette): string[] {
  const rows: string[] = [];
  const count = Math.ceil(length / ROW_BYTES);
  const elide = length > ELIDE_OVER;
  for (let i = 0; i < count; i++) {
    if (elide && i === HEAD_ROWS) {
      const skipped = Math.min(length, (count - TAIL_ROWS) * ROW_BYTES) - HEAD_ROWS * ROW_BYTES;
      rows.push(`  ${' '.repeat(4)}  ${palette.dim(`… ${skipped} bytes …`)}`);
      i = count - TAIL_ROWS - 1;
      continue;
    }
    const start = offset + i * ROW_BYTES;
    rows.push(row(raw, start, Math.min(ROW_BYTES, offset + length - start), i === 0 ? label : '', palette));
  }
  return rows;
}

function spanLabel(span: Span, palette: Palette): string {
  const indent = '  '.repeat(span.depth);
  const value = span.value !== undefined ? ` = ${palette.value(span.value)}` : '';
  return `${indent}${palette.field(span.field)}${value}`;
}

/** The trace text for one packet, ending with a newline. */
export function formatTrace(entry: TraceEntry, palette: Palette, opts: TraceOptions): string {
  const { raw, error } = entry;
  const out: string[] = [];
  const arrow = entry.direction === 'out' ? palette.outArrow('→') : palette.inArrow('←');
  const typeName = raw.length > 0 ? opts.typeName(raw[0]! >> 4) : 'EMPTY';
  const summary = entry.packet ? formatPacketSummary(entry.packet) : '';
  const size = `(${raw.length} byte${raw.length === 1 ? '' : 's'})`;
  out.push([palette.dim(clock(entry.time, opts.timeZone)), arrow, palette.packetType(typeName), summary, palette.dim(size)].filter((s) => s !== '').join(' '));

  // Parsed spans first; 'unparsed' spans and bytes no span covers come after the error line.
  const spans = [...entry.spans].sort((a, b) => a.offset - b.offset);
  const parsed = spans.filter((s) => s.field !== 'unparsed');
  let covered = 0;
  for (const span of parsed) {
    if (span.offset > covered) out.push(...dumpRows(raw, covered, span.offset - covered, palette.error('(not annotated)'), palette));
    out.push(...dumpRows(raw, span.offset, span.length, spanLabel(span, palette), palette));
    covered = Math.max(covered, span.offset + span.length);
  }
  if (error) {
    const code = `0x${error.reasonCode.toString(16).padStart(2, '0')}`;
    const what = error.reasonCode === 0x81 ? 'MALFORMED' : 'REJECTED';
    out.push(palette.error(`!! ${what}: ${code} ${opts.reasonName(error.reasonCode)}: ${error.message}`));
  }
  if (covered < raw.length) out.push(...dumpRows(raw, covered, raw.length - covered, palette.error('unparsed'), palette));
  return `${out.join('\n')}\n`;
}
