// `mqtk serve`: the broker's command-line options and the one pure mapping from parsed
// argv to ServeOptions. The mosquitto.conf file (-c) is read by the command; its subset
// parser lives with the broker (src/broker/config.ts).
import { UsageError } from '../errors.js';
import { list, parsePort, str } from './numbers.js';
import type { OptionSpec, ParsedArgs } from './spec.js';
import { generalOptions } from './general.js';

const L = 'Listening';
const O = 'Logging';

export const serveOptions: readonly OptionSpec[] = [
  { key: 'configFile', flags: ['-c', '--config-file'], arg: 'file', completes: 'file', group: L, describe: 'read a mosquitto.conf (listener, allow_anonymous, password_file, acl_file, TLS, persistence, limits, bridges)' },
  { key: 'port', flags: ['-p', '--port'], arg: 'port', repeat: true, group: L, describe: 'listen on this port (repeatable); 0 picks a free port and prints it. Default 1883' },
  { key: 'bind', flags: ['--bind'], arg: 'address', mqtk: true, group: L, describe: 'address for -p listeners (default 127.0.0.1: local only)' },
  { key: 'persist', flags: ['--persist'], arg: 'dir', completes: 'dir', mqtk: true, group: L, describe: 'keep retained messages and persistent sessions in DIR across restarts (persistence true)' },
  { key: 'verbose', flags: ['-v', '--verbose'], group: O, describe: 'log everything (every packet, subscriptions), like mosquitto -v; without it, what mosquitto logs by default' },
  { key: 'log', flags: ['--log'], arg: 'text|json', mqtk: true, group: O, describe: 'log format on stderr: text (mosquitto\'s) or json (JSON lines)', choices: ['text', 'json'], invalid: "Invalid log format '{value}': use text or json." },
  { key: 'trace', flags: ['--trace'], mqtk: true, group: O, describe: 'annotated hex dump of every packet in and out on stderr' },
  ...generalOptions,
];

export interface ServeOptions {
  configFile: string | undefined;
  ports: number[];
  bind: string;
  persist: string | undefined;
  verbose: boolean;
  log: 'text' | 'json';
  trace: boolean;
}

export function toServeOptions(args: ParsedArgs): ServeOptions {
  const ports = list(args.values.port).map(parsePort);
  // The parser admits only the choices of --log.
  const log = (str(args.values.log) ?? 'text') as 'text' | 'json';
  const bind = str(args.values.bind);
  if (bind === '') throw new UsageError('--bind needs an address.');
  return {
    configFile: str(args.values.configFile),
    ports,
    bind: bind ?? '127.0.0.1',
    persist: str(args.values.persist),
    verbose: args.values.verbose === true,
    log,
    trace: args.values.trace === true,
  };
}
