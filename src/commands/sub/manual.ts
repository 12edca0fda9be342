import type { Manual } from '../../options/man-page.js';
import { clientEnvironment, clientExitStatus, clientFiles, outputFormats } from '../client-manual.js';

export const manual: Manual = {
  description: [
    'Subscribes to every -t filter and prints each message received, until -C messages, -W seconds, -E (once subscribed), the first live message with --retained-only, or Ctrl-C.',
    'A lost connection is retried every second, as mosquitto_sub does.',
  ],
  sections: [
    {
      title: 'Format specifiers',
      blocks: [
        '-F FORMAT prints each message through FORMAT, as mosquitto_sub 2.1 does (mqtk also takes 2.1\'s %x separators and %f/%d). % items take flags, a width and a precision: %[-][0][width][.precision]letter; - aligns left, 0 pads numbers with zeros, .N cuts text to N characters or gives N decimals.',
        { list: [
          ['%%', 'a literal %'],
          ['%t', 'the topic'],
          ['%p', 'the payload as it is (a width pads and truncates it)'],
          ['%x, %X', 'the payload in lower- or upper-case hex; %.2x splits it into groups of 2 digits separated by a space, %.2:x by ":"'],
          ['%l', 'the payload length'],
          ['%m', 'the message id (0 at QoS 0)'],
          ['%q', 'the QoS'],
          ['%r', 'the retain flag, 0 or 1'],
          ['%f, %d', 'the payload as a 4-byte float or an 8-byte double'],
          ['%I', 'the receive time, ISO 8601 with offset (2026-12-02T06:40:16+0000)'],
          ['%U', 'the receive time, Unix seconds with nanoseconds'],
          ['%j', 'a JSON object: tst, topic, qos, retain, payloadlen, mid, properties, payload (as a JSON string); --pretty indents it'],
          ['%J', 'as %j, with the payload embedded as JSON (a payload that is not JSON is an error line and an empty line)'],
          ['%A', 'MQTT 5 topic alias'],
          ['%C', 'MQTT 5 content type'],
          ['%D', 'MQTT 5 correlation data, as it is'],
          ['%E', 'MQTT 5 message expiry interval'],
          ['%F', 'MQTT 5 payload format indicator'],
          ['%P', 'MQTT 5 user properties, key:value separated by spaces'],
          ['%R', 'MQTT 5 response topic'],
          ['%S', 'MQTT 5 subscription identifier'],
          ['@X', 'strftime(3) %X of the receive time, for any letter X (@Y-@m-@d @H:@M:@S)'],
          ['@N', 'the nanoseconds of the receive time (9 digits)'],
          ['@@', 'a literal @'],
          ['\\\\ \\0 \\a \\e \\n \\r \\t \\v', 'backslash, NUL, bell, escape, newline, carriage return, tab, vertical tab'],
        ] },
        'A newline ends each message unless -N. A format is checked before connecting: "Error: Invalid format specifier \'z\'.", exit 1.',
      ],
    },
    outputFormats([
      'Each payload on its own line; -v prints "topic payload"; -F a format of your own (FORMAT SPECIFIERS). For example, with -v:',
      { literal: ['demo/t1 21.5'] },
    ]),
  ],
  exitStatus: [
    ['0', '-C messages received, -E subscribed, --retained-only done, or stopped by Ctrl-C (SIGINT) or SIGTERM, as mosquitto_sub'],
    ['27', '-W seconds passed before -C messages arrived'],
    ...clientExitStatus,
  ],
  environment: clientEnvironment,
  files: clientFiles('sub', 'mosquitto_sub'),
  seeAlso: ['mosquitto_sub(1)', 'mqtk-pub(1)', 'mqtk-serve(1)', 'jq(1)'],
};
