// mosquitto's parser applies options in the order given; -L is one of them. Also -x on
// MQTT 3.1.1 and the default options files.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TransportConfig } from '../../src/client/config.js';
import { toConnectionSetup } from '../../src/options/client-config.js';
import { connectionOptions } from '../../src/options/connection.js';
import { publishOptions } from '../../src/options/message.js';
import { parseArgv } from '../../src/options/parse.js';
import { toPublishConfig } from '../../src/options/publish-config.js';
import { readRcFile, rcFilePaths } from '../../src/options/rc-file.js';

const wellFormed = { isMalformedUtf8: () => false };
const setup = (argv: string[]) => toConnectionSetup(parseArgv(argv, [...publishOptions, ...connectionOptions]), { protocolVersion: 4, pid: 7 });
const tcp = (argv: string[]) => {
  const t: TransportConfig = setup(argv).client.transport;
  if (t.kind !== 'tcp') throw new Error(`expected tcp, got ${t.kind}`);
  return { host: t.host, port: t.port };
};

describe('options apply in order, -L included', () => {
  it('-p before -L loses to the URL (its port, or its scheme\'s default); -p after -L wins', () => {
    expect(tcp(['-p', '1884', '-L', 'mqtt://h:1999/t'])).toEqual({ host: 'h', port: 1999 });
    expect(tcp(['-p', '1884', '-L', 'mqtt://h/t'])).toEqual({ host: 'h', port: 1883 });
    expect(tcp(['-L', 'mqtt://h:1999/t', '-p', '1884'])).toEqual({ host: 'h', port: 1884 });
  });

  it('-h before -L loses, -h after -L wins', () => {
    expect(tcp(['-h', 'first', '-L', 'mqtt://url/t'])).toEqual({ host: 'url', port: 1883 });
    expect(tcp(['-L', 'mqtt://url/t', '-h', 'last'])).toEqual({ host: 'last', port: 1883 });
  });

  it('credentials: the URL\'s replace earlier -u/-P, later ones replace the URL\'s; a URL without any keeps -u/-P', () => {
    const connect = (argv: string[]) => {
      const c = setup(argv).client.connect;
      return [c.username, c.password?.toString()];
    };
    expect(connect(['-u', 'a', '-P', 'p', '-L', 'mqtt://b:q@h/t'])).toEqual(['b', 'q']);
    expect(connect(['-L', 'mqtt://b:q@h/t', '-u', 'a', '-P', 'p'])).toEqual(['a', 'p']);
    expect(connect(['-u', 'a', '-P', 'p', '-L', 'mqtt://h/t'])).toEqual(['a', 'p']);
  });

  it('pub: of -t and -L, the topic given last is published to', () => {
    const topic = (argv: string[]) => {
      const args = parseArgv([...argv, '-m', 'x'], [...publishOptions, ...connectionOptions]);
      return toPublishConfig(args, toConnectionSetup(args, { protocolVersion: 4, pid: 7 }).urlTopic, undefined, wellFormed).topic;
    };
    expect(topic(['-t', 'first', '-L', 'mqtt://h/url'])).toBe('url');
    expect(topic(['-L', 'mqtt://h/url', '-t', 'last'])).toBe('last');
  });
});

describe('-x without -V 5', () => {
  it('keeps MQTT 3.1.1 and warns once that -x needs -V 5 (mosquitto 2.0 ignores it silently)', () => {
    const s = setup(['-x', '60']);
    expect(s.client.connect.protocolVersion).toBe(4);
    expect(s.client.connect.properties).toBeUndefined();
    expect(s.warnings).toEqual(['Warning: -x needs MQTT 5 (-V 5); ignored on MQTT 3.1.1.']);
  });

  it('an infinite -x without -i is no error on 3.1.1, where it is ignored (as mosquitto 2.0.11)', () => {
    expect(setup(['-x', '-1']).client.connect.protocolVersion).toBe(4);
  });

  it('with -V 5 (or -D, which means MQTT 5) -x is the session expiry interval, without a warning', () => {
    const s = setup(['-x', '60', '-V', '5']);
    expect([s.client.connect.properties?.sessionExpiryInterval, s.warnings]).toEqual([60, []]);
    const d = setup(['-x', '60', '-D', 'connect', 'user-property', 'k', 'v']);
    expect([d.client.connect.protocolVersion, d.client.connect.properties?.sessionExpiryInterval]).toEqual([5, 60]);
  });
});

describe('default options files', () => {
  const home = (): string => mkdtempSync(join(tmpdir(), 'mqtk-rc-'));

  it('tries mqtk\'s own file first, then mosquitto\'s (pub, sub and rr only)', () => {
    expect(rcFilePaths('pub', { HOME: '/h' })).toEqual(['/h/.config/mqtk/pub', '/h/.config/mosquitto_pub']);
    expect(rcFilePaths('rr', { XDG_CONFIG_HOME: '/x', HOME: '/h' })).toEqual(['/x/mqtk/rr', '/x/mosquitto_rr']);
    expect(rcFilePaths('passwd', { HOME: '/h' })).toEqual(['/h/.config/mqtk/passwd']);
    expect(rcFilePaths('pub', {})).toEqual([]);
  });

  it("reads ~/.config/mosquitto_sub when there is no ~/.config/mqtk/sub, and ignores it when there is", () => {
    const h = home();
    mkdirSync(join(h, '.config', 'mqtk'), { recursive: true });
    writeFileSync(join(h, '.config', 'mosquitto_sub'), '# mosquitto defaults\n-h broker.example\n-p 1884\n');
    expect(readRcFile('sub', { HOME: h })).toEqual(['-h', 'broker.example', '-p', '1884']);
    writeFileSync(join(h, '.config', 'mqtk', 'sub'), '-v\n');
    expect(readRcFile('sub', { HOME: h })).toEqual(['-v']);
  });

  it('reads $XDG_CONFIG_HOME/mosquitto_pub when XDG_CONFIG_HOME is set', () => {
    const x = home();
    writeFileSync(join(x, 'mosquitto_pub'), '-t from/mosquitto\n');
    expect(readRcFile('pub', { XDG_CONFIG_HOME: x, HOME: '/nonexistent' })).toEqual(['-t', 'from/mosquitto']);
  });
});
