// acl_file in mosquitto's syntax: `topic [read|write|readwrite|deny] TOPIC` lines apply
// to anonymous clients until the first `user NAME` line, then to that user; `pattern`
// lines apply to everyone, with %c (client id) and %u (user name) substituted. A matching
// deny rule wins; otherwise some rule must grant the access; no rule means no access.
// Subscriptions are granted when they overlap something readable; deliveries are checked.
import { topicMatches } from '../topic/match.js';
import { ConfigError } from './config.js';
import { readNamedFile } from './files.js';
import type { BrokerHooks, ClientInfo } from './options.js';
import { filterIntersection } from '../topic/overlap.js';
import { splitShared } from '../topic/shared.js';

export type Access = 'read' | 'write' | 'readwrite' | 'deny';

export interface AclRule {
  access: Access;
  topic: string;
}

export interface AclRules {
  anonymous: AclRule[];
  users: Map<string, AclRule[]>;
  patterns: AclRule[];
  /** Lines that could not be read, with their numbers. */
  errors: string[];
}

const ACCESS = new Set(['read', 'write', 'readwrite', 'deny']);

function parseRule(rest: string): AclRule | undefined {
  const m = /^(\S+)(?:\s+(.*))?$/.exec(rest);
  if (!m) return undefined;
  if (ACCESS.has(m[1]!) && m[2] !== undefined) return { access: m[1] as Access, topic: m[2].trim() };
  return { access: 'readwrite', topic: rest };
}

export function parseAcl(text: string): AclRules {
  const rules: AclRules = { anonymous: [], users: new Map(), patterns: [], errors: [] };
  let current = rules.anonymous;
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const m = /^(\S+)\s+(.+)$/.exec(line);
    const keyword = m?.[1];
    const rest = m?.[2]?.trim() ?? '';
    if (keyword === 'user') {
      const list = rules.users.get(rest) ?? [];
      rules.users.set(rest, list);
      current = list;
      return;
    }
    if (keyword === 'topic' || keyword === 'pattern') {
      const rule = parseRule(rest);
      if (rule) (keyword === 'topic' ? current : rules.patterns).push(rule);
      return;
    }
    rules.errors.push(`line ${i + 1}: ${line}`);
  });
  return rules;
}

/** Does the ACL topic cover every topic the subscription filter can match? (mosquitto's sub_matches_acl) */
export function filterCovered(acl: string, filter: string): boolean {
  const a = acl.split('/');
  const f = filter.split('/');
  for (let i = 0; i < f.length; i++) {
    const al = a[i];
    if (al === undefined) return false;
    if (al === '#') return true;
    const fl = f[i]!;
    if (fl === '#') return false;
    if (al === '+') continue;
    if (fl === '+' || al !== fl) return false;
  }
  return a.length === f.length || (a.length === f.length + 1 && a[f.length] === '#');
}

function substitute(topic: string, client: ClientInfo): string | undefined {
  if (!topic.includes('%')) return topic;
  if (topic.includes('%u') && client.username === undefined) return undefined;
  return topic.replaceAll('%c', client.clientId).replaceAll('%u', client.username ?? '');
}

/** A client id or user name with a wildcard: as %c or %u it would cover other clients' topics. */
const dangerous = (name: string | undefined): boolean => name !== undefined && (name.includes('+') || name.includes('#'));

function rulesFor(rules: AclRules, client: ClientInfo): AclRule[] {
  const own = client.username === undefined ? rules.anonymous : rules.users.get(client.username) ?? [];
  const patterns: AclRule[] = [];
  // As mosquitto: no pattern grants anything to a "dangerous" id or user name (a client `#`
  // with `pattern read clients/%c` would read every client's messages); deny patterns
  // that name no one still apply.
  const unsafe = dangerous(client.clientId) || dangerous(client.username);
  for (const p of rules.patterns) {
    if (unsafe) {
      if (p.access === 'deny' && !p.topic.includes('%')) patterns.push(p);
      continue;
    }
    const topic = substitute(p.topic, client);
    if (topic !== undefined) patterns.push({ access: p.access, topic });
  }
  return [...own, ...patterns];
}

function check(list: readonly AclRule[], want: 'read' | 'write', matches: (rule: string) => boolean): boolean {
  if (list.some((r) => r.access === 'deny' && matches(r.topic))) return false;
  return list.some((r) => (r.access === want || r.access === 'readwrite') && matches(r.topic));
}

/**
 * Could the client ever read something through this filter? As mosquitto, a subscription
 * that overlaps a read rule is granted and each delivery is checked (authorizeRead), so
 * `#` with `topic read sensors/#` gets sensors/... and nothing else. Unlike mosquitto, a
 * filter where every readable topic is also denied, or that meets no read rule at all, is
 * refused at SUBACK (0x80 / 0x87) so the client learns at once instead of waiting forever.
 */
function mayEverRead(list: readonly AclRule[], filter: string): boolean {
  for (const r of list) {
    if (r.access !== 'read' && r.access !== 'readwrite') continue;
    const meet = filterIntersection(r.topic, filter);
    if (meet !== undefined && !list.some((d) => d.access === 'deny' && filterCovered(d.topic, meet))) return true;
  }
  return false;
}

export function toAclHooks(rules: AclRules): Required<Pick<BrokerHooks, 'authorizePublish' | 'authorizeSubscribe' | 'authorizeRead'>> {
  // A client's rules (its user's, plus patterns with %c/%u filled in) are worked out once,
  // not on every check: authorizeRead runs for each delivery of each message.
  const cache = new Map<string, AclRule[]>();
  const listFor = (client: ClientInfo): AclRule[] => {
    const key = `${client.username === undefined ? '' : `u${client.username}`}\0${client.clientId}`;
    let list = cache.get(key);
    if (list === undefined) {
      if (cache.size >= 10_000) cache.clear();
      list = rulesFor(rules, client);
      cache.set(key, list);
    }
    return list;
  };
  return {
    authorizePublish: (client, topic) => check(listFor(client), 'write', (acl) => topicMatches(acl, topic)),
    authorizeRead: (client, topic) => check(listFor(client), 'read', (acl) => topicMatches(acl, topic)),
    authorizeSubscribe: (client, filter) => mayEverRead(listFor(client), splitShared(filter)?.[1] ?? filter),
  };
}

/** Reads acl_file; a line that is not a rule stops the broker, as in mosquitto (no rule is silently dropped). */
export function loadAccessRules(path: string): ReturnType<typeof toAclHooks> {
  const rules = parseAcl(readNamedFile('acl_file', path));
  if (rules.errors.length > 0) throw new ConfigError(`Invalid ${rules.errors[0]} in acl_file "${path}".`);
  return toAclHooks(rules);
}
