// Options every command takes, and the global ones `mqtk` itself takes before a
// command, declared once.
import type { OptionSpec } from './spec.js';

export const generalOptions: readonly OptionSpec[] = [
  { key: 'help', flags: ['--help'], group: 'General', describe: 'show this usage and exit' },
  { key: 'version', flags: ['--version'], group: 'General', describe: 'show the version and exit' },
];

/**
 * What `mqtk` accepts before a command: help and version, and colour (passed on to the
 * command when it has colour options). Anything else there is an error naming it.
 */
export const globalOptions: readonly OptionSpec[] = [
  { key: 'help', flags: ['--help'], group: 'Global options', describe: "show this usage; 'mqtk --help COMMAND' shows the command's (-h alone works too)" },
  { key: 'version', flags: ['--version'], group: 'Global options', describe: 'show the version and exit' },
  { key: 'color', flags: ['--color'], group: 'Global options', mqtk: true, describe: 'colour even when not a terminal' },
  { key: 'noColor', flags: ['--no-color'], group: 'Global options', mqtk: true, describe: 'no colour (also NO_COLOR=1)' },
];

/** The commands `mqtk` handles itself, after the ones in the command registry. */
export const builtinCommands: ReadonlyArray<{ name: string; args: string; summary: string }> = [
  { name: 'help', args: '[COMMAND]', summary: "show mqtk's usage, or a command's" },
  { name: 'completion', args: 'bash|zsh|fish', summary: 'print a shell completion script' },
];

export const completionShells = ['bash', 'zsh', 'fish'] as const;
export type CompletionShell = (typeof completionShells)[number];
