// The one option table format. Every option is declared once (in connection.ts,
// message.ts, output.ts ...) and the argv parser, the help text, man pages and
// shell completions are all built from it.

export interface OptionSpec {
  /** Key in the parsed record (camelCase). Several flags may share one key. */
  key: string;
  /** Spellings, short first: ['-h', '--host']. */
  flags: readonly string[];
  /** Placeholder of the value in usage text; absent means a boolean flag. */
  arg?: string;
  /**
   * How the value is read. 'value' (default): the next argv element, whatever it looks
   * like (mosquitto takes `-m -x` as the message "-x", and `-x -1` as minus one).
   * 'property': `-D command name value` or `-D command user-property key value`.
   */
  kind?: 'value' | 'property';
  /** Repeated values are collected into a list instead of the last one winning. */
  repeat?: boolean;
  /** mosquitto's exact message when the value is missing, without "Error: ". */
  missing?: string;
  /** One line for usage text and completions. */
  describe: string;
  /** A long option mqtk adds (mosquitto has no such option). */
  mqtk?: boolean;
  /**
   * The only values accepted (checked by the parser, offered by shell completion). A value
   * outside them is refused with `invalid` ({value} is replaced), or a generic message.
   */
  choices?: readonly string[];
  /** mosquitto's message for a value not in `choices`, without "Error: "; `{value}` is the value. */
  invalid?: string;
  /** `choices` are matched ignoring case (mosquitto's -V). */
  ignoreCase?: boolean;
  /** Values shell completion offers for an open-ended value (e.g. --mosquitto 2.0; 2.0.11 works too). */
  hints?: readonly string[];
  /** Shell completion offers file (or directory) names for the value; other values complete nothing. */
  completes?: 'file' | 'dir';
  /** Usage section heading. */
  group: string;
}

/** `-D command name [key] value`, kept as given; resolved against the codec's property table later. */
export interface PropertyArg {
  command: string;
  name: string;
  /** The value, or for user-property the key. */
  value: string;
  /** user-property only: the value after the key. */
  value2?: string;
}

export type OptionValue = string | boolean | string[] | PropertyArg[];

/** What parseArgv returns: values by option key, plus positional arguments. */
export interface ParsedArgs {
  values: Record<string, OptionValue | undefined>;
  /** Keys in the order they were given (for checks like "only one message type"). */
  seen: string[];
  positionals: string[];
}

/**
 * One positional argument of a command or subcommand. Declared once; the usage text
 * (`<rolename>`, `allow|deny`, `[priority]`) and shell completion are built from it.
 */
export interface ArgSpec {
  /** Placeholder in usage text: `<name>`. */
  name: string;
  /** Words shell completion offers for it; absent: free text (nothing offered). */
  words?: readonly string[];
  /** Usage text shows the words themselves (`allow|deny`) instead of `<name>`. */
  literal?: boolean;
  /** May be left out; only trailing arguments are optional (`[count [offset]]`). */
  optional?: boolean;
  /** Shell completion offers file names. */
  completes?: 'file';
  /** Usage text when the argument is not one word (createClient's `[-c clientid] ...`). */
  usage?: string;
}

/**
 * A word that selects what the following words mean: ctrl's module `dynsec`, then each
 * dynsec command. Shell completion offers the names at their position, then the
 * `subcommands` or `args` of the one given.
 */
export interface SubcommandSpec {
  name: string;
  /** One line for completion menus. */
  describe: string;
  subcommands?: readonly SubcommandSpec[];
  args?: readonly ArgSpec[];
}

/** `<a> <b> allow|deny [c [d]]`: usage text for an argument list. */
export function formatArgs(args: readonly ArgSpec[]): string {
  const one = (a: ArgSpec): string => a.usage ?? (a.literal && a.words ? a.words.join('|') : `<${a.name}>`);
  const required = args.filter((a) => !a.optional).map(one);
  const optional = args.filter((a) => a.optional && a.usage === undefined).map((a) => a.name);
  const nested = optional.reduceRight((inner, name) => `[${name}${inner ? ` ${inner}` : ''}]`, '');
  const extra = args.filter((a) => a.optional && a.usage !== undefined).map((a) => a.usage!);
  return [...required, ...(nested ? [nested] : []), ...extra].join(' ');
}
