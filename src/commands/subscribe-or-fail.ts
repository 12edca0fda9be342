// A command's one subscription (rr's response topic or request filter, ctrl's response
// topic): refused means the command cannot work, so it ends with the server's reason.
import type { MqttClient } from '../client/client.js';
import { reasonCodeName } from '../codec/constants.js';
import type { Subscription } from '../codec/types.js';
import { ExitError } from '../errors.js';
import type { ConnectionSetup } from '../options/client-config.js';

/** Subscribes; a refused subscription ends the command with the server's reason code. */
export async function subscribeOrFail(client: MqttClient, subscription: Subscription, setup: ConnectionSetup): Promise<void> {
  const suback = await client.subscribe([subscription], setup.properties.subscribe);
  const code = suback.reasonCodes[0] ?? 0x80;
  if (code >= 0x80) throw new ExitError(code, setup.quiet ? '' : `Subscription to '${subscription.topicFilter}' refused: ${reasonCodeName(code, 'suback')}.`);
}
