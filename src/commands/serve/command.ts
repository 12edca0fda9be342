import { serveOptions } from '../../options/serve.js';
import type { CommandSpec } from '../spec.js';

export const serveCommand: CommandSpec = {
  name: 'serve',
  summary: 'run an MQTT 3.1/3.1.1/5.0 broker (mosquitto.conf subset; local only by default)',
  mirrors: 'mosquitto',
  usage: [
    '[-p port]... [--bind address] [-c mosquitto.conf] [--persist dir]',
    '[-v] [--log text|json] [--trace]',
  ],
  options: serveOptions,
  load: () => import('./run.js'),
};
