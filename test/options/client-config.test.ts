// argv → ConnectionSetup (mosquitto's client_shared.c checks), today's behaviour.
import { describe, expect, it } from 'vitest';
import { toConnectionSetup } from '../../src/options/client-config.js';
import { pubArgs, usageMessage } from './mapper-helpers.js';

const setup = (argv: string[], protocolVersion: 3 | 4 | 5 = 4) => toConnectionSetup(pubArgs(argv), { protocolVersion, pid: 77 });

describe('toConnectionSetup: where to connect', () => {
  it.each([
    [[], { kind: 'tcp', host: 'localhost', port: 1883 }],
    [['-h', 'b', '-p', '1884'], { kind: 'tcp', host: 'b', port: 1884 }],
    [['-p', '8883'], { kind: 'tcp', port: 8883, tls: {} }],
    [['--cafile', 'ca.pem'], { kind: 'tcp', port: 8883, tls: { caFile: 'ca.pem' } }],
    [['--unix', '/run/m.sock'], { kind: 'unix', path: '/run/m.sock' }],
    [['-L', 'mqtt://u:p@h:1999/t'], { kind: 'tcp', host: 'h', port: 1999 }],
    [['-L', 'ws://h/t'], { kind: 'ws', url: 'ws://h:80/mqtt' }],
    [['-L', 'wss://h:9000/t', '--ws-path', '/ws'], { kind: 'ws', url: 'wss://h:9000/ws' }],
    [['-A', '127.0.0.2'], { kind: 'tcp', localAddress: '127.0.0.2' }],
  ])('%j → %j', (argv, transport) => {
    expect(setup(argv).client.transport).toMatchObject(transport);
  });

  it('takes user, password and topic from -L', () => {
    const s = setup(['-L', 'mqtt://u:p@h/a/b']);
    expect(s.urlTopic).toBe('a/b');
    expect(s.client.connect).toMatchObject({ username: 'u', password: Buffer.from('p') });
  });
});

describe('toConnectionSetup: the CONNECT packet', () => {
  it.each([
    [[], { protocolVersion: 4, clientId: '', clean: true, keepalive: 60 }],
    [['-V', '5'], { protocolVersion: 5 }],
    [['-V', 'mqttv31'], { protocolVersion: 3 }],
    [['-V', 'MQTTv311'], { protocolVersion: 4 }],
    [['-i', 'me', '-k', '30'], { clientId: 'me', keepalive: 30 }],
    [['-I', 'pre-'], { clientId: 'pre-77' }],
    [['-c', '-i', 'me'], { clean: false }],
    [['-u', 'u', '-P', 'p'], { username: 'u', password: Buffer.from('p') }],
    // -D and -x mean MQTT 5.
    [['-D', 'connect', 'receive-maximum', '5'], { protocolVersion: 5, properties: { receiveMaximum: 5 } }],
    // -x alone keeps 3.1.1 (issue 9: mosquitto 2.0 ignores it there; a warning says so).
    [['-x', '60', '-V', '5'], { protocolVersion: 5, properties: { sessionExpiryInterval: 60 } }],
    [['-x', '60'], { protocolVersion: 4 }],
    // -c under MQTT 5: the session never expires unless -x says otherwise.
    [['-V', '5', '-c', '-i', 'me'], { properties: { sessionExpiryInterval: 0xffff_ffff } }],
  ])('%j → %j', (argv, connect) => {
    expect(setup(argv).client.connect).toMatchObject(connect);
  });

  it('gives MQTT 3.1 a client id when none is given (3.1 servers refuse an empty one)', () => {
    expect(setup(['-V', '31']).client.connect.clientId).toMatch(/^mqtk-77-/);
  });

  it('maps the will', () => {
    expect(setup(['--will-topic', 'w', '--will-payload', 'bye', '--will-qos', '1', '--will-retain']).client.connect.will).toEqual({
      topic: 'w', payload: Buffer.from('bye'), qos: 1, retain: true,
    });
  });

  it('maps -M, -d, --quiet and --connect-timeout', () => {
    const s = setup(['-M', '5', '-d', '--quiet', '--connect-timeout', '2.5']);
    expect(s).toMatchObject({ debug: true, quiet: true, client: { maxInflight: 5, connectTimeoutMs: 2500 } });
  });
});

describe('toConnectionSetup: refusals, with mosquitto\'s messages', () => {
  it.each([
    [['-k', '4'], 'Invalid keepalive given, it must be between 5 and 65535 inclusive.'],
    [['-p', '65536'], 'Invalid port given: 65536'],
    [['-i', 'a', '-I', 'b'], '-i and -I argument cannot be used together.'],
    [['-c'], 'You must provide a client id if you are using the -c option.'],
    [['-x', '-1', '-V', '5'], 'You must provide a client id if you are using an infinite session expiry interval.'],
    [['-x', 'soon'], 'session-expiry-interval not a number.'],
    [['-V', '311', '-D', 'connect', 'receive-maximum', '5'], 'MQTT 5 properties (-D) need -V 5.'],
    [['-P', 'p'], 'A password needs a username too before MQTT 5 (-u) [MQTT-3.1.2-22].'],
    [['--cert', 'c.pem'], 'Both certfile and keyfile must be provided if one of them is set.'],
    [['--psk', 'abcd'], '--psk-identity required if --psk used.'],
    [['--will-payload', 'x'], 'Will payload given, but no will topic given.'],
    [['--will-topic', 'a/#'], "Invalid will topic 'a/#', does it contain '+' or '#'?"],
    [['-M', '0'], 'Maximum inflight messages must be greater than 0.'],
    [['--keyform', 'engine'], "Only '--keyform pem' is supported by mqtk."],
    [['-L', 'http://h/t'], 'unsupported URL scheme.'],
  ])('%j: %s', (argv, message) => {
    expect(usageMessage(() => setup(argv))).toBe(message);
  });

  it.each([
    [['-V', '6'], 'Invalid protocol version argument given.'],
    [['--will-qos', '3'], 'Invalid will QoS 3.'],
    [['--tls-version', 'tlsv1.0'], "Invalid TLS version 'tlsv1.0': use tlsv1.3, tlsv1.2 or tlsv1.1."],
  ])('the parser refuses a value outside the choices: %j: %s', (argv, message) => {
    expect(usageMessage(() => pubArgs(argv))).toBe(message);
  });
});
