import { ctrlOptions } from '../../options/ctrl.js';
import type { ManualSection, PositionalWords } from '../../options/usage.js';
import type { CommandSpec } from '../spec.js';
import { ACL_TYPES, DEFAULT_ACL_TYPES, DYNSEC_VERBS } from './dynsec.js';

const verbNames = ['help', 'init', ...DYNSEC_VERBS.map((v) => v.name)];

const manual: readonly ManualSection[] = [
  {
    heading: 'Dynsec commands',
    entries: [
      { text: 'Each command is sent to $CONTROL/dynamic-security/v1 as {"commands":[...]} and its response read from $CONTROL/dynamic-security/v1/response. Command names are case-insensitive.' },
      { term: 'help', text: 'List the commands.' },
      { term: 'init <new-config-file> <admin-username> [admin-password]', text: 'Write a new plugin configuration file locally (mode 0600; an existing file is never replaced) with an admin client allowed to administer the plugin. The password is asked for on a terminal when omitted.' },
      ...DYNSEC_VERBS.map((v) => ({ term: `${v.name} ${v.args}`.trimEnd(), text: `${v.describe}.` })),
      { text: `acltype is one of ${ACL_TYPES.join(', ')}; for setDefaultACLAccess one of ${DEFAULT_ACL_TYPES.join(', ')}. Priorities are whole numbers; higher ones are evaluated first.` },
    ],
  },
  {
    heading: 'Exit status',
    entries: [
      { text: '0 success; 1 bad options or an error response from the plugin (mosquitto_ctrl exits 0 there); 3 invalid command arguments; 10 unknown module; 13 unknown command; 27 no response in time (-W, default 10 s); the CONNACK reason code when the broker refuses the connection.' },
    ],
  },
  {
    heading: 'Interactive mode',
    entries: [
      { text: 'With no module on a terminal, mqtk ctrl connects and loops: pick a dynsec command, fill in its arguments, see the result. Ctrl-C or exit leaves. Passwords are never prompted for when standard input is not a terminal.' },
    ],
  },
  {
    heading: 'Examples',
    entries: [
      { term: 'mqtk ctrl dynsec init /etc/mosquitto/dynsec.json admin', text: 'Create the plugin configuration (asks for the admin password).' },
      { term: 'mqtk ctrl -u admin -P pw dynsec createClient alice -p alicepw', text: 'Create a client.' },
      { term: "mqtk ctrl -u admin -P pw dynsec addRoleACL app publishClientSend 'app/#' allow 5", text: 'Allow role app to publish under app/.' },
      { term: 'mqtk ctrl -u admin -P pw --json dynsec getClient alice', text: 'The response data as one JSON line.' },
    ],
  },
];

const positionalWords: readonly PositionalWords[] = [
  { after: '', distance: 0, words: ['dynsec'] },
  { after: 'dynsec', distance: 1, words: verbNames },
  { after: 'setDefaultACLAccess', distance: 1, words: DEFAULT_ACL_TYPES },
  { after: 'setDefaultACLAccess', distance: 2, words: ['allow', 'deny'] },
  { after: 'addRoleACL', distance: 2, words: ACL_TYPES },
  { after: 'removeRoleACL', distance: 2, words: ACL_TYPES },
  { after: 'addRoleACL', distance: 4, words: ['allow', 'deny'] },
];

export const ctrlCommand: CommandSpec = {
  name: 'ctrl',
  summary: "administer mosquitto's dynamic-security plugin (mosquitto_ctrl compatible)",
  mirrors: 'mosquitto_ctrl',
  usage: [
    '[-h host] [-p port] [-u username] [-P password] [-L URL] [TLS options] [-q qos] [-W timeout] dynsec <command> [args]',
    'dynsec help',
    'dynsec init <new-config-file> <admin-username> [admin-password]',
    '[--output text|json|trace] dynsec getClient <username>',
    '[connection options]          (interactive, on a terminal)',
  ],
  options: ctrlOptions,
  positionals: 'rest',
  manual,
  positionalWords,
  load: () => import('./run.js'),
};
