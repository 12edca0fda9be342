// How results are printed: mosquitto_sub's -v/-F/-N/--pretty, and mqtk's long
// options for JSON lines and packet traces, shared by every client command.
import type { OptionSpec } from './spec.js';

const O = 'Output';

/** mosquitto_sub's message printing options (also mosquitto_rr's). */
export const messageOutputOptions: readonly OptionSpec[] = [
  { key: 'verbose', flags: ['-v', '--verbose'], group: O, describe: "print 'topic payload'" },
  { key: 'format', flags: ['-F'], arg: 'format', group: O, describe: 'print each message through this format: %t topic, %p payload, %j JSON ... (FORMAT SPECIFIERS in the man page)', missing: '-F argument given but no format specified.' },
  { key: 'noEol', flags: ['-N'], group: O, describe: "don't end messages with a newline" },
  { key: 'pretty', flags: ['--pretty'], group: O, describe: 'pretty-print JSON for %j and %J' },
];

/** mqtk's output formats for every client command. */
export const formatOptions: readonly OptionSpec[] = [
  { key: 'output', flags: ['--output'], arg: 'text|json|trace', group: O, mqtk: true, describe: 'text (mosquitto-compatible), json (JSON lines) or trace (packets on stderr)', choices: ['text', 'json', 'trace'], invalid: "Invalid output format '{value}': use text, json or trace." },
  { key: 'json', flags: ['--json'], group: O, mqtk: true, describe: 'same as --output json' },
  { key: 'trace', flags: ['--trace'], group: O, mqtk: true, describe: 'same as --output trace: annotated hex dump of every packet on stderr' },
  { key: 'color', flags: ['--color'], group: O, mqtk: true, describe: 'colour even when not a terminal' },
  { key: 'noColor', flags: ['--no-color'], group: O, mqtk: true, describe: 'no colour (also NO_COLOR=1)' },
];
