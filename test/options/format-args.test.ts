// Usage text of positional arguments, built from their declaration (ArgSpec).
import { describe, expect, it } from 'vitest';
import { formatArgs } from '../../src/options/spec.js';
import { DYNSEC_VERBS, INIT_ARGS } from '../../src/commands/ctrl/dynsec.js';

describe('formatArgs', () => {
  it('writes <name>, literal words a|b and nested trailing optionals [a [b]]', () => {
    expect(formatArgs([])).toBe('');
    expect(formatArgs([{ name: 'rolename' }, { name: 'access', words: ['allow', 'deny'], literal: true }, { name: 'priority', optional: true }])).toBe('<rolename> allow|deny [priority]');
    expect(formatArgs([{ name: 'count', optional: true }, { name: 'offset', optional: true }])).toBe('[count [offset]]');
    expect(formatArgs([{ name: 'acltype', words: ['a', 'b'] }])).toBe('<acltype>');
    expect(formatArgs([{ name: 'username' }, { name: 'options', optional: true, usage: '[-c clientid]' }])).toBe('<username> [-c clientid]');
  });

  it("gives dynsec's commands mosquitto_ctrl's argument lists (reference §10.1)", () => {
    const args = (name: string): string | undefined => DYNSEC_VERBS.find((v) => v.name === name)?.args;
    expect(args('addRoleACL')).toBe('<rolename> <acltype> <topic> allow|deny [priority]');
    expect(args('setDefaultACLAccess')).toBe('<acltype> allow|deny');
    expect(args('createClient')).toBe('<username> [-c clientid] [-p password | --no-password]');
    expect(args('listClients')).toBe('[count [offset]]');
    expect(args('addGroupClient')).toBe('<groupname> <username> [priority]');
    expect(args('getAnonymousGroup')).toBe('');
    expect(INIT_ARGS).toBe('<new-config-file> <admin-username> [admin-password]');
  });
});
