import type { Manual } from '../../options/man-page.js';
import { clientEnvironment } from '../client-manual.js';

export const manual: Manual = {
  description: [
    'Load-tests a broker. pub: -c publishers at --rate messages per second in all, open loop (the schedule does not slow down when the broker does; latency counts from each message\'s intended send time, so a stall is not hidden). sub: -c subscribers counting what arrives, with end-to-end latency from the time stamp bench pub writes into each payload, and loss, duplicates and reordering per publisher from its sequence number. pubsub (the default): both in one command. conn: -c connections at -R per second, held for -d.',
    'Progress goes to standard error once a second (a spinner line on a terminal, plain lines otherwise); the summary goes to standard output, as one JSON object with --output json. Ctrl-C stops the run and still prints the summary. --workers N spreads the clients over worker threads; --report URL (mqtt://, mqtts://, ws:// or wss://HOST/TOPIC, connected with the same options as the bench clients) publishes each process\'s samples and histograms, which bench collect merges across machines.',
  ],
  exitStatus: [
    ['0', 'the run finished (also when stopped by Ctrl-C)'],
    ['1', 'a command-line error, or no connection succeeded'],
  ],
  environment: clientEnvironment,
  files: [],
  seeAlso: ['mqtk-pub(1)', 'mqtk-sub(1)', 'mqtk-serve(1)'],
};
