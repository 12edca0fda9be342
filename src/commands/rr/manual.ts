import type { Manual } from '../../options/man-page.js';
import { clientEnvironment, clientExitStatus, clientFiles, outputFormats } from '../client-manual.js';

export const manual: Manual = {
  description: [
    'MQTT 5 request/response from the shell: subscribes to the response topic (-e) first, then publishes the request to -t with a Response Topic and random Correlation Data, prints the first reply whose Correlation Data matches (replies that do not match are ignored) and exits 0. With -V 311 it subscribes and publishes plainly, and the first message on the response topic is the reply.',
    '--count N collects N replies (several responders). --respond -t FILTER -- COMMAND answers requests instead: each request\'s payload goes to COMMAND on standard input, and its standard output is published to the request\'s Response Topic with the same Correlation Data (and a user property exit-status).',
  ],
  sections: [
    outputFormats(['The reply as sub prints it: its payload; -v prints "topic payload"; -F a format of your own (see mqtk-sub(1)).', { literal: ['21.5'] }]),
  ],
  exitStatus: [
    ['0', 'the reply (or --count replies) arrived, or --respond was stopped by Ctrl-C'],
    ['27', '-W seconds passed without a reply ("Timed out")'],
    ['127', '--respond: COMMAND could not be started'],
    ...clientExitStatus,
  ],
  environment: [
    ...clientEnvironment,
    ['MQTK_REQUEST_TOPIC, MQTK_RESPONSE_TOPIC', 'set for COMMAND under --respond: the request\'s topic and where the reply goes'],
  ],
  files: clientFiles('rr', 'mosquitto_rr'),
  seeAlso: ['mosquitto_rr(1)', 'mqtk-sub(1)', 'mqtk-pub(1)'],
};
