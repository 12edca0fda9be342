// `mqtk ctrl dynsec <command> [args]` → one `$CONTROL/dynamic-security/v1` command object
// (reference §10.1, §10.2). Pure. Arguments are checked here, before connecting:
// acltypes, allow|deny and integer priorities (mosquitto_ctrl reads "x" as priority 0,
// and 2.0.11 sends setDefaultACLAccess in a shape the plugin ignores).
import { UsageError } from '../../errors.js';
import { formatArgs, type ArgSpec, type SubcommandSpec } from '../../options/spec.js';

export const ACL_TYPES = ['publishClientSend', 'publishClientReceive', 'subscribeLiteral', 'subscribePattern', 'unsubscribeLiteral', 'unsubscribePattern'] as const;
export const DEFAULT_ACL_TYPES = ['publishClientSend', 'publishClientReceive', 'subscribe', 'unsubscribe'] as const;

export type DynsecCommand = Record<string, string | number | boolean | Array<Record<string, string | boolean>>>;

export interface DynsecRequest {
  command: DynsecCommand;
  /** No password given: ask for one ('optional': an empty answer means none). */
  askPassword?: { username: string; mode: 'optional' | 'required' };
}

/** How the request is built: `table` asks list* for full entries (the text output's table). */
export interface BuildOptions {
  table?: boolean;
}

export interface DynsecVerb {
  name: string;
  /** Its arguments, declared once: usage text, help, man page and shell completion. */
  params: readonly ArgSpec[];
  /** Usage text of the arguments (from `params`). */
  args: string;
  describe: string;
  section: 'General' | 'Clients' | 'Groups' | 'Roles';
  build(args: readonly string[], opts?: BuildOptions): DynsecRequest;
}

/** Bad arguments for a command: mosquitto_ctrl's exit status 3. */
export function badArguments(verb: string, why: string): UsageError {
  return new UsageError(`${verb}: ${why}`, { code: 3 });
}

function count(verb: DynsecVerbBase, a: readonly string[], min: number, max = min): void {
  if (a.length < min || a.length > max) throw badArguments(verb.name, `expected ${verb.name} ${verb.args}`.trimEnd());
}

function integer(verb: string, what: string, text: string): number {
  if (!/^-?\d+$/.test(text) || !Number.isSafeInteger(Number(text))) throw badArguments(verb, `${what} must be a whole number, not '${text}'`);
  return Number(text);
}

function oneOf<T extends string>(verb: string, what: string, text: string, allowed: readonly T[]): T {
  const found = allowed.find((x) => x === text);
  if (found === undefined) throw badArguments(verb, `unknown ${what} '${text}': use ${allowed.join(', ')}`);
  return found;
}

const allow = (verb: string, text: string): boolean => oneOf(verb, 'access', text, ['allow', 'deny']) === 'allow';

type DynsecVerbBase = Pick<DynsecVerb, 'name' | 'args'>;
type Section = DynsecVerb['section'];

const ACCESS = { name: 'access', words: ['allow', 'deny'], literal: true } as const satisfies ArgSpec;
const PRIORITY: ArgSpec = { name: 'priority', optional: true };

function verb(section: Section, name: string, params: readonly ArgSpec[], describe: string, build: (a: readonly string[], self: DynsecVerbBase, opts: BuildOptions) => DynsecRequest): DynsecVerb {
  const self = { name, args: formatArgs(params) };
  return { ...self, params, describe, section, build: (a, opts = {}) => build(a, self, opts) };
}

/** Commands whose arguments are exactly the named fields. */
function fields(section: Section, name: string, describe: string, keys: readonly string[]): DynsecVerb {
  return verb(section, name, keys.map((k) => ({ name: k })), describe, (a, self) => {
    count(self, a, keys.length);
    const command: DynsecCommand = { command: name };
    keys.forEach((k, i) => (command[k] = a[i]!));
    return { command };
  });
}

/** `<a> <b> [priority]`: priority sent only when given (and not -1, as mosquitto_ctrl does). */
function withPriority(section: Section, name: string, describe: string, keys: readonly [string, string], priority: boolean): DynsecVerb {
  return verb(section, name, [{ name: keys[0] }, { name: keys[1] }, ...(priority ? [PRIORITY] : [])], describe, (a, self) => {
    count(self, a, 2, priority ? 3 : 2);
    const command: DynsecCommand = { command: name, [keys[0]]: a[0]!, [keys[1]]: a[1]! };
    if (a[2] !== undefined) {
      const p = integer(name, 'priority', a[2]);
      if (p !== -1) command.priority = p;
    }
    return { command };
  });
}

