// Man-page prose shared by the client commands (pub, sub, and rr/ctrl/bench to come):
// output samples, exit statuses, environment and files. Loaded only by `npm run docs`.
import type { ManBlock, ManSection } from '../options/man-page.js';

export const clientEnvironment: ReadonlyArray<readonly [string, string]> = [
  ['NO_COLOR', 'when set and not empty, no colour (as --no-color); colour is otherwise used only on a terminal'],
  ['XDG_CONFIG_HOME', 'where the default options file is looked for (default ~/.config)'],
  ['MQTK_DEBUG', 'when set, an internal error (exit status 70) also prints its stack trace'],
];

export function clientFiles(command: string, mosquittoTool: string): ReadonlyArray<readonly [string, string]> {
  return [[
    `~/.config/mqtk/${command}`,
    `default options, one per line as in mosquitto's ~/.config/${mosquittoTool} ("-h broker", "--cafile /etc/ssl/ca.pem"; # starts a comment); read before the command line, which wins. $XDG_CONFIG_HOME/mqtk/${command} when XDG_CONFIG_HOME is set.`,
  ]];
}

/** Statuses every client command shares; each page adds its own before these. */
export const clientExitStatus: ReadonlyArray<readonly [string, string]> = [
  ['1', 'a command-line error (one "Error: ..." line and a usage hint on stderr), a refused TCP connection, an unknown host, or another failure without a status of its own; also --help and --version, as mosquitto does'],
  ['1-5', 'MQTT 3.1/3.1.1: the CONNACK return code of a refused connection (4: bad user name or password, 5: not authorised)'],
  ['2', 'a protocol error from the server (a malformed or unexpected packet)'],
  ['7', 'the connection was lost, or the server disconnected with reason 0'],
  ['8', 'a TLS error (handshake or certificate)'],
  ['27', 'the broker did not answer CONNECT within --connect-timeout'],
  ['70', 'an internal error: a bug in mqtk (please report it)'],
  ['128-162', 'MQTT 5: the reason code of a refused CONNECT, a server DISCONNECT, or a refusal of the command\'s own request, e.g. 135 (Not authorized), 134 (Bad user name or password), 151 (Quota exceeded)'],
];

const jsonSample = '{"time":"2026-12-02T06:40:16.029Z","topic":"demo/t1","payload":"21.5","qos":0,"retain":false,"dup":false}';

const traceSample = [
  '06:40:16.011 -> PUBLISH topic="demo/t1" qos=1 id=1 retain=0 dup=0 payload=4B (17 bytes)',
  '  0000  32                          2            fixed header = PUBLISH, DUP=0 QoS=1 RETAIN=0',
  '  0001  0f                          .            remaining length = 15',
  '  0002  00 07 64 65 6d 6f 2f 74 31  ..demo/t1    topic name = "demo/t1"',
  '  000b  00 01                       ..           packet identifier = 1',
  '  000d  32 31 2e 35                 21.5         payload = 4 bytes',
  '06:40:16.040 <- PUBACK id=1 reason=0x00 (4 bytes)',
];

/** OUTPUT FORMATS: text (mosquitto's), JSON lines and the packet trace, with samples. */
export function outputFormats(text: readonly ManBlock[]): ManSection {
  return {
    title: 'Output formats',
    blocks: [
      'text (the default): exactly what the mosquitto tool prints.',
      ...text,
      'json (--output json or --json): one JSON object per line on stdout. The payload is UTF-8 text, or base64 with "payload_encoding":"base64" when it is not valid UTF-8; MQTT 5 properties appear by name.',
      { literal: [jsonSample] },
      'trace (--output trace or --trace): every packet sent (->) and received (<-) on stderr, with a hex dump that names the field of every byte; a malformed packet is marked. The arrows are coloured on a terminal.',
      { literal: traceSample },
    ],
  };
}
