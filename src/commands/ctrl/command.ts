import { ctrlOptions } from '../../options/ctrl.js';
import type { CommandSpec } from '../spec.js';

export const ctrlCommand: CommandSpec = {
  name: 'ctrl',
  summary: "administer mosquitto's dynamic-security plugin (mosquitto_ctrl compatible)",
  mirrors: 'mosquitto_ctrl',
  usage: [
    '[-h host] [-p port] [-u username] [-P password] [-L URL] [TLS options] [-q qos] [-W timeout] dynsec <command> [args]',
    'dynsec help',
    'dynsec init <new-config-file> <admin-username> [admin-password]',
    '[--output text|json|trace] dynsec getClient <username>',
  ],
  options: ctrlOptions,
  positionals: 'rest',
  load: () => import('./run.js'),
};