/**
 * `[count [offset]]`: each sent only when > 0, as mosquitto_ctrl does. For a table the
 * plugin is asked for full entries (`verbose`), not just names.
 */
function list(name: string, describe: string, section: Section): DynsecVerb {
  return verb(section, name, [{ name: 'count', optional: true }, { name: 'offset', optional: true }], describe, (a, self, opts) => {
    count(self, a, 0, 2);
    const command: DynsecCommand = { command: name, ...(opts.table ? { verbose: true } : {}) };
    const [n, offset] = a.map((x, i) => integer(name, i === 0 ? 'count' : 'offset', x));
    if (n !== undefined && n > 0) command.count = n;
    if (offset !== undefined && offset > 0) command.offset = offset;
    return { command };
  });
}

function createClient(a: readonly string[], self: DynsecVerbBase): DynsecRequest {
  if (a.length === 0) count(self, a, 1);
  const command: DynsecCommand = { command: 'createClient', username: a[0]! };
  let ask = true;
  for (let i = 1; i < a.length; i++) {
    const flag = a[i]!;
    if (flag === '--no-password') {
      ask = false;
      continue;
    }
    if (flag !== '-c' && flag !== '-i' && flag !== '-p') throw badArguments(self.name, `unknown argument '${flag}'`);
    const value = a[++i];
    if (value === undefined) throw badArguments(self.name, `${flag} argument given, but no ${flag === '-p' ? 'password' : 'clientid'} provided`);
    if (flag === '-p') {
      command.password = value;
      ask = false;
    } else {
      command.clientid = value;
    }
  }
  return ask ? { command, askPassword: { username: a[0]!, mode: 'optional' } } : { command };
}

export const DYNSEC_VERBS: readonly DynsecVerb[] = [
  verb('General', 'getDefaultACLAccess', [], 'Get ACL default access', (a, self) => (count(self, a, 0), { command: { command: 'getDefaultACLAccess' } })),
  verb('General', 'setDefaultACLAccess', [{ name: 'acltype', words: DEFAULT_ACL_TYPES }, ACCESS], 'Set ACL default access', (a, self) => {
    count(self, a, 2);
    const acltype = oneOf(self.name, 'acltype', a[0]!, DEFAULT_ACL_TYPES);
    // The plugin reads {"acls":[{"acltype","allow"}]}; 2.0.11's mosquitto_ctrl sends something else.
    return { command: { command: 'setDefaultACLAccess', acls: [{ acltype, allow: allow(self.name, a[1]!) }] } };
  }),
  verb('General', 'getAnonymousGroup', [], 'Get group for anonymous clients', (a, self) => (count(self, a, 0), { command: { command: 'getAnonymousGroup' } })),
  fields('General', 'setAnonymousGroup', 'Set group for anonymous clients', ['groupname']),

  verb('Clients', 'createClient', [{ name: 'username' }, { name: 'options', optional: true, usage: '[-c clientid] [-p password | --no-password]' }], 'Create a new client', createClient),
  fields('Clients', 'deleteClient', 'Delete a client', ['username']),
  verb('Clients', 'setClientPassword', [{ name: 'username' }, { name: 'password', optional: true }], 'Set a client password', (a, self) => {
    count(self, a, 1, 2);
    const command: DynsecCommand = { command: 'setClientPassword', username: a[0]! };
    if (a[1] === undefined) return { command, askPassword: { username: a[0]!, mode: 'required' } };
    if (a[1] === '') throw badArguments(self.name, 'an empty password is not allowed');
    return { command: { ...command, password: a[1] } };
  }),
  verb('Clients', 'setClientId', [{ name: 'username' }, { name: 'clientid', optional: true }], 'Set a client id (omit it to clear)', (a, self) => {
    count(self, a, 1, 2);
    return { command: { command: 'setClientId', username: a[0]!, ...(a[1] !== undefined ? { clientid: a[1] } : {}) } };
  }),
  withPriority('Clients', 'addClientRole', 'Add a role to a client (higher priority first)', ['username', 'rolename'], true),
  withPriority('Clients', 'removeClientRole', 'Remove a role from a client', ['username', 'rolename'], false),
  fields('Clients', 'getClient', 'Get client information', ['username']),
  list('listClients', 'List all clients', 'Clients'),
  fields('Clients', 'enableClient', 'Enable a client', ['username']),
  fields('Clients', 'disableClient', 'Disable a client (and disconnect it)', ['username']),

  fields('Groups', 'createGroup', 'Create a new group', ['groupname']),
  fields('Groups', 'deleteGroup', 'Delete a group', ['groupname']),
  withPriority('Groups', 'addGroupRole', 'Add a role to a group (higher priority first)', ['groupname', 'rolename'], true),
  withPriority('Groups', 'removeGroupRole', 'Remove a role from a group', ['groupname', 'rolename'], false),
  withPriority('Groups', 'addGroupClient', 'Add a client to a group (priority for this client only)', ['groupname', 'username'], true),
  withPriority('Groups', 'removeGroupClient', 'Remove a client from a group', ['groupname', 'username'], false),
  fields('Groups', 'getGroup', 'Get group information', ['groupname']),
  list('listGroups', 'List all groups', 'Groups'),

  fields('Roles', 'createRole', 'Create a new role', ['rolename']),
  fields('Roles', 'deleteRole', 'Delete a role', ['rolename']),
  verb('Roles', 'addRoleACL', [{ name: 'rolename' }, { name: 'acltype', words: ACL_TYPES }, { name: 'topic' }, ACCESS, PRIORITY], 'Add an ACL to a role (higher priority first)', (a, self) => {
    count(self, a, 4, 5);
    const command: DynsecCommand = { command: 'addRoleACL', rolename: a[0]!, acltype: oneOf(self.name, 'acltype', a[1]!, ACL_TYPES), topic: a[2]!, allow: allow(self.name, a[3]!) };
    if (a[4] !== undefined) {
      const p = integer(self.name, 'priority', a[4]);
      if (p !== -1) command.priority = p;
    }
    return { command };
  }),
  verb('Roles', 'removeRoleACL', [{ name: 'rolename' }, { name: 'acltype', words: ACL_TYPES }, { name: 'topic' }], 'Remove an ACL from a role', (a, self) => {
    count(self, a, 3);
    return { command: { command: 'removeRoleACL', rolename: a[0]!, acltype: oneOf(self.name, 'acltype', a[1]!, ACL_TYPES), topic: a[2]! } };
  }),
  fields('Roles', 'getRole', 'Get role information', ['rolename']),
  list('listRoles', 'List all roles', 'Roles'),
];

