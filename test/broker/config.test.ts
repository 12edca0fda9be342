import { describe, expect, it } from 'vitest';
import { ConfigError, parseMosquittoConf } from '../../src/broker/config.js';

describe('mosquitto.conf subset', () => {
  it('reads listeners with their per-listener settings', () => {
    const { config, hasListeners } = parseMosquittoConf(
      ['# comment', 'listener 1884 127.0.0.1', 'listener 8883', 'certfile c.pem', 'keyfile k.pem', 'cafile ca.pem', 'require_certificate true', 'listener 9001', 'protocol websockets'].join('\n'),
    );
    expect(hasListeners).toBe(true);
    expect(config.listeners).toEqual([
      { port: 1884, host: '127.0.0.1', protocol: 'mqtt' },
      { port: 8883, host: undefined, protocol: 'mqtt', tls: { certfile: 'c.pem', keyfile: 'k.pem', cafile: 'ca.pem', requireCertificate: true } },
      { port: 9001, host: undefined, protocol: 'websockets' },
    ]);
  });

  it('reads the global settings of the subset', () => {
    const { config } = parseMosquittoConf([
      'allow_anonymous false', 'password_file /p', 'acl_file /a', 'persistence true', 'persistence_location /d/', 'persistence_sync true',
      'max_inflight_messages 0', 'max_queued_messages 50', 'message_size_limit 100', 'max_keepalive 30',
      'retain_available false', 'sys_interval 5', 'max_connections 10',
    ].join('\n'));
    expect(config).toEqual({
      allowAnonymous: false, passwordFile: '/p', aclFile: '/a', persistence: true, persistenceLocation: '/d/', persistenceSync: true,
      maxInflightMessages: 0, maxQueuedMessages: 50, messageSizeLimit: 100, maxKeepalive: 30, retainAvailable: false,
      sysInterval: 5, maxConnections: 10,
    });
  });

  it('warns about unknown directives, naming the line, and goes on', () => {
    const { config, warnings } = parseMosquittoConf('listener 1\nfrobnicate yes\nallow_anonymous true', 'm.conf');
    expect(warnings).toEqual(["m.conf:2: unknown or unsupported directive 'frobnicate' ignored"]);
    expect(config.allowAnonymous).toBe(true);
  });

  it('treats names every object has ("constructor", "toString") as unknown, not as settings', () => {
    const { warnings } = parseMosquittoConf('constructor 5\ntoString 1', 'm.conf');
    expect(warnings).toEqual(["m.conf:1: unknown or unsupported directive 'constructor' ignored", "m.conf:2: unknown or unsupported directive 'toString' ignored"]);
    expect(() => parseMosquittoConf('connection b\naddress 127.0.0.1:1\nbridge_protocol_version constructor', 'm.conf')).toThrow(/bridge_protocol_version must be/);
  });

  it('accepts directives that change nothing here without a warning', () => {
    expect(parseMosquittoConf('user root\nset_tcp_nodelay true\nlog_type all').warnings).toEqual([]);
  });

  it('refuses bad values of known directives with the line', () => {
    expect(() => parseMosquittoConf('max_queued_messages lots', 'm.conf')).toThrow(new ConfigError("m.conf:1: 'lots' is not a number"));
    expect(() => parseMosquittoConf('allow_anonymous maybe', 'm.conf')).toThrow(ConfigError);
    expect(() => parseMosquittoConf('certfile x', 'm.conf')).toThrow(/needs a listener/);
    expect(() => parseMosquittoConf('listener 1\ncertfile x', 'm.conf')).toThrow(/needs both certfile and keyfile/);
  });

  it('reads bridge sections', () => {
    const { config } = parseMosquittoConf([
      'connection up', 'address 10.0.0.1:1884', 'topic sensors/# out 1 local/ remote/', 'topic cmd/# in 2', 'remote_clientid b1',
      'remote_username u', 'remote_password p', 'bridge_protocol_version mqttv50', 'cleansession true', 'keepalive_interval 30',
      'try_private false', 'notifications false',
    ].join('\n'));
    expect(config.bridges).toEqual([{
      name: 'up', host: '10.0.0.1', port: 1884, clientId: 'b1', username: 'u', password: 'p', protocolVersion: 5, cleanSession: true,
      keepalive: 30, tryPrivate: false, notifications: false,
      topics: [
        { pattern: 'sensors/#', direction: 'out', qos: 1, localPrefix: 'local/', remotePrefix: 'remote/' },
        { pattern: 'cmd/#', direction: 'in', qos: 2, localPrefix: '', remotePrefix: '' },
      ],
    }]);
  });
});
