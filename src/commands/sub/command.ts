import { connectionOptions } from '../../options/connection.js';
import { subscribeOptions } from '../../options/message.js';
import { formatOptions, messageOutputOptions } from '../../options/output.js';
import type { CommandSpec } from '../spec.js';

export const subCommand: CommandSpec = {
  name: 'sub',
  summary: 'subscribe and print messages (mosquitto_sub compatible)',
  mirrors: 'mosquitto_sub',
  usage: [
    '{[-h host] [-p port] [-u username] [-P password] -t topic ... | -L URL [-t topic ...]}',
    '[-c] [-k keepalive] [-q qos] [-x expiry] [-C count] [-W timeout] [-E] [-R | --retained-only] [--remove-retained]',
    '[-T filter_out ...] [-U unsubscribe ...] [-v] [-N] [-F format] [--pretty] [--random-filter chance]',
    '[-i id | -I id-prefix] [-V 5|311|31] [-D command name value] [--will-topic ...] [TLS options] [--unix path]',
    '[-d] [--quiet] [--output text|json|trace]',
  ],
  examples: [
    { command: "mqtk sub -t 'sensors/#' -v", describe: "print 'topic payload' for every message under sensors/" },
    { command: "mqtk sub -t 'sensors/#' -C 10 -W 30 --json | jq .payload", describe: '10 messages as JSON lines, or give up after 30 s (exit 27)' },
    { command: "mqtk sub -t '#' -F '%I %t %p' -T '$SYS/#'", describe: 'a timestamp, the topic and the payload of everything but $SYS' },
    { command: "mqtk sub -t 'cfg/#' --retained-only --remove-retained", describe: 'clear the retained messages under cfg/' },
  ],
  options: [...subscribeOptions, ...messageOutputOptions, ...connectionOptions, ...formatOptions],
  load: () => import('./run.js'),
  manual: () => import('./manual.js'),
};
