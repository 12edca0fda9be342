// The bridge section of mosquitto.conf (src/broker/config-bridge.ts through parseMosquittoConf).
import { describe, expect, it } from 'vitest';
import { parseMosquittoConf } from '../../src/broker/config.js';

const bridge = (...lines: string[]) => parseMosquittoConf(['connection b', ...lines].join('\n'), 'm.conf').config.bridges![0]!;

describe('mosquitto.conf bridge options', () => {
  it('reads several addresses, on one line or several, with default port 1883', () => {
    expect(bridge('address 10.0.0.1:1884 10.0.0.2', 'address [::1]:1885').addresses).toEqual([
      { host: '10.0.0.1', port: 1884 }, { host: '10.0.0.2', port: 1883 }, { host: '::1', port: 1885 },
    ]);
  });

  it('reads round_robin, notification_topic, local_clientid, bridge_attempt_unsubscribe, restart_timeout, idle_timeout, start_type, bridge_insecure, bridge_alpn', () => {
    expect(bridge('address h', 'round_robin true', 'notification_topic st/b', 'local_clientid near', 'bridge_attempt_unsubscribe false',
      'restart_timeout 2 20', 'idle_timeout 30', 'start_type automatic', 'bridge_insecure true', 'bridge_alpn mqtt')).toMatchObject({
      roundRobin: true, notificationTopic: 'st/b', localClientId: 'near', attemptUnsubscribe: false, restartTimeout: [2, 20], idleTimeout: 30, insecure: true, alpn: 'mqtt',
    });
    expect(bridge('address h', 'restart_timeout 7').restartTimeout).toEqual([7, 7]);
  });

  it('stops at a bridge option it does not implement, naming file and line', () => {
    expect(() => parseMosquittoConf('connection b\naddress h\nbridge_tls_version tlsv1.2', 'm.conf')).toThrow("m.conf:3: bridge option 'bridge_tls_version' is not supported by mqtk serve");
    expect(() => parseMosquittoConf('connection b\naddress h\n\nlocal_username u', 'm.conf')).toThrow(/^m\.conf:4: bridge option 'local_username'/);
    expect(() => parseMosquittoConf('connection b\naddress h\nstart_type lazy', 'm.conf')).toThrow("m.conf:3: start_type 'lazy' is not supported by mqtk serve (only automatic)");
  });

  it('refuses bad values and a bridge without an address', () => {
    expect(() => parseMosquittoConf('connection b\naddress h\nrestart_timeout 10 5', 'm.conf')).toThrow(/m\.conf:3: restart_timeout takes BASE \[CAP\]/);
    expect(() => parseMosquittoConf('connection b\naddress h\nround_robin yes', 'm.conf')).toThrow("m.conf:3: 'yes' is not true or false");
    expect(() => parseMosquittoConf('connection b\ntopic x out', 'm.conf')).toThrow("m.conf: bridge 'b' has no address");
    expect(() => parseMosquittoConf('address h', 'm.conf')).toThrow("m.conf:1: 'address' needs a 'connection' line before it");
  });
});
