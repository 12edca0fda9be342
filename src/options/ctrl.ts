// mqtk ctrl's options: the client connection groups, -q (default 1 here) and -W (the
// response timeout, default 10 s). Module, command and its arguments are positionals;
// options end at the module name, as in mosquitto_ctrl.
import { connectionOptions } from './connection.js';
import { qosOption, timeoutOption } from './message.js';
import { formatOptions } from './output.js';
import type { OptionSpec } from './spec.js';

export const ctrlOptions: readonly OptionSpec[] = [
  { ...qosOption, describe: 'quality of service of the requests: 0, 1 or 2 (default 1)' },
  { ...timeoutOption, describe: 'how long to wait for the response, in seconds (default 10; then status 27)' },
  ...connectionOptions,
  ...formatOptions,
];