/** `init` runs locally (no request): writes a new plugin config file. */
export const INIT_PARAMS: readonly ArgSpec[] = [{ name: 'new-config-file', completes: 'file' }, { name: 'admin-username' }, { name: 'admin-password', optional: true }];
export const INIT_ARGS = formatArgs(INIT_PARAMS);

/** The words after ctrl's options: the module, its commands and their arguments (for shell completion). */
export const DYNSEC_MODULE: SubcommandSpec = {
  name: 'dynsec',
  describe: 'dynamic-security plugin',
  subcommands: [
    { name: 'help', describe: 'List the commands' },
    { name: 'init', describe: 'Write a new plugin config file', args: INIT_PARAMS },
    ...DYNSEC_VERBS.map((v) => ({ name: v.name, describe: v.describe, args: v.params })),
  ],
};

/** Command names are case-insensitive, as the plugin's are. */
export function findDynsecVerb(name: string): DynsecVerb | undefined {
  const lower = name.toLowerCase();
  return DYNSEC_VERBS.find((v) => v.name.toLowerCase() === lower);
}

/** `mqtk ctrl dynsec help`. */
export function formatDynsecHelp(): string {
  const lines = ['Dynamic security module (mqtk ctrl [connection options] dynsec <command> [args])', '', 'Initialisation', `  init ${INIT_ARGS}`];
  const width = Math.max(...DYNSEC_VERBS.map((v) => v.name.length)) + 2;
  for (const section of ['General', 'Clients', 'Groups', 'Roles'] as const) {
    lines.push('', section);
    for (const v of DYNSEC_VERBS.filter((x) => x.section === section)) lines.push(`  ${v.name.padEnd(width)}${v.args}`, `  ${' '.repeat(width)}${v.describe}`);
  }
  lines.push('', `acltype: ${ACL_TYPES.join(' | ')}`, `default acltype (setDefaultACLAccess): ${DEFAULT_ACL_TYPES.join(' | ')}`, '');
  return lines.join('\n');
}
