import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { parseArgv } from '../../src/options/parse.js';
import { serveOptions, toServeOptions } from '../../src/options/serve.js';

const parse = (argv: string[]) => toServeOptions(parseArgv(argv, serveOptions));

describe('mqtk serve options', () => {
  it('defaults to local only, text logs', () => {
    expect(parse([])).toEqual({ configFile: undefined, ports: [], bind: '127.0.0.1', persist: undefined, persistRepair: false, persistSync: false, verbose: false, log: 'text', trace: false });
  });

  it('collects repeated -p and the rest', () => {
    expect(parse(['-p', '0', '-p', '1884', '--bind', '0.0.0.0', '-c', 'm.conf', '--persist', 'd', '--persist-repair', '--persist-sync', '-v', '--log', 'json', '--trace']))
      .toEqual({ configFile: 'm.conf', ports: [0, 1884], bind: '0.0.0.0', persist: 'd', persistRepair: true, persistSync: true, verbose: true, log: 'json', trace: true });
  });

  it('refuses bad ports and log formats', () => {
    expect(() => parse(['-p', '70000'])).toThrow(UsageError);
    expect(() => parse(['-p', 'x'])).toThrow('Invalid port given: x');
    expect(() => parse(['--log', 'xml'])).toThrow(UsageError);
  });
});
