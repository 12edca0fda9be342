// Concurrent `mqtk passwd` runs on one file: each reads the file as the previous one
// left it (under .FILE.mqtk-lock), so every user is kept.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mqtk } from '../helpers/mqtk.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mqtk-passwd-conc-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('mqtk passwd run ten times at once', () => {
  it('keeps all eleven users, and leaves no lock or temp file behind', async () => {
    const file = join(dir, 'passwd');
    writeFileSync(file, 'admin:$6$abc$def\n', { mode: 0o600 });
    const runs = await Promise.all(Array.from({ length: 10 }, (_, i) => mqtk(['passwd', '-b', file, `user${i}`, `pw${i}`])));
    for (const r of runs) expect(r.status, r.stderr).toBe(0);
    const users = readFileSync(file, 'utf8').split('\n').filter((l) => l !== '').map((l) => l.split(':')[0]);
    expect(users.sort()).toEqual(['admin', ...Array.from({ length: 10 }, (_, i) => `user${i}`)].sort());
    expect(readdirSync(dir)).toEqual(['passwd']);
  }, 60_000);
});
