// mosquitto_rr's own options (reference §4) and mqtk's additions: several replies
// (--count) and the responder mode (--respond). Everything else comes from the
// option groups pub and sub use.
import { noRetainedOption, payloadOptions, qosOption, subscriptionFlagOptions, timeoutOption, topicOption } from './message.js';
import type { OptionSpec } from './spec.js';

const R = 'Request/response';

export const rrOptions: readonly OptionSpec[] = [
  topicOption,
  { key: 'responseTopic', flags: ['-e', '--response-topic'], arg: 'topic', group: R, describe: 'response topic: subscribed to first, then sent with the request (MQTT 5 response-topic property)', missing: '-e argument given but no response topic specified.' },
  qosOption,
  ...payloadOptions,
  timeoutOption,
  { key: 'replyCount', flags: ['--count'], arg: 'N', group: R, mqtk: true, describe: 'wait for N replies (several responders) instead of one; with --respond, answer N requests and exit' },
  { key: 'respond', flags: ['--respond'], group: R, mqtk: true, describe: "responder: subscribe to -t, run the command after '--' for each request (payload on stdin) and publish its stdout to the request's response topic" },
  noRetainedOption,
  ...subscriptionFlagOptions,
];
