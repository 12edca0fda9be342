// Request/response with the dynamic-security plugin [reference §10.2] over one
// connection: subscribe to the response topic, publish {"commands":[...]} with a
// correlationData field, and take the response entry that echoes it (the plugin sets no
// MQTT 5 properties on responses, and every admin subscribed gets every response).
// One command, or many from the interactive mode.
import type { MqttClient } from '../../client/client.js';
import { reasonCodeName } from '../../codec/constants.js';
import type { QoS } from '../../codec/types.js';
import { ExitError } from '../../errors.js';
import type { DynsecResponse } from '../../format/dynsec.js';
import type { ConnectionSetup } from '../../options/client-config.js';
import { wantColour, type OutputMode } from '../../options/output-mode.js';
import type { Terminal } from '../../term/terminal.js';
import { failureExit, openSession } from '../client-session.js';
import { subscribeOrFail } from '../subscribe-or-fail.js';
import type { DynsecCommand } from './dynsec.js';

export const REQUEST_TOPIC = '$CONTROL/dynamic-security/v1';
export const RESPONSE_TOPIC = '$CONTROL/dynamic-security/v1/response';

export interface DynsecLinkOptions {
  setup: ConnectionSetup;
  qos: QoS;
  /** How long each command waits for its response. */
  timeoutMs: number;
  mode: OutputMode;
  term: Terminal;
  /** Correlation data for the next command (random in production). */
  nextCorrelation: () => string;
}

export interface DynsecLink {
  /** Sends one command; rejects with ExitError 27 when no response arrives in time. */
  send(command: DynsecCommand): Promise<DynsecResponse>;
  close(): Promise<void>;
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

export async function openDynsecLink(opts: DynsecLinkOptions): Promise<DynsecLink> {
  const { setup, term } = opts;
  const version = setup.client.connect.protocolVersion;
  const fail = (err: unknown): unknown => failureExit(err, version, setup.quiet, 'ctrl');
  const client: MqttClient = await openSession(setup, opts.mode, term, () => wantColour({}, term.env, term.stderr.isTTY), { tool: 'ctrl' });
  const waiting = new Map<string, { resolve(r: DynsecResponse): void; reject(e: unknown): void }>();
  client.on('message', ({ packet }) => {
    if (packet.topic !== RESPONSE_TOPIC) return;
    for (const [correlation, w] of waiting) {
      const response = findResponse(packet.payload, correlation);
      if (response) w.resolve(response);
    }
  });
  client.on('close', (err) => {
    for (const w of waiting.values()) w.reject(err ?? new ExitError(7, 'The connection was lost.'));
  });
  const subscribe = (): Promise<void> => subscribeOrFail(client, { topicFilter: RESPONSE_TOPIC, qos: opts.qos }, setup);
  // A session lost while reconnecting loses the subscription.
  client.on('connect', (connack) => {
    if (!connack.sessionPresent) subscribe().catch(() => client.destroy());
  });
  try {
    await subscribe();
  } catch (err) {
    client.destroy();
    throw fail(err);
  }

  return {
    async send(command) {
      const correlation = opts.nextCorrelation();
      const payload = Buffer.from(JSON.stringify({ commands: [{ ...command, correlationData: correlation }] }), 'utf8');
      let timer: NodeJS.Timeout | undefined;
      const answered = new Promise<DynsecResponse>((resolve, reject) => {
        waiting.set(correlation, { resolve, reject });
        timer = setTimeout(() => reject(new ExitError(27, setup.quiet ? '' : 'Timed out', { verbatim: true })), opts.timeoutMs);
      });
      try {
        const result = await client.publish({ topic: REQUEST_TOPIC, payload, qos: opts.qos, retain: false });
        if (result.reasonCode >= 0x80) {
          // MQTT 5 says the ACL refused the request; before 5 it is dropped silently (timeout).
          throw new ExitError(result.reasonCode, setup.quiet ? '' : `The broker refused the request: ${reasonCodeName(result.reasonCode)}.`);
        }
        return await answered;
      } catch (err) {
        throw fail(err);
      } finally {
        clearTimeout(timer);
        waiting.delete(correlation);
        answered.catch(() => {});
      }
    },
    async close() {
      await client.disconnect({ properties: setup.properties.disconnect });
    },
  };
}
