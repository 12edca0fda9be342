// mosquitto_sub's stdout for one message (print_message): the -F template when given,
// else `topic payload` with -v, else the payload alone. Quirks kept from mosquitto:
// without -v an empty payload prints nothing at all (not even the newline); with -v it
// prints `topic (null)`, but nothing under -N. -N never suppresses a -F line, only
// its newline. --pretty matters only for %j/%J.
import type { ReceivedMessage } from './message.js';
import { plainPalette, type Palette } from './style.js';
import { compileTemplate } from './template.js';

export interface TextFormatterOptions {
  /** -v: prefix the topic. */
  verbose: boolean;
  /** false with -N: no newline after each message. */
  eol: boolean;
  /** -F template; overrides verbose. */
  format?: string;
  /** --pretty, for %j/%J. */
  pretty?: boolean;
  /** IANA zone for time fields; default: the process's local zone. */
  timeZone?: string;
  /** Colours the topic of -v lines (never -F output, which the user spelled out). */
  palette?: Palette;
}

export interface TextOutput {
  /** What mosquitto_sub writes to stdout; may be empty. */
  bytes: Buffer;
  /**
   * The bytes mosquitto_sub writes to stderr for this message, as they are (the %J
   * message ends with a newline, the %f/%d one does not): %J on a payload that is not
   * JSON, %f/%d on a payload of the wrong size. Not printed under --quiet (err_printf).
   */
  warning?: string;
}

export type TextFormatter = (msg: ReceivedMessage) => TextOutput;

const NEWLINE = Buffer.from('\n');
const EMPTY = Buffer.alloc(0);

/** Builds the formatter once; a -F template is compiled (and validated) here. */
export function createTextFormatter(opts: TextFormatterOptions): TextFormatter {
  const newline = opts.eol ? NEWLINE : EMPTY;
  if (opts.format !== undefined) {
    const warnings: string[] = [];
    const render = compileTemplate(opts.format, {
      ...(opts.pretty !== undefined ? { pretty: opts.pretty } : {}),
      ...(opts.timeZone !== undefined ? { timeZone: opts.timeZone } : {}),
      onWarning: (text) => warnings.push(text),
    });
    return (msg) => {
      warnings.length = 0;
      const bytes = Buffer.concat([render(msg), newline]);
      return warnings.length > 0 ? { bytes, warning: warnings.join('') } : { bytes };
    };
  }
  const paint = (opts.palette ?? plainPalette).topic;
  if (opts.verbose) {
    return ({ packet }) => {
      const topic = Buffer.from(paint(packet.topic), 'utf8');
      if (packet.payload.length > 0) return { bytes: Buffer.concat([topic, SPACE, packet.payload, newline]) };
      return { bytes: opts.eol ? Buffer.concat([topic, NULL_SUFFIX]) : EMPTY };
    };
  }
  return ({ packet }) => ({ bytes: packet.payload.length > 0 ? Buffer.concat([packet.payload, newline]) : EMPTY });
}

const SPACE = Buffer.from(' ');
const NULL_SUFFIX = Buffer.from(' (null)\n');
