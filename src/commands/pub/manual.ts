import type { Manual } from '../../options/man-page.js';
import { clientEnvironment, clientExitStatus, clientFiles, outputFormats } from '../client-manual.js';

export const manual: Manual = {
  description: [
    'One message (-m, -f, -s, -n), or one message per line of standard input (-l, over one connection), is published to the topic of -t (or of -L). mqtk pub exits once every message is acknowledged as its QoS requires.',
    'A lost connection is retried every second, as mosquitto_pub does; unacknowledged QoS 1 and 2 messages are sent again, so none is lost.',
  ],
  sections: [outputFormats(['pub prints nothing on success; -d prints mosquitto\'s debug lines ("Client null sending CONNECT", "Client null received PUBACK (Mid: 1, RC:0)").'])],
  exitStatus: [
    ['0', 'every message was published (and acknowledged at QoS 1 and 2)'],
    ...clientExitStatus,
  ],
  environment: clientEnvironment,
  files: clientFiles('pub', 'mosquitto_pub'),
  seeAlso: ['mosquitto_pub(1)', 'mqtk-sub(1)', 'mqtk-serve(1)'],
};
