// mqtk ctrl's options: the client connection groups, -q (default 1 here) and -W (the
// response timeout, default 10 s). Module, command and its arguments are positionals;
// options end at the module name, as in mosquitto_ctrl.
import { connectionOptions } from './connection.js';
import { qosOption, timeoutOption } from './message.js';
import { formatOptions } from './output.js';
import type { OptionSpec } from './spec.js';

export const ctrlOptions: readonly OptionSpec[] = [qosOption, timeoutOption, ...connectionOptions, ...formatOptions];
