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
  examples: [
    { command: 'mqtk pub -t sensors/t1 -m 21.5 -q 1 -r', describe: 'publish one retained message with QoS 1 to the local broker' },
    { command: 'tail -F app.log | mqtk pub -h broker -t logs/app -l', describe: 'one message per line of input, over one connection' },
    { command: 'mqtk pub -L mqtts://user:pw@broker/fw -f firmware.bin -q 2', describe: 'a file as one binary message, over TLS (URL form)' },
    { command: 'mqtk pub -t t -m x -V 5 -D publish user-property k v --trace', describe: 'MQTT 5 with a user property, printing every packet' },
  ],
  options: [...publishOptions, ...connectionOptions, ...formatOptions],
  load: () => import('./run.js'),
  manual: () => import('./manual.js'),
};
