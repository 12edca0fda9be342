import { connectionOptions } from '../../options/connection.js';
import { formatOptions, messageOutputOptions } from '../../options/output.js';
import { rrOptions } from '../../options/rr.js';
import type { CommandSpec } from '../spec.js';

export const rrCommand: CommandSpec = {
  name: 'rr',
  summary: 'send a request and print the response (mosquitto_rr compatible), or answer requests with a command',
  mirrors: 'mosquitto_rr',
  usage: [
    '{[-h host] [-p port] [-u username] [-P password] -t topic | -L URL} -e response-topic',
    '{-f file | -n | -m message | -s} [-q qos] [-W timeout] [--count N] [-R] [-c] [-k keepalive]',
    '[-v] [-N] [-F format] [--pretty] [-i id | -I id-prefix] [-V 5|311|31] [-D command name value]',
    '[--will-topic ...] [TLS options] [--unix path] [-d] [--quiet] [--output text|json|trace]',
    '--respond -t request-filter [-e fallback-response-topic] [--count N] [connection options] -- COMMAND [ARG...]',
  ],
  options: [...rrOptions, ...messageOutputOptions, ...connectionOptions, ...formatOptions],
  positionals: true,
  examples: [
    { command: "mqtk rr -t 'svc/time' -e 'svc/time/reply' -m now", describe: 'ask the time service and print its reply' },
    { command: "mqtk rr -t 'svc/ping' -e 'replies/me' -m x --count 3 -W 5 -v", describe: 'collect three replies from several responders, or give up after 5 s (exit 27)' },
    { command: "mqtk rr --respond -t 'svc/upper' -- tr a-z A-Z", describe: 'answer requests on svc/upper with a shell command' },
  ],
  load: () => import('./run.js'),
  manual: () => import('./manual.js'),
};
