import type { Manual } from '../../options/man-page.js';
import { clientEnvironment, clientFiles } from '../client-manual.js';
import { ACL_TYPES, DEFAULT_ACL_TYPES, DYNSEC_VERBS, INIT_ARGS } from './dynsec.js';

export const manual: Manual = {
  description: [
    'Administers mosquitto\'s dynamic-security plugin over MQTT, as mosquitto_ctrl does: each command is sent to $CONTROL/dynamic-security/v1 as {"commands":[...]} and its response read from $CONTROL/dynamic-security/v1/response (MQTT 5, QoS 1). Command names are case-insensitive.',
    'With no module on a terminal, mqtk ctrl connects and loops: pick a dynsec command, fill in its arguments, see the result. Ctrl-C or exit leaves. Passwords are never prompted for when standard input is not a terminal.',
  ],
  sections: [
    {
      title: 'Dynsec commands',
      blocks: [
        { list: [
          ['help', 'List the commands.'],
          [`init ${INIT_ARGS}`, 'Write a new plugin configuration file locally (mode 0600; an existing file is never replaced) with an admin client allowed to administer the plugin. The password is asked for on a terminal when omitted. Run as root where a mosquitto user exists, it warns when that user cannot read the file (a root-started mosquitto reads it as that user) and prints the chown that fixes it.'],
          ...DYNSEC_VERBS.map((v) => [`${v.name} ${v.args}`.trimEnd(), `${v.describe}.`] as const),
        ] },
        `acltype is one of ${ACL_TYPES.join(', ')}; for setDefaultACLAccess one of ${DEFAULT_ACL_TYPES.join(', ')}. Priorities are whole numbers; higher ones are evaluated first.`,
      ],
    },
    {
      title: 'Output',
      blocks: [
        'get* print what mosquitto_ctrl prints (Username:, Clientid:, Roles: ... blocks). On a terminal, listClients, listGroups and listRoles print aligned tables of the full entries: clients with their clientid, disabled state, roles and groups; groups with their roles and clients; roles with one row per ACL. The name is the first column; a priority is shown in parentheses where one is set; "N of M" follows when count and offset left some out. When stdout is not a terminal they print what mosquitto_ctrl prints, one name per line, as ls does. Other commands print nothing on success.',
        '--output json prints the response entry as one JSON line ({"command":...,"data":...}); list* then carry the names only, as the plugin sends them by default.',
      ],
    },
  ],
  exitStatus: [
    ['0', 'success'],
    ['1', 'bad options, or an error response from the plugin (mosquitto_ctrl exits 0 there)'],
    ['3', 'invalid command arguments'],
    ['10', 'unknown module'],
    ['13', 'unknown command'],
    ['27', 'no response in time (-W, default 10 s)'],
    ['128-162', 'the CONNACK reason code when the broker refuses the connection'],
  ],
  environment: clientEnvironment,
  files: clientFiles('ctrl', 'mosquitto_ctrl'),
  seeAlso: ['mosquitto_ctrl(1)', 'mosquitto(8)'],
};
