// Options every command takes, declared once.
import type { OptionSpec } from './spec.js';

export const generalOptions: readonly OptionSpec[] = [
  { key: 'help', flags: ['--help'], group: 'General', describe: 'show this usage and exit' },
  { key: 'version', flags: ['--version'], group: 'General', describe: 'show the version and exit' },
];
