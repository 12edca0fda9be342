// mqtk ctrl against mosquitto 2.0.11 with Debian's dynamic-security plugin, and side by
// side with mosquitto_ctrl: the same commands must leave the same plugin config file.
import { readFileSync, statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasDynsecPlugin as hasPlugin, startDynsecBroker as dynsecBroker, type DynsecBroker } from '../helpers/dynsec.js';
import { runCommand, skipWithoutMosquitto, startCommand, startMosquitto, waitFor, type Mosquitto } from '../helpers/mosquitto.js';
import { MQTK, mqtk } from '../helpers/mqtk.js';
import { hasScript, Pty } from '../helpers/pty.js';

/** What mqtk prints with stdout on a terminal (list* tables are for a person; a pipe gets names). */
async function onTerminal(args: string[]): Promise<{ status: number | null; stdout: string }> {
  const pty = new Pty([MQTK, ...args]);
  try {
    const status = await pty.exited;
    return { status, stdout: pty.screen().replace(/\r\n/g, '\n') };
  } finally {
    pty.kill();
  }
}

/** The names in a list* table: the first column, without the header and the `N of M` line. */
const tableNames = (table: string): string[] => table.split('\n').slice(1).filter((l) => l !== '' && !l.startsWith(' ') && !/^\d+ of \d+ /.test(l)).map((l) => l.split('  ')[0]!);

/** listRoles' table as `role acltype access topic priority` lines (the role carried down). */
function tableAcls(table: string): string[] {
  let role = '';
  return table.split('\n').slice(1).filter((l) => l !== '' && !/^\d+ of \d+ /.test(l)).map((l) => {
    const [name, ...rest] = l.split(/ {2,}/);
    if (name !== '') role = name!;
    return [role, ...rest].join(' ');
  });
}

/** The config file with the per-password random parts blanked. */
const unsalted = (file: string): string => readFileSync(file, 'utf8').replace(/"(password|salt)":\t"[^"]*"/g, '"$1":\t"…"');

