// `mqtk ctrl dynsec init` as a new user runs it: as root on a machine whose mosquitto runs as
// its own user, the 0600 file it writes is unreadable to the plugin, which then refuses
// every client; init says so and prints the chown. A file that cannot be created is named
// with the reason in words.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mqtk } from '../helpers/mqtk.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mqtk-ctrl-init-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('mqtk ctrl dynsec init', () => {
  it.skipIf(process.geteuid?.() !== 0)('run as root, warns that the broker user cannot read the 0600 file and prints the chown', async () => {
    const file = join(dir, 'dynsec.json');
    const got = await mqtk(['ctrl', 'dynsec', 'init', file, 'admin', 'pw'], { env: { ...process.env, MQTK_BROKER_USER: 'nobody' } });
    expect(got.status).toBe(0);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(got.stderr).toBe(
      `Warning: the broker runs as user nobody, which cannot read ${file} (owner uid 0, mode 0600).\n` +
        `To fix this, use \`chown nobody:nobody ${file}\` (or \`chgrp nobody ${file} && chmod 0640 ${file}\`).\n`,
    );
  });

  it('says nothing about access when the broker user is not checked', async () => {
    const got = await mqtk(['ctrl', 'dynsec', 'init', join(dir, 'dynsec.json'), 'admin', 'pw']);
    expect([got.status, got.stderr]).toEqual([0, '']);
  });

  it('names a file it cannot create, with the reason in words, and exits 1', async () => {
    const file = join(dir, 'missing', 'dynsec.json');
    const got = await mqtk(['ctrl', 'dynsec', 'init', file, 'admin', 'pw']);
    expect([got.status, got.stderr]).toEqual([1, `Error: dynsec init: cannot create '${file}': No such file or directory.\n`]);
  });
});
