// Every topic and filter a user gives on the command line (pub -t, sub -t/-T/-U, -L's
// topic, --will-topic, rr -t/-e) is checked here before connecting, with mosquitto's
// messages (client_shared.c cfg_add_topic and the -T/-U/--will-topic branches). A topic
// the broker would refuse is otherwise lost: mosquitto drops the connection, so a QoS 0
// message vanishes with exit 0 and a QoS 1/2 one is resent forever.
import { UsageError } from '../errors.js';
import { topicFilterProblem, topicNameProblem } from '../topic/validate.js';

/** Tells whether an argv value came from bytes that were not valid UTF-8 (term/argv-bytes.ts). */
export interface ArgText {
  isMalformedUtf8(value: string): boolean;
}

/** What the argument names, which picks the check (name or filter) and mosquitto's wording. */
export type TopicRole = 'publish' | 'will' | 'response' | 'subscription' | 'filter' | 'unsubscribe';

const NAME_ROLES: ReadonlySet<TopicRole> = new Set(['publish', 'will', 'response']);

/**
 * Throws mosquitto's UsageError when `value` cannot be sent as a topic of this role:
 * `Malformed UTF-8 in <flag> argument.` for bytes or characters MQTT forbids, else the
 * role's "Invalid ... topic" message. `flag` is how mosquitto names the source: `-t`,
 * `-T`, `-U`, `-e`, `--will-topic`, `-L topic`.
 */
export function checkTopicArg(value: string, role: TopicRole, flag: string, text: ArgText): void {
  const isName = NAME_ROLES.has(role);
  const problem = text.isMalformedUtf8(value) ? 'malformed-utf8' : isName ? topicNameProblem(value) : topicFilterProblem(value);
  if (problem === undefined) return;
  if (problem === 'malformed-utf8') throw new UsageError(`Malformed UTF-8 in ${flag} argument.`);
  if (isName) throw new UsageError(`Invalid ${role} topic '${value}', does it contain '+' or '#'?`);
  throw new UsageError(`Invalid ${role} topic '${value}', are all '+' and '#' wildcards correct?`);
}