describe.skipIf(skipWithoutMosquitto() || !hasPlugin)('mqtk ctrl dynsec against mosquitto with the dynamic-security plugin', () => {
  let b: DynsecBroker;
  const conn = (user = 'admin', pw = 'adminpw'): string[] => ['-h', b.broker.host, '-p', String(b.broker.port), '-u', user, '-P', pw];
  const ctrl = (...args: string[]) => mqtk(['ctrl', ...conn(), 'dynsec', ...args]);
  const theirs = (...args: string[]) => runCommand('mosquitto_ctrl', [...conn(), 'dynsec', ...args]);

  beforeAll(async () => {
    b = await dynsecBroker((file) => mqtk(['ctrl', 'dynsec', 'init', file, 'admin', 'adminpw']));
    for (const step of [
      ['createClient', 'alice', '-p', 'alicepw'],
      ['createRole', 'app'],
      ['addRoleACL', 'app', 'publishClientSend', 'app/#', 'allow', '5'],
      ['addRoleACL', 'app', 'subscribePattern', 'app/#', 'allow'],
      ['addClientRole', 'alice', 'app', '2'],
      ['createGroup', 'devices'],
      ['addGroupClient', 'devices', 'alice'],
    ]) {
      const got = await ctrl(...step);
      expect(got.stderr, step.join(' ')).toBe('');
      expect(got.status, step.join(' ')).toBe(0);
    }
  });
  afterAll(async () => {
    await b?.stop();
  });

  it('init wrote a 0600 file the plugin loaded (the admin could connect)', () => {
    expect(statSync(b.file).mode & 0o777).toBe(0o600);
  });

  it('init refuses to overwrite an existing file', async () => {
    const got = await mqtk(['ctrl', 'dynsec', 'init', b.file, 'admin', 'x']);
    expect(got.status).toBe(1);
    expect(got.stderr).toContain('already exists');
  });

  it('the new client may publish where its ACL allows and is refused elsewhere', async () => {
    const allowed = await mqtk(['pub', ...conn('alice', 'alicepw'), '-V', '5', '-q', '1', '-t', 'app/x', '-m', 'ok']);
    expect(allowed.status).toBe(0);
    const refused = await mqtk(['pub', ...conn('alice', 'alicepw'), '-V', '5', '-q', '1', '-t', 'other/x', '-m', 'no']);
    expect(refused.status).toBe(135);
    expect(refused.stderr).toContain('Not authorized');
  });

  it('every get* prints what the plugin holds, as mosquitto_ctrl prints it', async () => {
    const queries = [['getClient', 'alice'], ['getRole', 'app'], ['getGroup', 'devices'], ['getDefaultACLAccess'], ['getAnonymousGroup']];
    for (const q of queries) {
      const [ours, ref] = await Promise.all([ctrl(...q), theirs(...q)]);
      expect(ours.status, q.join(' ')).toBe(0);
      expect(ours.stdout.toString(), q.join(' ')).toBe(ref.stdout.toString());
    }
    expect((await ctrl('getClient', 'alice')).stdout.toString()).toBe('Username: alice\nClientid:\nRoles:    app (priority: 2)\nGroups:   devices (priority: -1)\n');
  });

  it('list* piped prints what mosquitto_ctrl prints, one name per line, so its scripts keep working', async () => {
    for (const q of [['listClients'], ['listGroups'], ['listRoles'], ['listClients', '1', '1'], ['listRoles', '1']]) {
      const [ours, ref] = await Promise.all([ctrl(...q), theirs(...q)]);
      expect([ours.status, ours.stdout.toString()], q.join(' ')).toEqual([0, ref.stdout.toString()]);
    }
  });

  it.skipIf(!hasScript)('list* on a terminal prints an aligned table of what the plugin holds, the names mosquitto_ctrl prints first', async () => {
    const table = (...args: string[]) => onTerminal(['ctrl', ...conn(), 'dynsec', ...args]);
    for (const q of [['listClients'], ['listGroups'], ['listRoles'], ['listClients', '1', '1'], ['listRoles', '1']]) {
      const [ours, ref] = await Promise.all([table(...q), theirs(...q)]);
      expect(ours.status, q.join(' ')).toBe(0);
      expect(tableNames(ours.stdout), q.join(' ')).toEqual(ref.stdout.toString().split('\n').filter((l) => l !== ''));
    }
    expect((await table('listClients')).stdout).toBe(
      ['Username  Clientid  Disabled  Roles    Groups', 'admin                         admin', 'alice                         app (2)  devices', ''].join('\n'),
    );
    expect((await table('listGroups')).stdout).toBe('Groupname  Roles  Clients\ndevices           alice\n');
    const roles = (await table('listRoles')).stdout.split('\n');
    expect(roles[0]).toBe('Rolename  ACL type              Access  Topic                        Priority');
    // init's admin role: 8 ACLs; app: the two added above, highest priority first.
    expect(roles.slice(1, 10).filter((l) => l.startsWith('          '))).toHaveLength(7);
    expect(roles.slice(9)).toEqual(['app       publishClientSend     allow   app/#                        5', '          subscribePattern      allow   app/#                        0', '']);
    expect((await table('listClients', '1', '1')).stdout).toBe('Username  Clientid  Disabled  Roles    Groups\nalice                         app (2)  devices\n1 of 2 clients\n');
  });

  it('list* with --output json prints the plugin\'s names, as before (no full entries asked for)', async () => {
    const got = await mqtk(['ctrl', ...conn(), '--output', 'json', 'dynsec', 'listClients']);
    expect(JSON.parse(got.stdout.toString())).toEqual({ command: 'listClients', data: { totalCount: 2, clients: ['admin', 'alice'] } });
  });

  it('--output json prints the response data', async () => {
    const got = await mqtk(['ctrl', ...conn(), '--output', 'json', 'dynsec', 'getRole', 'app']);
    const line = JSON.parse(got.stdout.toString()) as { command: string; data: { role: { acls: unknown[] } } };
    expect(line.command).toBe('getRole');
    expect(line.data.role.acls).toHaveLength(2);
  });

  it('an error response exits non-zero with the plugin message (mosquitto_ctrl exits 0)', async () => {
    const ours = await ctrl('createClient', 'alice', '-p', 'x');
    expect(ours.status).toBe(1);
    expect(ours.stderr).toBe('createClient: Error: Client already exists\n');
    const ref = await theirs('createClient', 'alice', '-p', 'x');
    expect(ref.status).toBe(0);
    expect((await ctrl('getRole', 'nope')).status).toBe(1);
  });

  it('a refused connection exits with the CONNACK reason code', async () => {
    const got = await mqtk(['ctrl', ...conn('admin', 'wrong'), 'dynsec', 'listRoles']);
    expect(got.status).toBe(135);
  });

  it('setDefaultACLAccess takes effect (2.0.11 mosquitto_ctrl sends a shape the plugin ignores)', async () => {
    expect((await ctrl('setDefaultACLAccess', 'unsubscribe', 'deny')).status).toBe(0);
    expect((await ctrl('getDefaultACLAccess')).stdout.toString()).toContain('unsubscribe          : deny');
    await ctrl('setDefaultACLAccess', 'unsubscribe', 'allow');
  });

  it('never prompts when stdin is not a terminal: a missing password is an error (status 3)', async () => {
    const got = await ctrl('createClient', 'nopw');
    expect(got.status).toBe(3);
    expect(got.stderr).toContain('standard input is not a terminal');
    expect((await ctrl('getClient', 'nopw')).status).toBe(1);
    expect((await mqtk(['ctrl', ...conn()])).status).toBe(1);
  });

  it('times out with status 27 when nothing answers (a broker without the plugin)', async () => {
    const plain = await startMosquitto();
    try {
      const got = await mqtk(['ctrl', '-h', plain.host, '-p', String(plain.port), '-W', '1', 'dynsec', 'listRoles']);
      expect(got.status).toBe(27);
      expect(got.stderr).toBe('Timed out\n');
    } finally {
      await plain.stop();
    }
  });

  it('disableClient disconnects the client and keeps it out', async () => {
    const sub = startCommand(MQTK, ['sub', ...conn('alice', 'alicepw'), '-V', '5', '-t', 'app/#', '-i', 'alice-sub']);
    await waitFor(() => b.broker.log().includes('Sending SUBACK to alice-sub'), 10_000, 'alice subscribed');
    expect((await ctrl('disableClient', 'alice')).status).toBe(0);
    const end = await sub.done;
    expect(end.status).not.toBe(0);
    const again = await mqtk(['pub', ...conn('alice', 'alicepw'), '-V', '5', '-t', 'app/x', '-m', 'x']);
    expect(again.status).toBe(135);
    expect((await ctrl('enableClient', 'alice')).status).toBe(0);
  });
});

