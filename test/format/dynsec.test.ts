import { describe, expect, it } from 'vitest';
import { formatDynsecData } from '../../src/format/dynsec.js';

// Expected text copied from mosquitto_ctrl 2.0.11 runs against the plugin.
describe('dynsec responses as mosquitto_ctrl prints them', () => {
  it('getClient: roles and groups with priorities (-1 when the plugin leaves it out)', () => {
    const data = { client: { username: 'bob', clientid: 'bobid', disabled: true, roles: [{ rolename: 'r2', priority: 7 }, { rolename: 'app' }], groups: [{ groupname: 'devices', priority: 4 }] } };
    expect(formatDynsecData({ command: 'getClient', data })).toBe(
      'Username: bob\nClientid: bobid\nDisabled: true\nRoles:    r2 (priority: 7)\n          app (priority: -1)\nGroups:   devices (priority: 4)\n',
    );
    expect(formatDynsecData({ command: 'getClient', data: { client: { username: 'admin', roles: [{ rolename: 'admin' }], groups: [] } } })).toBe('Username: admin\nClientid:\nRoles:    admin (priority: -1)\n');
  });

  it('getRole: ACL lines padded to the longest acltype, deny padded to allow', () => {
    const data = { role: { rolename: 'app', acls: [{ acltype: 'publishClientSend', topic: 'app/#', priority: 5, allow: true }, { acltype: 'subscribePattern', topic: 'app/+/x', priority: 0, allow: false }] } };
    expect(formatDynsecData({ command: 'getRole', data })).toBe('Rolename: app\nACLs:     publishClientSend    : allow : app/# (priority: 5)\n          subscribePattern     : deny  : app/+/x (priority: 0)\n');
  });

  it('getGroup, getDefaultACLAccess, getAnonymousGroup and list*', () => {
    expect(formatDynsecData({ command: 'getGroup', data: { group: { groupname: 'devices', clients: [{ username: 'alice' }, { username: 'bob' }], roles: [{ rolename: 'app', priority: 3 }] } } })).toBe(
      'Groupname: devices\nRoles:     app (priority: 3)\nClients:   alice\n           bob\n',
    );
    const acls = [{ acltype: 'publishClientSend', allow: false }, { acltype: 'publishClientReceive', allow: true }];
    expect(formatDynsecData({ command: 'getDefaultACLAccess', data: { acls } })).toBe('publishClientSend    : deny\npublishClientReceive : allow\n');
    expect(formatDynsecData({ command: 'getAnonymousGroup', data: { group: { groupname: 'anon' } } })).toBe('anon\n');
    expect(formatDynsecData({ command: 'listRoles', data: { totalCount: 2, roles: ['admin', 'app'] } })).toBe('admin\napp\n');
    expect(formatDynsecData({ command: 'createRole' })).toBe('');
  });
});
