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
      'allow_anonymous false', 'password_file /p', 'acl_file /a', 'persistence true', 'persistence_location /d/',
      'max_inflight_messages 0', 'max_queued_messages 50', 'message_size_limit 100', 'max_keepalive 30',
      'retain_available false', 'sys_interval 5', 'max_connections 10',
    ].join('\n'));
    expect(config).toEqual({
      allowAnonymous: false, passwordFile: '/p', aclFile: '/a', persistence: true, persistenceLocation: '/d/',
      maxInflightMessages: 0, maxQueuedMessages: 50, messageSizeLimit: 100, maxKeepalive: 30, retainAvailable: false,
      sysInterval: 5, maxConnections: 10,
    });
  });

  it('stops at an unknown directive (a typo), naming file:line, exit status 3 as mosquitto', () => {
    // Before: "acl_fle" was a warning and the broker started with no ACL at all.
    expect(() => parseMosquittoConf('listener 1\nacl_fle /etc/acl\nallow_anonymous true', 'm.conf'))
      .toThrow(new ConfigError('m.conf:2: Unknown configuration variable "acl_fle".'));
    try {
      parseMosquittoConf('frobnicate yes', 'm.conf');
    } catch (err) {
      expect((err as ConfigError).code).toBe(3);
    }
  });

  it('treats names every object has ("constructor", "toString") as unknown, not as settings', () => {
    expect(() => parseMosquittoConf('constructor 5', 'm.conf')).toThrow('m.conf:1: Unknown configuration variable "constructor".');
    expect(() => parseMosquittoConf('toString 1', 'm.conf')).toThrow('Unknown configuration variable "toString"');
    expect(() => parseMosquittoConf('connection b\naddress 127.0.0.1:1\nbridge_protocol_version constructor', 'm.conf')).toThrow(/bridge_protocol_version must be/);
  });

  it('accepts logging and process directives that cannot weaken security, and ignores them', () => {
    expect(parseMosquittoConf('user root\nset_tcp_nodelay true\nlog_dest stderr\npid_file /run/m.pid\nlog_timestamp false\nautosave_interval 10').config).toEqual({});
  });

  it('refuses known directives it does not implement when ignoring them could weaken security', () => {
    for (const line of ['psk_file /p', 'auth_plugin /x.so', 'plugin /x.so', 'plugin_opt_x 1', 'auth_opt_db x', 'include_dir /d', 'crlfile /c', 'bind_interface eth0', 'memory_limit 10', 'mount_point a/']) {
      expect(() => parseMosquittoConf(`listener 1\n${line}`, 'm.conf'), line).toThrow(/^m\.conf:2: ".*" is not supported by mqtk serve/);
    }
  });

  it('accepts a directive mqtk does not implement only with the value that is its behaviour', () => {
    expect(() => parseMosquittoConf('allow_zero_length_clientid true\ncheck_retain_source false')).not.toThrow();
    expect(() => parseMosquittoConf('allow_zero_length_clientid false', 'm.conf')).toThrow('m.conf:1: "allow_zero_length_clientid false" is not supported');
    expect(() => parseMosquittoConf('use_identity_as_username true', 'm.conf')).toThrow(ConfigError);
  });

  it('reads persistent_client_expiration as mosquitto durations', () => {
    expect(parseMosquittoConf('persistent_client_expiration 14d').config.persistentClientExpiration).toBe(14 * 86400);
    expect(parseMosquittoConf('persistent_client_expiration 2h').config.persistentClientExpiration).toBe(7200);
    expect(parseMosquittoConf('persistent_client_expiration 1w').config.persistentClientExpiration).toBe(7 * 86400);
    expect(() => parseMosquittoConf('persistent_client_expiration 14', 'm.conf')).toThrow(/m\.conf:1: '14' is not a duration/);
  });

  it('reads log_type lines (all, none) and connection_messages', () => {
    const p = parseMosquittoConf('log_type error\nlog_type notice\nconnection_messages false');
    expect([...p.logTypes!]).toEqual(['error', 'notice']);
    expect(p.connectionMessages).toBe(false);
    expect(parseMosquittoConf('log_type all').logTypes!.size).toBe(8);
    expect(parseMosquittoConf('log_type all\nlog_type none').logTypes!.size).toBe(0);
    expect(parseMosquittoConf('').logTypes).toBeUndefined();
    expect(() => parseMosquittoConf('log_type loud', 'm.conf')).toThrow(/m\.conf:1: log_type 'loud'/);
  });

  describe('per_listener_settings true', () => {
    it('gives each listener its own security settings, and a listener without any the defaults', () => {
      const p = parseMosquittoConf('per_listener_settings true\nlistener 1\nallow_anonymous true\nlistener 2\npassword_file /pw\nacl_file /acl\nlistener 3');
      expect(p.perListenerSettings).toBe(true);
      expect(p.config.listeners!.map((l) => l.security)).toEqual([{ allowAnonymous: true }, { passwordFile: '/pw', aclFile: '/acl' }, {}]);
      expect(p.config.allowAnonymous).toBeUndefined();
    });

    it('refuses a global security setting (it would apply to no listener)', () => {
      expect(() => parseMosquittoConf('per_listener_settings true\nallow_anonymous true\nlistener 1', 'm.conf'))
        .toThrow(/^m\.conf:2: with per_listener_settings true, 'allow_anonymous' belongs after a listener line/);
    });

    it('must come before any other security setting, as in mosquitto', () => {
      expect(() => parseMosquittoConf('listener 1\nallow_anonymous true\nper_listener_settings true', 'm.conf'))
        .toThrow('m.conf:3: per_listener_settings must be set before any other security settings');
    });

    it('false keeps the settings global wherever they appear', () => {
      const p = parseMosquittoConf('per_listener_settings false\nlistener 1\nallow_anonymous true\nlistener 2\npassword_file /pw');
      expect(p.config.listeners!.map((l) => l.security)).toEqual([undefined, undefined]);
      expect(p.config).toMatchObject({ allowAnonymous: true, passwordFile: '/pw' });
    });
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
      name: 'up', addresses: [{ host: '10.0.0.1', port: 1884 }], roundRobin: false, clientId: 'b1', username: 'u', password: 'p', protocolVersion: 5, cleanSession: true,
      keepalive: 30, tryPrivate: false, notifications: false, attemptUnsubscribe: true, restartTimeout: [5, 30], idleTimeout: 60, insecure: false,
      topics: [
        { pattern: 'sensors/#', direction: 'out', qos: 1, localPrefix: 'local/', remotePrefix: 'remote/' },
        { pattern: 'cmd/#', direction: 'in', qos: 2, localPrefix: '', remotePrefix: '' },
      ],
    }]);
  });
});
