import { describe, expect, it } from 'vitest';
import { DYNSEC_VERBS, findDynsecVerb, formatDynsecHelp } from '../../../src/commands/ctrl/dynsec.js';
import { UsageError } from '../../../src/errors.js';

const build = (name: string, ...args: string[]) => findDynsecVerb(name)!.build(args);
const refusal = (name: string, ...args: string[]): UsageError => {
  try {
    build(name, ...args);
  } catch (err) {
    if (err instanceof UsageError) return err;
    throw err;
  }
  throw new Error('accepted');
};

describe('dynsec commands → $CONTROL/dynamic-security/v1 JSON', () => {
  it('covers every command of mosquitto_ctrl 2.0 (reference §10.1)', () => {
    const names = ['getDefaultACLAccess', 'setDefaultACLAccess', 'getAnonymousGroup', 'setAnonymousGroup', 'createClient', 'deleteClient', 'setClientPassword', 'setClientId', 'addClientRole', 'removeClientRole', 'getClient', 'listClients', 'enableClient', 'disableClient', 'createGroup', 'deleteGroup', 'getGroup', 'listGroups', 'addGroupRole', 'removeGroupRole', 'addGroupClient', 'removeGroupClient', 'createRole', 'deleteRole', 'getRole', 'listRoles', 'addRoleACL', 'removeRoleACL'];
    expect(DYNSEC_VERBS.map((v) => v.name).sort()).toEqual(names.sort());
    for (const n of names) expect(formatDynsecHelp()).toContain(n);
  });

  it('builds the fields mosquitto_ctrl sends, leaving out priority -1 and count/offset ≤ 0', () => {
    expect(build('createClient', 'alice', '-c', 'id1', '-p', 'pw')).toEqual({ command: { command: 'createClient', username: 'alice', clientid: 'id1', password: 'pw' } });
    expect(build('addClientRole', 'alice', 'app', '5').command).toEqual({ command: 'addClientRole', username: 'alice', rolename: 'app', priority: 5 });
    expect(build('addClientRole', 'alice', 'app', '-1').command).toEqual({ command: 'addClientRole', username: 'alice', rolename: 'app' });
    expect(build('addGroupClient', 'g', 'alice').command).toEqual({ command: 'addGroupClient', groupname: 'g', username: 'alice' });
    expect(build('addRoleACL', 'app', 'subscribePattern', 'a/#', 'deny', '3').command).toEqual({ command: 'addRoleACL', rolename: 'app', acltype: 'subscribePattern', topic: 'a/#', allow: false, priority: 3 });
    expect(build('removeRoleACL', 'app', 'subscribePattern', 'a/#').command).toEqual({ command: 'removeRoleACL', rolename: 'app', acltype: 'subscribePattern', topic: 'a/#' });
    expect(build('listClients', '10', '0').command).toEqual({ command: 'listClients', count: 10 });
    expect(build('setClientId', 'alice').command).toEqual({ command: 'setClientId', username: 'alice' });
    expect(build('getclient', 'alice').command).toEqual({ command: 'getClient', username: 'alice' });
  });

  it("asks list* for full entries only for a table (JSON output keeps the plugin's default data)", () => {
    for (const name of ['listClients', 'listGroups', 'listRoles']) {
      expect(findDynsecVerb(name)!.build(['2', '1'], { table: true }).command).toEqual({ command: name, verbose: true, count: 2, offset: 1 });
      expect(findDynsecVerb(name)!.build([]).command).toEqual({ command: name });
    }
    expect(findDynsecVerb('getClient')!.build(['alice'], { table: true }).command).toEqual({ command: 'getClient', username: 'alice' });
  });

  it('sends setDefaultACLAccess as the plugin reads it (2.0.11 sends a shape it ignores)', () => {
    expect(build('setDefaultACLAccess', 'publishClientSend', 'allow').command).toEqual({ command: 'setDefaultACLAccess', acls: [{ acltype: 'publishClientSend', allow: true }] });
  });

  it('asks for a password only where one is missing', () => {
    expect(build('createClient', 'bob').askPassword).toEqual({ username: 'bob', mode: 'optional' });
    expect(build('createClient', 'bob', '--no-password').askPassword).toBeUndefined();
    expect(build('setClientPassword', 'bob').askPassword).toEqual({ username: 'bob', mode: 'required' });
  });

  it('refuses bad acltypes, access words, priorities and argument counts with status 3 before sending', () => {
    for (const err of [
      refusal('addRoleACL', 'r', 'publish', 't', 'allow'),
      refusal('addRoleACL', 'r', 'publishClientSend', 't', 'yes'),
      refusal('addRoleACL', 'r', 'publishClientSend', 't', 'allow', 'high'),
      refusal('addClientRole', 'u', 'r', 'x'),
      refusal('setDefaultACLAccess', 'subscribeLiteral', 'allow'),
      refusal('listRoles', 'many'),
      refusal('getClient'),
      refusal('deleteRole', 'a', 'b'),
      refusal('createClient', 'u', '-p'),
      refusal('setClientPassword', 'u', ''),
    ]) expect(err.code).toBe(3);
    expect(refusal('addRoleACL', 'r', 'publish', 't', 'allow').message).toContain("unknown acltype 'publish'");
  });
});
