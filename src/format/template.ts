// mosquitto_sub -F: the format is parsed and validated once (template-parse.ts) and
// turned into a list of segment functions; rendering a message only runs those.
// Output is bytes because %p, %D and raw payload text in %j need not be UTF-8.
//
// Baseline is mosquitto 2.0.11, byte for byte, except where the reference lists a 2.0.11
// bug (§11 item 7) and we follow 2.1: %x/%X honour the width as 2.1 does (2.0.11 halves
// the bytes printed), %j's tst has no stray "Z", user-properties is an array and
// topic-alias is read correctly. %f, %d and hex separators (%.2:x) are 2.1 additions.
//
// Two cases print to stderr in mosquitto and still print the rest of the line on
// stdout: %J with a payload that is not JSON, and %f/%d with a payload of the wrong
// size. The field then renders as nothing and the exact stderr bytes are passed to
// `onWarning` (mosquitto 2.1 ends the %J one with a newline and the %f/%d one without);
// the caller decides where they go.
import type { PublishPacket } from '../codec/types.js';
import { InternalError } from '../errors.js';
import { toLocalTime, type LocalTime } from './local-time.js';
import type { ReceivedMessage } from './message.js';
import { cString, formatMosquittoJson } from './mosquitto-json.js';
import { printfFloat, printfInt, printfStr, type FieldSpec } from './printf.js';
import { strftime } from './strftime.js';
import { parseTemplate, type Token } from './template-parse.js';

export interface TemplateOptions {
  /** --pretty: tab-indented JSON for %j and %J. */
  pretty?: boolean;
  /** IANA zone for %I, %j, @X; default: the process's local zone, as localtime() uses. */
  timeZone?: string;
  /** Receives mosquitto's stderr text for %J on non-JSON and %f/%d on wrong-size payloads. */
  onWarning?: (text: string) => void;
}

/** Renders one message; the bytes mosquitto_sub writes to stdout, without the -N newline. */
export type Template = (msg: ReceivedMessage) => Buffer;

interface RenderContext {
  msg: ReceivedMessage;
  packet: PublishPacket;
  /** The local receive time, computed at most once per message. */
  local(): LocalTime;
  warn(text: string): void;
}

type Segment = (ctx: RenderContext) => Buffer | string;

/** Compiles a -F format; throws UsageError with mosquitto's message when it is invalid. */
export function compileTemplate(format: string, opts: TemplateOptions = {}): Template {
  const segments = parseTemplate(format).map((token) => toSegment(token, opts));
  const warn = opts.onWarning ?? ((): void => {});
  return (msg) => {
    let local: LocalTime | undefined;
    const ctx: RenderContext = {
      msg,
      packet: msg.packet,
      local: () => (local ??= toLocalTime(msg.time.epochMs, opts.timeZone)),
      warn,
    };
    const parts = segments.map((segment) => {
      const part = segment(ctx);
      return typeof part === 'string' ? Buffer.from(part, 'utf8') : part;
    });
    return Buffer.concat(parts);
  };
}

function toSegment(token: Token, opts: TemplateOptions): Segment {
  switch (token.kind) {
    case 'literal': {
      const { bytes } = token;
      return () => bytes;
    }
    case 'time':
      if (token.letter === 'N') return (ctx) => String(ctx.msg.time.nanos).padStart(9, '0');
      return (ctx) => strftime(token.letter, ctx.local());
    case 'field':
      return fieldSegment(token.letter, token.spec, token.separator, opts);
  }
}

/** formatted_print_blank: `width` pad characters for an absent property. */
const blank = (spec: FieldSpec, fill = spec.zeroPad ? '0' : ' '): string => fill.repeat(spec.width);
/** An integer property: printed with the field's flags when present, blanked when absent. */
const intOrBlank = (value: number | undefined, spec: FieldSpec): string =>
  value === undefined ? blank(spec) : printfInt(value, spec);
/** libmosquitto reads u32 properties into an int for printing: values above 2^31-1 go negative. */
const asCInt = (value: number | undefined): number | undefined => (value === undefined ? undefined : value | 0);

