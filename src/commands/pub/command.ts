import { connectionOptions } from '../../options/connection.js';
import { publishOptions } from '../../options/message.js';
import { formatOptions } from '../../options/output.js';
import type { CommandSpec } from '../spec.js';

export const pubCommand: CommandSpec = {
  name: 'pub',
  summary: 'publish a message (mosquitto_pub compatible)',
  mirrors: 'mosquitto_pub',
  usage: [
    '{[-h host] [-p port] [-u username] [-P password] -t topic | -L URL}',
    '{-f file | -l | -n | -m message | -s} [-q qos] [-r] [--repeat N] [--repeat-delay s]',
    '[-c] [-k keepalive] [-i id | -I id-prefix] [-V 5|311|31] [-x expiry] [-D command name value]',
    '[--will-topic topic [--will-payload payload] [--will-qos qos] [--will-retain]]',
    '[--cafile file | --capath dir] [--cert file --key file] [--insecure] [--tls-version v] [--unix path]',
    '[-d] [--quiet] [--output text|json|trace]',
  ],
  options: [...publishOptions, ...connectionOptions, ...formatOptions],
  load: () => import('./run.js'),
};
