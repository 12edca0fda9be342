// Options that say what to publish (mosquitto_pub) and what to subscribe to
// (mosquitto_sub). `-t` and `-q` are declared once and read by both commands; sub
// lists them under its own heading.
import type { OptionSpec } from './spec.js';

const P = 'Publish';
const S = 'Subscribe';

export const topicOption: OptionSpec = {
  key: 'topic', flags: ['-t', '--topic'], arg: 'topic', repeat: true, group: P,
  describe: 'topic to publish to',
  missing: '-t argument given but no topic specified.',
};

export const qosOption: OptionSpec = {
  key: 'qos', flags: ['-q', '--qos'], arg: 'qos', group: P, describe: 'quality of service 0, 1 or 2 (default 0)',
  missing: '-q argument given but no QoS specified.', choices: ['0', '1', '2'], invalid: 'Invalid QoS given: {value}',
};

/** The payload sources: only one of them may be given. */
export const messageModeKeys = ['message', 'file', 'stdinFile', 'stdinLine', 'nullMessage'] as const;

const messageOption: OptionSpec = { key: 'message', flags: ['-m', '--message'], arg: 'message', group: P, describe: 'message payload', missing: '-m argument given but no message specified.' };
const fileOption: OptionSpec = { key: 'file', flags: ['-f', '--file'], arg: 'file', completes: 'file', group: P, describe: 'send the contents of a file as the message', missing: '-f argument given but no file specified.' };
const stdinFileOption: OptionSpec = { key: 'stdinFile', flags: ['-s', '--stdin-file'], group: P, describe: 'read the message from stdin, sending all of it as one message' };
const nullMessageOption: OptionSpec = { key: 'nullMessage', flags: ['-n', '--null-message'], group: P, describe: 'send a zero-length message' };

/** The single-message payload sources, shared by pub and rr (rr has no -l). */
export const payloadOptions: readonly OptionSpec[] = [messageOption, fileOption, stdinFileOption, nullMessageOption];

export const publishOptions: readonly OptionSpec[] = [
  topicOption,
  qosOption,
  messageOption,
  fileOption,
  stdinFileOption,
  { key: 'stdinLine', flags: ['-l', '--stdin-line'], group: P, describe: 'read messages from stdin, one message per line' },
  nullMessageOption,
  { key: 'retain', flags: ['-r', '--retain'], group: P, describe: 'retain the message on the broker' },
  { key: 'repeat', flags: ['--repeat'], arg: 'count', group: P, describe: 'publish the message this many times', missing: '--repeat argument given but no count specified.' },
  { key: 'repeatDelay', flags: ['--repeat-delay'], arg: 'seconds', group: P, describe: 'wait this long between repeats (decimals allowed)', missing: '--repeat-delay argument given but no time specified.' },
];

export const timeoutOption: OptionSpec = {
  key: 'timeout', flags: ['-W'], arg: 'seconds', group: S, describe: 'exit after this many seconds (status 27)', missing: '-W argument given but no timeout specified.',
};

export const noRetainedOption: OptionSpec = { key: 'noRetained', flags: ['-R'], group: S, describe: "don't print retained messages" };

/** MQTT 5 subscription options, for sub's filters and rr's response topic. */
export const subscriptionFlagOptions: readonly OptionSpec[] = [
  { key: 'retainAsPublished', flags: ['--retain-as-published'], group: S, describe: 'MQTT 5: keep the retain flag as published' },
  { key: 'retainHandling', flags: ['--retain-handling'], arg: 'always|new|never', group: S, describe: 'MQTT 5: when the broker sends retained messages', missing: '--retain-handling argument given but no value specified.', choices: ['always', 'new', 'never'], invalid: "Invalid retain-handling '{value}': use always, new or never." },
];

export const subscribeOptions: readonly OptionSpec[] = [
  { ...topicOption, group: S, describe: 'filter to subscribe to (repeatable; + and # wildcards)' },
  { ...qosOption, group: S, describe: 'maximum quality of service to receive: 0, 1 or 2 (default 0)' },
  { key: 'filterOut', flags: ['-T', '--filter-out'], arg: 'filter', repeat: true, group: S, describe: "don't print messages matching this filter (repeatable)", missing: '-T argument given but no topic filter specified.' },
  { key: 'unsubscribe', flags: ['-U', '--unsubscribe'], arg: 'filter', repeat: true, group: S, describe: 'unsubscribe from this filter after subscribing (repeatable)', missing: '-U argument given but no unsubscribe topic specified.' },
  { key: 'count', flags: ['-C'], arg: 'count', group: S, describe: 'exit after this many messages', missing: '-C argument given but no count specified.' },
  timeoutOption,
  { key: 'exitOnSuback', flags: ['-E'], group: S, describe: 'exit once subscribed' },
  noRetainedOption,
  { key: 'retainedOnly', flags: ['--retained-only'], group: S, describe: 'print only retained messages; exit at the first live one' },
  { key: 'removeRetained', flags: ['--remove-retained'], group: S, describe: 'clear every retained message received' },
  ...subscriptionFlagOptions,
  { key: 'randomFilter', flags: ['--random-filter'], arg: 'percent', group: S, describe: 'print only this percentage of messages (0.1-100)', missing: '--random-filter argument given but no chance specified.' },
];
