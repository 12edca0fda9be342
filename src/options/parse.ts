// argv → ParsedArgs, driven by an option table. Pure: no I/O, throws UsageError.
//
// mosquitto's clients take the value of an option from the next argv element,
// whatever it looks like: `-m -x` publishes "-x" and `-x -1` means minus one. Options
// are matched whole (`-p1883` is an unknown option). mqtk adds `--long=value`.
import { UsageError } from '../errors.js';
import type { OptionSpec, OptionValue, ParsedArgs, PropertyArg } from './spec.js';

const tables = new WeakMap<readonly OptionSpec[], Map<string, OptionSpec>>();

function flagTable(options: readonly OptionSpec[]): Map<string, OptionSpec> {
  let table = tables.get(options);
  if (!table) {
    table = new Map();
    for (const spec of options) for (const flag of spec.flags) table.set(flag, spec);
    tables.set(options, table);
  }
  return table;
}

function missingMessage(spec: OptionSpec): string {
  return spec.missing ?? `${spec.flags[0]} argument given but no ${spec.arg ?? 'value'} specified.`;
}

/**
 * `positionals`: true accepts them anywhere; 'rest' ends option parsing at the first one
 * (mosquitto_ctrl: `-p` after `dynsec createClient alice` is the new client's password,
 * not the port).
 */
export function parseArgv(argv: readonly string[], options: readonly OptionSpec[], opts: { positionals?: boolean | 'rest' } = {}): ParsedArgs {
  const table = flagTable(options);
  const values: Record<string, OptionValue | undefined> = {};
  const seen: string[] = [];
  const positionals: string[] = [];
  let onlyPositionals = false;

  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    if (onlyPositionals) {
      positionals.push(token);
      continue;
    }
    let spec = table.get(token);
    let inline: string | undefined;
    if (!spec && token.startsWith('--') && token.includes('=')) {
      const eq = token.indexOf('=');
      spec = table.get(token.slice(0, eq));
      if (spec && spec.arg !== undefined && spec.kind !== 'property') inline = token.slice(eq + 1);
      else spec = undefined;
    }
    if (!spec) {
      if (token === '--' && opts.positionals) {
        onlyPositionals = true;
        continue;
      }
      if (opts.positionals && (!token.startsWith('-') || token === '-')) {
        positionals.push(token);
        if (opts.positionals === 'rest') onlyPositionals = true;
        continue;
      }
      throw new UsageError(`Unknown option '${token}'.`);
    }
    seen.push(spec.key);
    if (spec.arg === undefined) {
      values[spec.key] = true;
      continue;
    }
    if (spec.kind === 'property') {
      const prop = readProperty(argv, i, spec);
      i += prop.consumed;
      const list = (values[spec.key] as PropertyArg[] | undefined) ?? [];
      list.push(prop.arg);
      values[spec.key] = list;
      continue;
    }
    let value = inline;
    if (value === undefined) {
      if (i + 1 >= argv.length) throw new UsageError(missingMessage(spec));
      value = argv[++i]!;
    }
    checkChoice(spec, value);
    if (spec.repeat) {
      const list = (values[spec.key] as string[] | undefined) ?? [];
      list.push(value);
      values[spec.key] = list;
    } else {
      values[spec.key] = value;
    }
  }
  return { values, seen, positionals };
}

/** A value outside the option's `choices` is refused here, before any mapper sees it. */
function checkChoice(spec: OptionSpec, value: string): void {
  const { choices } = spec;
  if (!choices) return;
  const given = spec.ignoreCase ? value.toLowerCase() : value;
  if (choices.includes(given)) return;
  const message = spec.invalid ?? `Invalid value '{value}' for ${spec.flags[spec.flags.length - 1]}: use ${choices.slice(0, -1).join(', ')} or ${choices[choices.length - 1]}.`;
  throw new UsageError(message.replaceAll('{value}', value));
}

/** `-D command name value`, or `-D command user-property key value`. */
function readProperty(argv: readonly string[], i: number, spec: OptionSpec): { arg: PropertyArg; consumed: number } {
  const notEnough = (): never => {
    throw new UsageError(missingMessage(spec));
  };
  if (i + 3 >= argv.length) notEnough();
  const command = argv[i + 1]!;
  const name = argv[i + 2]!;
  const value = argv[i + 3]!;
  if (name.toLowerCase() === 'user-property') {
    if (i + 4 >= argv.length) notEnough();
    return { arg: { command, name, value, value2: argv[i + 4]! }, consumed: 4 };
  }
  return { arg: { command, name, value }, consumed: 3 };
}

/** Lines of a mosquitto-style options file: `-opt value` split at the first space; `#` comments. */
export function parseOptionsFile(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const sp = line.indexOf(' ');
    if (sp < 0) out.push(line);
    else out.push(line.slice(0, sp), line.slice(sp + 1).trimStart());
  }
  return out;
}
