// Options shared by every client command (mosquitto's client_shared.c): where to
// connect, who we are, the MQTT session, the will, TLS, and diagnostics.
import type { OptionSpec } from './spec.js';
import { generalOptions } from './general.js';

const B = 'Connection';
const W = 'Will';
const T = 'TLS';
const M = 'General';

export const connectionOptions: readonly OptionSpec[] = [
  { key: 'host', flags: ['-h', '--host'], arg: 'host', group: B, describe: 'broker host (default localhost)', missing: '-h argument given but no host specified.' },
  { key: 'port', flags: ['-p', '--port'], arg: 'port', group: B, describe: 'broker port (default 1883, 8883 with TLS)', missing: '-p argument given but no port specified.' },
  { key: 'url', flags: ['-L', '--url'], arg: 'url', group: B, describe: 'mqtt(s)://[user[:pass]@]host[:port]/topic, also ws(s)://', missing: '-L argument given but no URL specified.' },
  { key: 'unix', flags: ['--unix'], arg: 'path', completes: 'file', group: B, describe: 'connect over a unix-domain socket', missing: '--unix argument given but no socket path specified.' },
  { key: 'username', flags: ['-u', '--username'], arg: 'username', group: B, describe: 'username', missing: '-u argument given but no username specified.' },
  { key: 'password', flags: ['-P', '--pw'], arg: 'password', group: B, describe: 'password', missing: '-P argument given but no password specified.' },
  { key: 'id', flags: ['-i', '--id'], arg: 'id', group: B, describe: 'client id (default: the broker assigns one)', missing: '-i argument given but no id specified.' },
  { key: 'idPrefix', flags: ['-I', '--id-prefix'], arg: 'prefix', group: B, describe: 'client id = prefix + process id', missing: '-I argument given but no id prefix specified.' },
  { key: 'keepalive', flags: ['-k', '--keepalive'], arg: 'seconds', group: B, describe: 'keepalive in seconds, 5-65535 (default 60)', missing: '-k argument given but no keepalive specified.' },
  { key: 'noCleanSession', flags: ['-c', '--disable-clean-session'], group: B, describe: 'persistent session (clean session off / clean start off); needs -i' },
  { key: 'sessionExpiry', flags: ['-x'], arg: 'seconds', group: B, describe: 'MQTT 5 session expiry interval; -1 or ∞ never expires', missing: '-x argument given but no session expiry interval specified.' },
  { key: 'protocolVersion', flags: ['-V', '--protocol-version'], arg: 'version', group: B, describe: 'MQTT version: 5, 311 or 31 (also mqttv5, mqttv311, mqttv31)', missing: '--protocol-version argument given but no version specified.', choices: ['5', '311', '31', 'mqttv5', 'mqttv311', 'mqttv31'], ignoreCase: true, invalid: 'Invalid protocol version argument given.' },
  { key: 'property', flags: ['-D', '--property'], arg: 'command name [key] value', kind: 'property', group: B, describe: 'add an MQTT 5 property to a packet (forces MQTT 5)', missing: '--property argument given but not enough arguments specified.' },
  { key: 'maxInflight', flags: ['-M'], arg: 'count', group: B, describe: 'maximum QoS 1/2 messages in flight (default 20)', missing: '-M argument given but max_inflight not specified.' },
  { key: 'bindAddress', flags: ['-A'], arg: 'address', group: B, describe: 'bind the outgoing socket to this local address', missing: '-A argument given but no address specified.' },
  { key: 'nodelay', flags: ['--nodelay'], group: B, describe: 'disable Nagle (mqtk always sends without delay)' },
  { key: 'wsPath', flags: ['--ws-path'], arg: 'path', group: B, mqtk: true, describe: 'HTTP path for ws:// and wss:// URLs (default /mqtt)' },
  { key: 'connectTimeout', flags: ['--connect-timeout'], arg: 'seconds', group: B, mqtk: true, describe: 'give up when the broker has not answered CONNECT in time (default 30)' },

  { key: 'willTopic', flags: ['--will-topic'], arg: 'topic', group: W, describe: 'register a will on this topic', missing: '--will-topic argument given but no will topic specified.' },
  { key: 'willPayload', flags: ['--will-payload'], arg: 'payload', group: W, describe: 'will payload (default empty)', missing: '--will-payload argument given but no will payload specified.' },
  { key: 'willQos', flags: ['--will-qos'], arg: 'qos', group: W, describe: 'will QoS 0-2', missing: '--will-qos argument given but no will QoS specified.', choices: ['0', '1', '2'], invalid: 'Invalid will QoS {value}.' },
  { key: 'willRetain', flags: ['--will-retain'], group: W, describe: 'retain the will' },

  { key: 'cafile', flags: ['--cafile'], arg: 'file', completes: 'file', group: T, describe: 'trusted CA certificates (PEM); enables TLS', missing: '--cafile argument given but no file specified.' },
  { key: 'capath', flags: ['--capath'], arg: 'dir', completes: 'dir', group: T, describe: 'directory of trusted CA certificates; enables TLS', missing: '--capath argument given but no directory specified.' },
  { key: 'osCerts', flags: ['--tls-use-os-certs'], group: T, describe: "trust the system's CA store; enables TLS" },
  { key: 'cert', flags: ['--cert'], arg: 'file', completes: 'file', group: T, describe: 'client certificate (PEM); needs --key', missing: '--cert argument given but no file specified.' },
  { key: 'key', flags: ['--key'], arg: 'file', completes: 'file', group: T, describe: 'client private key (PEM); needs --cert', missing: '--key argument given but no file specified.' },
  { key: 'keyform', flags: ['--keyform'], arg: 'pem|engine', group: T, describe: 'key type (only pem is supported)', missing: '--keyform argument given but no keyform specified.', choices: ['pem', 'engine'] },
  { key: 'insecure', flags: ['--insecure'], group: T, describe: "do not check the server certificate's host name" },
  { key: 'tlsVersion', flags: ['--tls-version'], arg: 'version', group: T, describe: 'tlsv1.3, tlsv1.2 or tlsv1.1', missing: '--tls-version argument given but no version specified.', choices: ['tlsv1.3', 'tlsv1.2', 'tlsv1.1'], invalid: "Invalid TLS version '{value}': use tlsv1.3, tlsv1.2 or tlsv1.1." },
  { key: 'ciphers', flags: ['--ciphers'], arg: 'list', group: T, describe: 'allowed TLS ciphers (OpenSSL list)', missing: '--ciphers argument given but no ciphers specified.' },
  { key: 'alpn', flags: ['--tls-alpn'], arg: 'protocol', group: T, describe: 'TLS ALPN protocol', missing: '--tls-alpn argument given but no protocol specified.' },
  { key: 'psk', flags: ['--psk'], arg: 'hex-key', group: T, describe: 'TLS-PSK key in hex; needs --psk-identity', missing: '--psk argument given but no key specified.' },
  { key: 'pskIdentity', flags: ['--psk-identity'], arg: 'identity', group: T, describe: 'TLS-PSK identity', missing: '--psk-identity argument given but no identity specified.' },
  { key: 'tlsEngine', flags: ['--tls-engine'], arg: 'engine', group: T, describe: 'OpenSSL engine (not supported by mqtk)', missing: '--tls-engine argument given but no engine_id specified.' },
  { key: 'proxy', flags: ['--proxy'], arg: 'socks-url', group: T, describe: 'connect through a SOCKS5 proxy: socks5h://[user[:pass]@]host[:port]', missing: '--proxy argument given but no proxy url specified.' },

  { key: 'debug', flags: ['-d', '--debug'], group: M, describe: 'print debug messages (packets sent and received)' },
  { key: 'quiet', flags: ['--quiet'], group: M, describe: "don't print runtime errors" },
  ...generalOptions,
];
