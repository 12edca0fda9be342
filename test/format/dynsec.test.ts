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

  it('getGroup, getDefaultACLAccess and getAnonymousGroup', () => {
    expect(formatDynsecData({ command: 'getGroup', data: { group: { groupname: 'devices', clients: [{ username: 'alice' }, { username: 'bob' }], roles: [{ rolename: 'app', priority: 3 }] } } })).toBe(
      'Groupname: devices\nRoles:     app (priority: 3)\nClients:   alice\n           bob\n',
    );
    const acls = [{ acltype: 'publishClientSend', allow: false }, { acltype: 'publishClientReceive', allow: true }];
    expect(formatDynsecData({ command: 'getDefaultACLAccess', data: { acls } })).toBe('publishClientSend    : deny\npublishClientReceive : allow\n');
    expect(formatDynsecData({ command: 'getAnonymousGroup', data: { group: { groupname: 'anon' } } })).toBe('anon\n');
    expect(formatDynsecData({ command: 'createRole' })).toBe('');
  });
});

// Response data copied from mosquitto 2.0.11's plugin answering {"command":"list*","verbose":true}.
describe('list* as aligned tables', () => {
  it('listClients: username, clientid, disabled, roles and groups with their priorities', () => {
    const data = {
      totalCount: 3,
      clients: [
        { username: 'admin', textname: 'Dynsec admin user', roles: [{ rolename: 'admin' }], groups: [] },
        { username: 'alice', clientid: 'alice-id', roles: [{ rolename: 'app', priority: 2 }, { rolename: 'ops' }], groups: [{ groupname: 'devices' }] },
        { username: 'bob', disabled: true, roles: [], groups: [{ groupname: 'devices', priority: 4 }] },
      ],
    };
    expect(formatDynsecData({ command: 'listClients', data })).toBe(
      [
        'Username  Clientid  Disabled  Roles         Groups',
        'admin                         admin',
        'alice     alice-id            app (2), ops  devices',
        'bob                 yes                     devices (4)',
        '',
      ].join('\n'),
    );
  });

  it('listGroups: roles and clients', () => {
    const data = { totalCount: 2, groups: [{ groupname: 'devices', clients: [{ username: 'alice' }, { username: 'bob', priority: 4 }], roles: [{ rolename: 'app', priority: 3 }] }, { groupname: 'empty', clients: [], roles: [] }] };
    expect(formatDynsecData({ command: 'listGroups', data })).toBe('Groupname  Roles    Clients\ndevices    app (3)  alice, bob (4)\nempty\n');
  });

  it('listRoles: one row per ACL under the role name; a role without ACLs keeps its row', () => {
    const data = {
      totalCount: 3,
      roles: [
        { rolename: 'admin', acls: [{ acltype: 'publishClientSend', topic: '$CONTROL/dynamic-security/#', priority: 0, allow: true }, { acltype: 'subscribePattern', topic: '#', priority: 0, allow: true }] },
        { rolename: 'app', acls: [{ acltype: 'publishClientReceive', topic: 'app/#', priority: 5, allow: false }] },
        { rolename: 'none', acls: [] },
      ],
    };
    expect(formatDynsecData({ command: 'listRoles', data })).toBe(
      [
        'Rolename  ACL type              Access  Topic                        Priority',
        'admin     publishClientSend     allow   $CONTROL/dynamic-security/#  0',
        '          subscribePattern      allow   #                            0',
        'app       publishClientReceive  deny    app/#                        5',
        'none',
        '',
      ].join('\n'),
    );
  });

  it('says how many there are when count/offset showed only some', () => {
    const data = { totalCount: 3, clients: [{ username: 'alice', roles: [], groups: [] }] };
    expect(formatDynsecData({ command: 'listClients', data })).toBe('Username  Clientid  Disabled  Roles  Groups\nalice\n1 of 3 clients\n');
  });

  it('names alone (a request without verbose) fill the first column; an empty list is the header', () => {
    expect(formatDynsecData({ command: 'listRoles', data: { totalCount: 2, roles: ['admin', 'app'] } })).toBe('Rolename  ACL type  Access  Topic  Priority\nadmin\napp\n');
    expect(formatDynsecData({ command: 'listGroups', data: { totalCount: 0, groups: [] } })).toBe('Groupname  Roles  Clients\n');
  });

  it("without tables (stdout is a pipe) prints mosquitto_ctrl's one name per line, from names or full entries", () => {
    const plain = { tables: false };
    expect(formatDynsecData({ command: 'listRoles', data: { totalCount: 2, roles: ['admin', 'app'] } }, plain)).toBe('admin\napp\n');
    expect(formatDynsecData({ command: 'listClients', data: { totalCount: 3, clients: [{ username: 'alice', roles: [] }] } }, plain)).toBe('alice\n');
    expect(formatDynsecData({ command: 'listGroups', data: { totalCount: 0, groups: [] } }, plain)).toBe('');
    // Only list* changes: get* is mosquitto_ctrl's text either way.
    expect(formatDynsecData({ command: 'getAnonymousGroup', data: { group: { groupname: 'anon' } } }, plain)).toBe('anon\n');
  });
});
