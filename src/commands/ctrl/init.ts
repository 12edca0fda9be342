// `mqtk ctrl dynsec init FILE ADMIN [PASSWORD]`: the plugin's starting configuration,
// written locally, byte for byte in the layout mosquitto_ctrl 2.0.11 writes (cJSON_Print,
// no final newline) apart from the salt: an admin client whose role may only administer
// the plugin and read $SYS and everything else. The password is hashed as the 2.0 plugin
// expects (PBKDF2-SHA512, 101 iterations, 12-byte salt, both base64). Mode 0600, and an
// existing file is never replaced (O_EXCL).
import { randomBytes } from 'node:crypto';
import { open } from 'node:fs/promises';
import { PBKDF2_ITERATIONS_2_0, pbkdf2Digest, SALT_LENGTH_2_0 } from '../../auth/hash.js';
import { ExitError } from '../../errors.js';
import { printCJson, toCJson } from '../../format/cjson.js';
import { describeFsError } from '../../term/atomic-file.js';

const CONTROL = '$CONTROL/dynamic-security/#';

/** The config object for one admin client (password fields filled in by the caller). */
export function initialConfig(admin: string, password: { hash: Buffer; salt: Buffer; iterations: number }): Record<string, unknown> {
  const acl = (acltype: string, topic: string) => ({ acltype, topic, allow: true });
  return {
    clients: [
      {
        username: admin,
        textName: 'Dynsec admin user',
        password: password.hash.toString('base64'),
        salt: password.salt.toString('base64'),
        iterations: password.iterations,
        roles: [{ rolename: 'admin' }],
      },
    ],
    roles: [
      {
        rolename: 'admin',
        acls: [
          acl('publishClientSend', CONTROL),
          acl('publishClientReceive', CONTROL),
          acl('subscribePattern', CONTROL),
          acl('publishClientReceive', '$SYS/#'),
          acl('subscribePattern', '$SYS/#'),
          acl('publishClientReceive', '#'),
          acl('subscribePattern', '#'),
          acl('unsubscribePattern', '#'),
        ],
      },
    ],
    defaultACLAccess: { publishClientSend: false, publishClientReceive: true, subscribe: false, unsubscribe: true },
  };
}

export async function writeInitialConfig(file: string, admin: string, password: string): Promise<void> {
  const salt = randomBytes(SALT_LENGTH_2_0);
  const hash = await pbkdf2Digest(password, salt, PBKDF2_ITERATIONS_2_0);
  const text = printCJson(toCJson(initialConfig(admin, { hash, salt, iterations: PBKDF2_ITERATIONS_2_0 })), true);
  let handle;
  try {
    handle = await open(file, 'wx', 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new ExitError(1, `dynsec init: '${file}' already exists. Remove the file or use a different location.`);
    throw new ExitError(1, `dynsec init: cannot create '${file}': ${describeFsError(err)}.`);
  }
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export function formatInitDone(file: string, admin: string): string {
  return [
    `The client '${admin}' has been created in the file '${file}'.`,
    'This client is configured to allow you to administer the dynamic security plugin only.',
    'It does not have access to publish messages to normal topics.',
    'You should create your application clients to do that, for example:',
    '   mqtk ctrl <connect options> dynsec createClient <username>',
    '   mqtk ctrl <connect options> dynsec createRole <rolename>',
    '   mqtk ctrl <connect options> dynsec addRoleACL <rolename> publishClientSend my/topic allow [priority]',
    '   mqtk ctrl <connect options> dynsec addClientRole <username> <rolename> [priority]',
    '',
  ].join('\n');
}
