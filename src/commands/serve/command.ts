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
  examples: [
    { command: 'mqtk serve', describe: 'a broker on 127.0.0.1:1883, anonymous access (local only)' },
    { command: 'mqtk serve -p 0 -v', describe: 'a free port (the ready line says which), logging like mosquitto -v' },
    { command: 'mqtk serve -c /etc/mosquitto/mosquitto.conf', describe: "mosquitto's configuration file (the subset mqtk reads)" },
    { command: 'mqtk serve --bind 0.0.0.0 --persist ./data', describe: 'reachable from other hosts; retained messages and sessions survive restarts' },
  ],
  options: serveOptions,
  load: () => import('./run.js'),
  manual: () => import('./manual.js'),
};
