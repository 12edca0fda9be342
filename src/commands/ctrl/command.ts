import { ctrlOptions } from '../../options/ctrl.js';
import type { CommandSpec } from '../spec.js';
import { DYNSEC_MODULE, INIT_ARGS } from './dynsec.js';

export const ctrlCommand: CommandSpec = {
  name: 'ctrl',
  summary: "administer mosquitto's dynamic-security plugin (mosquitto_ctrl compatible)",
  mirrors: 'mosquitto_ctrl',
  usage: [
    '[-h host] [-p port] [-u username] [-P password] [-L URL] [TLS options] [-q qos] [-W timeout] dynsec <command> [args]',
    'dynsec help',
    `dynsec init ${INIT_ARGS}`,
    '[--output text|json|trace] dynsec getClient <username>',
    '[connection options]          (interactive, on a terminal)',
  ],
  options: ctrlOptions,
  positionals: 'rest',
  subcommands: [DYNSEC_MODULE],
  examples: [
    { command: 'mqtk ctrl dynsec init /etc/mosquitto/dynsec.json admin', describe: 'create the plugin configuration (asks for the admin password)' },
    { command: 'mqtk ctrl -u admin -P pw dynsec createClient alice -p alicepw', describe: 'create a client' },
    { command: "mqtk ctrl -u admin -P pw dynsec addRoleACL app publishClientSend 'app/#' allow 5", describe: 'allow role app to publish under app/' },
    { command: 'mqtk ctrl -u admin -P pw --output json dynsec getClient alice', describe: 'the response data as one JSON line' },
  ],
  load: () => import('./run.js'),
  manual: () => import('./manual.js'),
};
