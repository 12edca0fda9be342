// The dynamic-security plugin's response data as mosquitto_ctrl 2.0.11 prints it
// (observed: `Username:`/`Clientid:`/`Roles:` blocks, ACL lines padded to the longest
// acltype, one name per line for list*). Pure: JSON in, text out.

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

/** List entries are names, or objects when the request asked for verbose output. */
function names(items: unknown, key: string): string[] {
  return Array.isArray(items) ? items.map((i) => (typeof i === 'string' ? i : text(obj(i)[key]))) : [];
}

/** What mosquitto_ctrl prints on stdout for a successful response ('' when it prints nothing). */
export function formatDynsecData(response: DynsecResponse): string {
  const data = obj(response.data);
  let lines: string[];
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
      lines = names(data.clients, 'username');
      break;
    case 'listGroups':
      lines = names(data.groups, 'groupname');
      break;
    case 'listRoles':
      lines = names(data.roles, 'rolename');
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
