// Printing received messages the way mosquitto_sub does (sub and rr): the -v/-F/-N/--pretty
// text, or one JSON line per message with --output json.
import type { IncomingMessage } from '../client/events.js';
import { formatJsonMessage } from '../format/json.js';
import { createTextFormatter } from '../format/text.js';
import { wantColour, type OutputMode } from '../options/output-mode.js';
import type { ParsedArgs } from '../options/spec.js';
import type { PrintOptions } from '../options/subscribe-config.js';
import { createPalette } from '../term/colour.js';
import type { Terminal } from '../term/terminal.js';

/** Builds the printer once; compiling the -F template is its validation, so bad formats fail before connecting. */
export async function createMessagePrinter(opts: PrintOptions, mode: OutputMode, values: ParsedArgs['values'], term: Terminal): Promise<(msg: IncomingMessage) => void> {
  // Topics of -v lines are coloured only when stdout is a terminal (pipes get mosquitto's bytes).
  const colour = opts.verbose && opts.format === undefined && mode === 'text' && wantColour(values, term.env, term.stdout.isTTY);
  const palette = colour ? await createPalette(true) : undefined;
  const formatText = createTextFormatter({ verbose: opts.verbose, eol: opts.eol, format: opts.format, pretty: opts.pretty, ...(palette ? { palette } : {}) });
  return (msg) => {
    if (mode === 'json') {
      term.stdout.write(formatJsonMessage(msg));
      return;
    }
    const out = formatText(msg);
    // mosquitto's err_printf: the bytes as they are, nothing under --quiet.
    if (out.warning !== undefined && values.quiet !== true) term.stderr.write(out.warning);
    if (out.bytes.length > 0) term.stdout.write(out.bytes);
  };
}
