// The top-level router: options before the command apply or are refused, never dropped.
import { describe, expect, it } from 'vitest';
import { routeArgv } from '../src/cli.js';
import { UsageError } from '../src/errors.js';
import { suggest } from '../src/options/suggest.js';

const refused = (argv: string[]): string => {
  try {
    routeArgv(argv);
  } catch (err) {
    if (err instanceof UsageError) return err.message;
    throw err;
  }
  throw new Error(`routeArgv(${argv.join(' ')}) did not throw`);
};

describe('routeArgv', () => {
  it('runs a command with the rest of argv', () => {
    const r = routeArgv(['pub', '-t', 'x', '-m', 'hi']);
    expect(r.kind === 'run' && r.command.name).toBe('pub');
    expect(r.kind === 'run' && r.argv).toEqual(['-t', 'x', '-m', 'hi']);
  });

  it.each([
    [['-d', 'pub', '-t', 'x', '-m', 'hi'], "Option '-d' must come after the command: mqtk pub -d ..."],
    [['-h', 'broker', 'pub', '-t', 'x'], "Option '-h' must come after the command: mqtk pub -h ..."],
    [['--foo'], "Unknown option '--foo'."],
    [['--verison'], "Unknown option '--verison'. Did you mean '--version'?"],
    [['--foo', 'sub', '-t', 'x'], "Unknown option '--foo'."],
    [['sbu'], "Unknown command 'sbu'. Did you mean 'sub'?"],
    [['help', 'sbu'], "Unknown command 'sbu'. Did you mean 'sub'?"],
    [['frobnicate'], "Unknown command 'frobnicate'. Commands: pub, sub, rr, ctrl, passwd, serve, bench, help, completion."],
    [['help', 'pub', 'sub'], "Unexpected argument 'sub' after 'pub'."],
    [['--version', 'pub'], "Unexpected argument 'pub' after '--version'."],
    [['completion', 'tcsh'], "Unknown shell 'tcsh': use bash, zsh, fish."],
  ])('refuses %j: %s', (argv, message) => {
    expect(refused(argv)).toBe(message);
  });

  it('--help before a command is the command\'s --help (same text and status)', () => {
    const r = routeArgv(['--help', 'pub']);
    expect(r.kind === 'run' && r.command.name).toBe('pub');
    expect(r.kind === 'run' && r.argv).toEqual(['--help']);
  });

  it('help COMMAND shows that command\'s usage; help alone, --help and -h alone the top level', () => {
    const r = routeArgv(['help', 'sub']);
    expect(r.kind === 'command-help' && r.command.name).toBe('sub');
    expect(routeArgv(['help'])).toEqual({ kind: 'help', asked: true });
    expect(routeArgv(['--help'])).toEqual({ kind: 'help', asked: true });
    expect(routeArgv(['-h'])).toEqual({ kind: 'help', asked: true });
    expect(routeArgv([])).toEqual({ kind: 'help', asked: false });
  });

  it('--version alone is the version', () => {
    expect(routeArgv(['--version'])).toEqual({ kind: 'version' });
  });

  it('passes --no-color and --color on to a command that has them, and drops them for one that never colours', () => {
    const sub = routeArgv(['--no-color', 'sub', '-t', 'x']);
    expect(sub.kind === 'run' && sub.argv).toEqual(['--no-color', '-t', 'x']);
    const passwd = routeArgv(['--color', 'passwd', '--list', 'f']);
    expect(passwd.kind === 'run' && passwd.argv).toEqual(['--list', 'f']);
  });

  it('completion defaults to bash and takes zsh and fish', () => {
    expect(routeArgv(['completion'])).toEqual({ kind: 'completion', shell: 'bash' });
    expect(routeArgv(['completion', 'fish'])).toEqual({ kind: 'completion', shell: 'fish' });
  });
});

describe('suggest', () => {
  it.each([
    ['sbu', 'sub'],
    ['pbu', 'pub'],
    ['serv', 'serve'],
    ['passw', 'passwd'],
    ['SUB', 'sub'],
  ])('%s → %s', (word, near) => {
    expect(suggest(word, ['pub', 'sub', 'passwd', 'serve', 'help', 'completion'])).toBe(near);
  });

  it('suggests nothing for a word far from every name', () => {
    expect(suggest('frobnicate', ['pub', 'sub', 'passwd', 'serve'])).toBeUndefined();
  });
});
