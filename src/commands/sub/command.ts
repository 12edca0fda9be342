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
  options: [...subscribeOptions, ...messageOutputOptions, ...connectionOptions, ...formatOptions],
  load: () => import('./run.js'),
};
