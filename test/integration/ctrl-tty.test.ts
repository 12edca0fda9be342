// mqtk ctrl's prompts on a real pseudo-terminal: the interactive mode (pick a command,
// fill its arguments, see the result, repeat) and masked password prompts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasDynsecPlugin, startDynsecBroker, type DynsecBroker } from '../helpers/dynsec.js';
import { skipWithoutMosquitto } from '../helpers/mosquitto.js';
import { MQTK, mqtk } from '../helpers/mqtk.js';
import { hasScript, KEYS, Pty } from '../helpers/pty.js';
import { DYNSEC_VERBS } from '../../src/commands/ctrl/dynsec.js';

describe.skipIf(skipWithoutMosquitto() || !hasDynsecPlugin || !hasScript)('mqtk ctrl on a terminal', () => {
  let b: DynsecBroker;
  const conn = (): string[] => ['-h', b.broker.host, '-p', String(b.broker.port), '-u', 'admin', '-P', 'adminpw'];
  beforeAll(async () => {
    b = await startDynsecBroker((file) => mqtk(['ctrl', 'dynsec', 'init', file, 'admin', 'adminpw']));
  });
  afterAll(async () => {
    await b?.stop();
  });

  it('interactive mode: menu → arguments → result, again, until Ctrl-C (exit 0)', async () => {
    const pty = new Pty([MQTK, 'ctrl', ...conn()]);
    try {
      await pty.waitFor(/dynsec command/);
      const pick = async (name: string): Promise<void> => {
        const from = pty.screen().length;
        pty.type(KEYS.down.repeat(DYNSEC_VERBS.findIndex((v) => v.name === name)) + KEYS.enter);
        await pty.waitFor(new RegExp(`✔ dynsec command ${name}`), from);
      };
      await pick('createRole');
      pty.type(`viewer${KEYS.enter}`);
      await pty.waitFor(/createRole: OK/);
      let from = pty.screen().length;
      // The arguments as addRoleACL declares them: acltype and allow|deny are menus, priority optional.
      await pick('addRoleACL');
      const answers = [['rolename', `viewer${KEYS.enter}`], ['acltype', KEYS.down.repeat(3) + KEYS.enter], ['topic', `v/#${KEYS.enter}`], ['access', KEYS.down + KEYS.enter], ['priority', `4${KEYS.enter}`]] as const;
      for (const [prompt, keys] of answers) {
        await pty.waitFor(new RegExp(prompt), from);
        from = pty.screen().length;
        pty.type(keys);
      }
      await pty.waitFor(/addRoleACL: OK/, from);
      from = pty.screen().length;
      await pick('getRole');
      pty.type(`viewer${KEYS.enter}`);
      await pty.waitFor(/Rolename: viewer\s+ACLs: +subscribePattern +: deny +: v\/# \(priority: 4\)/, from);
      from = pty.screen().length;
      await pick('getClient');
      pty.type(`nobody${KEYS.enter}`);
      // An error response is shown and the menu comes back.
      await pty.waitFor(/getClient: Error: Client not found[\s\S]*dynsec command/, from);
      pty.type(KEYS.ctrlC);
      expect(await pty.exited).toBe(0);
    } finally {
      pty.kill();
    }
    const roles = JSON.parse((await mqtk(['ctrl', ...conn(), '--json', 'dynsec', 'listRoles'])).stdout.toString()) as { data: { roles: string[] } };
    expect(roles.data.roles).toEqual(['admin', 'viewer']);
  });

  it('asks for a missing password twice, masked, and the client can then connect', async () => {
    const pty = new Pty([MQTK, 'ctrl', ...conn(), 'dynsec', 'createClient', 'dave']);
    try {
      await pty.waitFor(/New password for dave/);
      pty.type(`s3cret-pw${KEYS.enter}`);
      await pty.waitFor(/Reenter password for dave/);
      pty.type(`s3cret-pw${KEYS.enter}`);
      expect(await pty.exited).toBe(0);
      expect(pty.screen()).not.toContain('s3cret-pw');
    } finally {
      pty.kill();
    }
    const login = await mqtk(['pub', '-h', b.broker.host, '-p', String(b.broker.port), '-u', 'dave', '-P', 's3cret-pw', '-t', 'x', '-m', 'x']);
    expect(login.status).toBe(0);
    const wrong = await mqtk(['pub', '-h', b.broker.host, '-p', String(b.broker.port), '-u', 'dave', '-P', 'other', '-t', 'x', '-m', 'x']);
    expect(wrong.status).not.toBe(0);
  });

  it('different answers at the two prompts exit 2 and create nothing', async () => {
    const pty = new Pty([MQTK, 'ctrl', ...conn(), 'dynsec', 'createClient', 'erin']);
    try {
      await pty.waitFor(/New password for erin/);
      pty.type(`one${KEYS.enter}`);
      await pty.waitFor(/Reenter password for erin/);
      pty.type(`two${KEYS.enter}`);
      expect(await pty.exited).toBe(2);
    } finally {
      pty.kill();
    }
    expect((await mqtk(['ctrl', ...conn(), 'dynsec', 'getClient', 'erin'])).status).toBe(1);
  });
});
