// One request/response exchange with the dynamic-security plugin [reference §10.2]:
// subscribe to the response topic, publish {"commands":[...]} with a correlationData
// field (the plugin echoes it in the JSON; it sets no MQTT 5 properties on responses, and
// every admin subscribed gets every response), and wait for the matching entry.
import type { DynsecResponse } from '../../format/dynsec.js';
import type { QoS } from '../../codec/types.js';
import { ExitError } from '../../errors.js';
import type { ConnectionSetup } from '../../options/client-config.js';
import { wantColour, type OutputMode } from '../../options/output-mode.js';
import type { Terminal } from '../../term/terminal.js';
import { failureExit, openSession } from '../client-session.js';
import { watchSessionEnd } from '../session-end.js';
import { subscribeOrFail } from '../subscribe-or-fail.js';
import type { DynsecCommand } from './dynsec.js';
import { reasonCodeName } from '../../codec/constants.js';

export const REQUEST_TOPIC = '$CONTROL/dynamic-security/v1';
export const RESPONSE_TOPIC = '$CONTROL/dynamic-security/v1/response';

export interface ExchangeOptions {
  setup: ConnectionSetup;
  qos: QoS;
  timeoutMs: number;
  mode: OutputMode;
  term: Terminal;
  correlation: string;
}

/** The response entry carrying our correlation data, or undefined for anything else on the topic. */
export function findResponse(payload: Buffer, correlation: string): DynsecResponse | undefined {
  let body: unknown;
  try {
    body = JSON.parse(payload.toString('utf8'));
  } catch {
    return undefined;
  }
  const responses = (body as { responses?: unknown }).responses;
  if (!Array.isArray(responses)) return undefined;
  const found = responses.find((r: unknown) => typeof r === 'object' && r !== null && (r as DynsecResponse).correlationData === correlation) as DynsecResponse | undefined;
  return found && typeof found.command === 'string' ? found : undefined;
}

export async function sendDynsecCommand(command: DynsecCommand, opts: ExchangeOptions): Promise<DynsecResponse> {
  const { setup, term } = opts;
  const version = setup.client.connect.protocolVersion;
  const client = await openSession(setup, opts.mode, term, () => wantColour({}, term.env, term.stderr.isTTY));
  const session = watchSessionEnd(client, setup, term, opts.timeoutMs);
  let response: DynsecResponse | undefined;
  client.on('message', ({ packet }) => {
    if (response || packet.topic !== RESPONSE_TOPIC) return;
    response = findResponse(packet.payload, opts.correlation);
    if (response) session.end(0);
  });
  try {
    await subscribeOrFail(client, { topicFilter: RESPONSE_TOPIC, qos: opts.qos }, setup);
    const payload = Buffer.from(JSON.stringify({ commands: [{ ...command, correlationData: opts.correlation }] }), 'utf8');
    const result = await client.publish({ topic: REQUEST_TOPIC, payload, qos: opts.qos, retain: false });
    if (result.reasonCode >= 0x80) {
      // MQTT 5 tells us the ACL refused the request; before 5 it is dropped silently (timeout).
      throw new ExitError(result.reasonCode, setup.quiet ? '' : `Error: The broker refused the request: ${reasonCodeName(result.reasonCode)}.`);
    }
    const code = await session.done;
    if (!response) throw new ExitError(code === 0 ? 1 : code, '');
    return response;
  } catch (err) {
    if (response) return response;
    client.destroy();
    throw failureExit(err, version, setup.quiet);
  } finally {
    session.dispose();
  }
}
