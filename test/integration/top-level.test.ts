// `mqtk` before its command, as a shell user meets it: nothing is swallowed, help is
// one text whichever way it is asked for, and a mistyped command gets a suggestion.
import { describe, expect, it } from 'vitest';
import { mqtk } from '../helpers/mqtk.js';

const text = (b: Buffer): string => b.toString('utf8');

describe('mqtk before its command', () => {
  it.each([
    [['-d', 'pub', '-t', 'x', '-m', 'hi'], "Error: Option '-d' must come after the command: mqtk pub -d ...\n"],
    [['--foo'], "Error: Unknown option '--foo'.\n"],
    [['--verison'], "Error: Unknown option '--verison'. Did you mean '--version'?\n"],
    [['sbu', '-t', 'x'], "Error: Unknown command 'sbu'. Did you mean 'sub'?\n"],
  ])('refuses %j with one line naming it, exit 1, nothing run', async (args, line) => {
    const r = await mqtk(args);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`${line}Use 'mqtk --help' to see usage.\n`);
    expect(r.stdout.length).toBe(0);
  });

  it('--help before the command prints exactly what the command\'s --help prints, with its status', async () => {
    const [before, after, help] = await Promise.all([mqtk(['--help', 'pub']), mqtk(['pub', '--help']), mqtk(['help', 'pub'])]);
    expect(text(before.stdout)).toBe(text(after.stdout));
    expect(before.status).toBe(after.status);
    expect(text(help.stdout)).toBe(text(after.stdout));
    expect(help.status).toBe(0);
    expect(text(after.stdout)).toMatch(/Examples:\n mqtk pub /);
    expect(text(after.stdout)).toMatch(/See 'man \S*mqtk-pub(\.1)?' for more information\.\n$/);
  });

  it('--help, -h and help print the top-level usage on stdout and exit 0; mqtk alone prints it on stderr, exit 1', async () => {
    const [help, h, word, none] = await Promise.all([mqtk(['--help']), mqtk(['-h']), mqtk(['help']), mqtk([])]);
    for (const r of [help, h, word]) {
      expect(r.status).toBe(0);
      expect(text(r.stdout)).toBe(text(help.stdout));
    }
    expect(text(help.stdout)).toContain('\nCommands:\n pub ');
    expect(text(help.stdout)).toContain(' completion ');
    expect(none.status).toBe(1);
    expect(none.stderr).toBe(text(help.stdout));
  });

  it('--version prints the version, exit 0', async () => {
    const r = await mqtk(['--version']);
    expect(r.status).toBe(0);
    expect(text(r.stdout)).toMatch(/^mqtk version \d+\.\d+\.\d+ running on Node\.js /);
  });

  it('--no-color before sub applies to sub (reaches its parser: --help shows sub\'s usage)', async () => {
    const r = await mqtk(['--no-color', 'sub', '--help']);
    expect(text(r.stdout)).toContain('Usage: mqtk sub');
  });

  it('completion fish prints the fish script', async () => {
    const r = await mqtk(['completion', 'fish']);
    expect(r.status).toBe(0);
    expect(text(r.stdout)).toContain('complete -c mqtk -n __fish_use_subcommand -a pub');
  });
});
