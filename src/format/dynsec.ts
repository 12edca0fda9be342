// The dynamic-security plugin's response data as text. get* as mosquitto_ctrl 2.0.11
// prints it (observed: `Username:`/`Clientid:`/`Roles:` blocks, ACL lines padded to the
// longest acltype); list* as aligned tables of the full entries for a person at a terminal,
// and as mosquitto_ctrl prints them (one name per line) for a script reading a pipe, as `ls`
// does: a script written for mosquitto_ctrl keeps working. Pure: JSON in, text out.
import { formatTable } from './table.js';

export interface DynsecResponse {
  command: string;
  error?: string;
  data?: Record<string, unknown>;
  correlationData?: string;
}

type Json = Record<string, unknown>;

const obj = (v: unknown): Json => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const arr = (v: unknown): Json[] => (Array.isArray(v) ? v.map(obj) : []);
const text = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '');
/** The plugin leaves priority out when it is the default (-1). */
const priority = (v: Json): string => `(priority: ${typeof v.priority === 'number' ? v.priority : -1})`;

/** `Label:` then the first value on the same line, the rest under it (the label column is `width` wide). */
function block(label: string, values: string[], width: number): string[] {
  return values.map((v, i) => `${(i === 0 ? `${label}:` : '').padEnd(width)}${v}`);
}

function formatClient(c: Json): string[] {
  const lines = [`Username: ${text(c.username)}`, `Clientid:${c.clientid !== undefined ? ` ${text(c.clientid)}` : ''}`];
  if (c.disabled === true) lines.push('Disabled: true');
  lines.push(...block('Roles', arr(c.roles).map((r) => `${text(r.rolename)} ${priority(r)}`), 10));
  lines.push(...block('Groups', arr(c.groups).map((g) => `${text(g.groupname)} ${priority(g)}`), 10));
  return lines;
}

function formatGroup(g: Json): string[] {
  return [
    `Groupname: ${text(g.groupname)}`,
    ...block('Roles', arr(g.roles).map((r) => `${text(r.rolename)} ${priority(r)}`), 11),
    ...block('Clients', arr(g.clients).map((c) => text(c.username)), 11),
  ];
}

const ACLTYPE_WIDTH = 'publishClientReceive'.length;
const access = (allowed: unknown): string => (allowed === true ? 'allow' : 'deny ');

function formatRole(r: Json): string[] {
  const acls = arr(r.acls).map((a) => `${text(a.acltype).padEnd(ACLTYPE_WIDTH)} : ${access(a.allow)} : ${text(a.topic)} ${priority({ priority: a.priority ?? 0 })}`);
  return [`Rolename: ${text(r.rolename)}`, ...block('ACLs', acls, 10)];
}

/** List entries are objects when the request asked for them (`verbose`), else names. */
function entries(items: unknown, key: string): Json[] {
  return Array.isArray(items) ? items.map((i) => (typeof i === 'string' ? { [key]: i } : obj(i))) : [];
}

/** `app (2), ops`: the priority only where the plugin has one (it leaves out the default). */
const named = (items: unknown, key: string): string => arr(items).map((x) => `${text(x[key])}${typeof x.priority === 'number' ? ` (${x.priority})` : ''}`).join(', ');

/** `1 of 3 clients` under a table that does not show them all (count/offset given). */
function footer(shown: number, total: unknown, noun: string): string[] {
  return typeof total === 'number' && total > shown ? [`${shown} of ${total} ${noun}`] : [];
}

function listClients(data: Json): string[] {
  const clients = entries(data.clients, 'username');
  const rows = clients.map((c) => [text(c.username), text(c.clientid), c.disabled === true ? 'yes' : '', named(c.roles, 'rolename'), named(c.groups, 'groupname')]);
  return [...formatTable(['Username', 'Clientid', 'Disabled', 'Roles', 'Groups'], rows), ...footer(clients.length, data.totalCount, 'clients')];
}

function listGroups(data: Json): string[] {
  const groups = entries(data.groups, 'groupname');
  const rows = groups.map((g) => [text(g.groupname), named(g.roles, 'rolename'), named(g.clients, 'username')]);
  return [...formatTable(['Groupname', 'Roles', 'Clients'], rows), ...footer(groups.length, data.totalCount, 'groups')];
}

/** One row per ACL, the role's name on its first; a role without ACLs has a row of its own. */
function listRoles(data: Json): string[] {
  const roles = entries(data.roles, 'rolename');
  const rows = roles.flatMap((r) => {
    const acls = arr(r.acls).map((a) => [text(a.acltype), a.allow === true ? 'allow' : 'deny', text(a.topic), text(a.priority ?? 0)]);
    return acls.length === 0 ? [[text(r.rolename)]] : acls.map((a, i) => [i === 0 ? text(r.rolename) : '', ...a]);
  });
  return [...formatTable(['Rolename', 'ACL type', 'Access', 'Topic', 'Priority'], rows), ...footer(roles.length, data.totalCount, 'roles')];
}

/** Where each list* response holds its entries, and each entry's name. */
const LISTS: Record<string, { items: string; key: string }> = {
  listClients: { items: 'clients', key: 'username' },
  listGroups: { items: 'groups', key: 'groupname' },
  listRoles: { items: 'roles', key: 'rolename' },
};

/** mosquitto_ctrl's list*: one name per line. */
const names = (items: unknown, key: string): string[] => entries(items, key).map((e) => text(e[key]));

export interface DynsecTextOptions {
  /** list* as tables (a terminal) or as mosquitto_ctrl's names, one per line (a pipe). */
  tables: boolean;
}

/** What is printed on stdout for a successful response ('' when nothing is, as mosquitto_ctrl). */
export function formatDynsecData(response: DynsecResponse, options: DynsecTextOptions = { tables: true }): string {
  const data = obj(response.data);
  let lines: string[];
  const list = LISTS[response.command];
  if (list !== undefined && !options.tables) {
    lines = names(data[list.items], list.key);
    return lines.length > 0 ? `${lines.join('\n')}\n` : '';
  }
  switch (response.command) {
    case 'getClient':
      lines = formatClient(obj(data.client));
      break;
    case 'getGroup':
      lines = formatGroup(obj(data.group));
      break;
    case 'getRole':
      lines = formatRole(obj(data.role));
      break;
    case 'listClients':
      lines = listClients(data);
      break;
    case 'listGroups':
      lines = listGroups(data);
      break;
    case 'listRoles':
      lines = listRoles(data);
      break;
    case 'getDefaultACLAccess':
      lines = arr(data.acls).map((a) => `${text(a.acltype).padEnd(ACLTYPE_WIDTH)} : ${access(a.allow).trimEnd()}`);
      break;
    case 'getAnonymousGroup':
      lines = [text(obj(data.group).groupname)];
      break;
    default:
      lines = [];
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}
