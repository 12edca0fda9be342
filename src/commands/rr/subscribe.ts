// rr's one subscription (the response topic, or the request filter with --respond).
import type { MqttClient } from '../../client/client.js';
import { reasonCodeName } from '../../codec/constants.js';
import type { Subscription } from '../../codec/types.js';
import { ExitError } from '../../errors.js';
import type { ConnectionSetup } from '../../options/client-config.js';

/** Subscribes; a refused subscription ends rr with the server's reason (mosquitto_rr prints it, then exits). */
export async function subscribeOrFail(client: MqttClient, cfg: { subscription: Subscription }, setup: ConnectionSetup): Promise<void> {
  const suback = await client.subscribe([cfg.subscription], setup.properties.subscribe);
  const code = suback.reasonCodes[0] ?? 0x80;
  if (code >= 0x80) throw new ExitError(code, setup.quiet ? '' : `Subscription to '${cfg.subscription.topicFilter}' refused: ${reasonCodeName(code, 'suback')}.`);
}
