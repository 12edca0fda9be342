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