describe.skipIf(skipWithoutMosquitto() || !hasPlugin)('mqtk ctrl and mosquitto_ctrl leave the same config file', () => {
  const sequence = [
    ['createClient', 'alice', '-c', 'alice-id', '-p', 'pw1'],
    ['createClient', 'bob', '-p', 'pw2'],
    ['createRole', 'app'],
    ['createRole', 'ops'],
    ['addRoleACL', 'app', 'publishClientSend', 'app/#', 'allow', '5'],
    ['addRoleACL', 'app', 'subscribeLiteral', 'app/+/x', 'deny'],
    ['addRoleACL', 'ops', 'unsubscribePattern', '#', 'allow', '-3'],
    ['removeRoleACL', 'app', 'subscribeLiteral', 'app/+/x'],
    ['addClientRole', 'alice', 'app', '2'],
    ['addClientRole', 'bob', 'ops'],
    ['removeClientRole', 'bob', 'ops'],
    ['createGroup', 'devices'],
    ['addGroupRole', 'devices', 'ops', '7'],
    ['addGroupClient', 'devices', 'alice', '4'],
    ['addGroupClient', 'devices', 'bob'],
    ['removeGroupClient', 'devices', 'bob'],
    ['setAnonymousGroup', 'devices'],
    ['setClientId', 'bob', 'bob-id'],
    ['setClientId', 'alice'],
    ['setClientPassword', 'bob', 'pw3'],
    ['disableClient', 'bob'],
    ['createGroup', 'spare'],
    ['deleteGroup', 'spare'],
    ['createRole', 'gone'],
    ['deleteRole', 'gone'],
  ];

  it('after init and the same sequence of commands (apart from salts and hashes)', async () => {
    const ref = await dynsecBroker((file) => runCommand('mosquitto_ctrl', ['dynsec', 'init', file, 'admin', 'adminpw']));
    const ours = await dynsecBroker((file) => mqtk(['ctrl', 'dynsec', 'init', file, 'admin', 'adminpw']));
    try {
      expect(unsalted(ours.file)).toBe(unsalted(ref.file));
      const c = (m: Mosquitto): string[] => ['-h', m.host, '-p', String(m.port), '-u', 'admin', '-P', 'adminpw', 'dynsec'];
      for (const step of sequence) {
        const [a, o] = await Promise.all([runCommand('mosquitto_ctrl', [...c(ref.broker), ...step]), mqtk(['ctrl', ...c(ours.broker), ...step])]);
        expect(o.status, step.join(' ')).toBe(0);
        expect(o.stderr, step.join(' ')).toBe('');
        expect(a.stderr, step.join(' ')).not.toContain('Error');
      }
      expect(unsalted(ours.file)).toBe(unsalted(ref.file));
      for (const q of [['getClient', 'alice'], ['getClient', 'bob'], ['getGroup', 'devices'], ['getRole', 'app']]) {
        const [a, o] = await Promise.all([runCommand('mosquitto_ctrl', [...c(ref.broker), ...q]), mqtk(['ctrl', ...c(ours.broker), ...q])]);
        expect(o.stdout.toString(), q.join(' ')).toBe(a.stdout.toString());
      }
      // listRoles: the same roles, and on a terminal under each the ACLs mosquitto_ctrl's getRole prints.
      const [a, o] = await Promise.all([runCommand('mosquitto_ctrl', [...c(ref.broker), 'listRoles']), onTerminal(['ctrl', ...c(ours.broker), 'listRoles'])]);
      const names = a.stdout.toString().split('\n').filter((l) => l !== '');
      expect(tableNames(o.stdout)).toEqual(names);
      const theirAcls: string[] = [];
      for (const role of names) {
        const got = await runCommand('mosquitto_ctrl', [...c(ref.broker), 'getRole', role]);
        for (const m of got.stdout.toString().matchAll(/(\w+) +: (allow|deny) *: (.*) \(priority: (-?\d+)\)/g)) theirAcls.push([role, m[1], m[2], m[3], m[4]].join(' '));
      }
      expect(theirAcls.length).toBeGreaterThan(names.length);
      expect(tableAcls(o.stdout)).toEqual(theirAcls);
    } finally {
      await ref.stop();
      await ours.stop();
    }
  }, 180_000);
});