function fieldSegment(letter: string, spec: FieldSpec, separator: number, opts: TemplateOptions): Segment {
  const props = (ctx: RenderContext) => ctx.packet.properties ?? {};
  switch (letter) {
    case 'A':
      return (ctx) => intOrBlank(props(ctx).topicAlias, spec);
    case 'C':
      return (ctx) => {
        const value = props(ctx).contentType;
        // 2.0.11 blanks a missing content type with spaces even under the 0 flag.
        return value === undefined ? blank(spec, ' ') : printfStr(cString(value), spec);
      };
    case 'D':
      return (ctx) => props(ctx).correlationData ?? '';
    case 'E':
      return (ctx) => intOrBlank(asCInt(props(ctx).messageExpiryInterval), spec);
    case 'F':
      return (ctx) => intOrBlank(props(ctx).payloadFormatIndicator, spec);
    case 'S':
      return (ctx) => intOrBlank(asCInt(props(ctx).subscriptionIdentifier?.[0]), spec);
    case 'R':
      return (ctx) => {
        const value = props(ctx).responseTopic;
        return value === undefined ? '' : printfStr(cString(value), spec);
      };
    case 'P':
      return (ctx) => {
        const pairs = props(ctx).userProperties ?? [];
        return Buffer.concat(pairs.flatMap(([k, v], i) => [i > 0 ? SPACE : EMPTY, cString(k), COLON, cString(v)]));
      };
    case 'I':
      return (ctx) => {
        const t = ctx.local();
        return printfStr(Buffer.from(`${strftime('F', t)}T${strftime('T', t)}${strftime('z', t)}`, 'latin1'), spec);
      };
    case 'U':
      return (ctx) => `${ctx.local().epochSec}.${String(ctx.msg.time.nanos).padStart(9, '0')}`;
    case 'j':
    case 'J':
      return (ctx) => {
        const json = formatMosquittoJson(ctx.msg, ctx.local(), letter === 'j', opts.pretty ?? false);
        if (json !== undefined) return json;
        // mosquitto verbatim, with its newline: a per-message line in the output stream, not an exit error.
        ctx.warn(`Error: Message payload is not valid JSON on topic ${ctx.packet.topic}.\n`);
        return EMPTY;
      };
    case 'l':
      return (ctx) => printfInt(ctx.packet.payload.length, spec);
    case 'm':
      return (ctx) => printfInt(ctx.packet.packetId ?? 0, spec);
    case 'p':
      return (ctx) => writePayload(ctx.packet.payload, 0, spec, separator);
    case 'x':
    case 'X': {
      const hex = letter === 'x' ? 1 : 2;
      return (ctx) => writePayload(ctx.packet.payload, hex, spec, separator);
    }
    case 'q':
      return (ctx) => String(ctx.packet.qos);
    case 'r':
      return (ctx) => (ctx.packet.retain ? '1' : '0');
    case 't':
      return (ctx) => printfStr(cString(ctx.packet.topic), spec);
    case 'f':
    case 'd':
      return floatSegment(letter, spec);
    default:
      // template-parse.ts only lets the letters above through.
      throw new InternalError(`unhandled -F letter ${letter}`);
  }
}

const SPACE = Buffer.from(' ');
const COLON = Buffer.from(':');
const EMPTY = Buffer.alloc(0);

/** %f: the payload as a 4-byte float, %d: as an 8-byte double, in host (little-endian) order. */
function floatSegment(letter: 'f' | 'd', spec: FieldSpec): Segment {
  const size = letter === 'f' ? 4 : 8;
  const what = letter === 'f' ? 'float' : 'double';
  return (ctx) => {
    const payload = ctx.packet.payload;
    if (payload.length !== size) {
      // mosquitto 2.1 prints this without a newline (sub_client_output.c), and so do we.
      ctx.warn(`requested ${what} printing, but non-${what} data received`);
      return EMPTY;
    }
    return printfFloat(size === 4 ? payload.readFloatLE(0) : payload.readDoubleLE(0), spec);
  };
}

const HEX_DIGITS = '0123456789abcdef';
const HEX_DIGITS_UPPER = HEX_DIGITS.toUpperCase();

/**
 * write_payload() of mosquitto 2.1 (raw bytes for hex = 0, lower/upper-case hex for 1/2).
 * Quirks kept: a width truncates the payload to that many bytes; with `-` the trailing
 * pad is |padlen| spaces even when padlen is negative (printf's "%*s"), so `%-p`
 * appends one space per payload byte; separators are also counted in the leading pad.
 */
function writePayload(payload: Buffer, hex: 0 | 1 | 2, spec: FieldSpec, separator: number): Buffer {
  const { width, precision } = spec;
  const length = width > 0 && payload.length > width ? width : payload.length;
  const padlen = width > 0 && hex > 0 ? width - length * 2 : width - length;
  const out: number[] = [];
  let xpos = 0;
  const sep = (): void => {
    if (precision > 0 && xpos % precision === precision - 1) out.push(separator);
  };
  if (!spec.leftAlign) {
    const pad = spec.zeroPad ? 0x30 : 0x20;
    for (let i = 0; i < padlen; i++) {
      out.push(pad);
      if (hex > 0) sep();
      xpos++;
    }
  }
  const trail = spec.leftAlign ? Buffer.alloc(Math.abs(padlen), 0x20) : EMPTY;
  if (hex === 0) return Buffer.concat([Buffer.from(out), payload.subarray(0, length), trail]);
  const digits = hex === 1 ? HEX_DIGITS : HEX_DIGITS_UPPER;
  for (let i = 0; i < length; i++) {
    out.push(digits.charCodeAt(payload[i]! >> 4));
    sep();
    xpos++;
    out.push(digits.charCodeAt(payload[i]! & 0x0f));
    if (i < length - 1) {
      sep();
      xpos++;
    }
  }
  return Buffer.concat([Buffer.from(out), trail]);
}
