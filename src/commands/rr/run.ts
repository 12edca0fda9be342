// mqtk rr: subscribe to the response topic, publish the request (MQTT 5: with the
// response topic and correlation data [MQTT-4.10]), print the reply (or --count
// replies) as sub prints messages, and disconnect. With --respond: respond.ts.
import { randomBytes } from 'node:crypto';
import { reasonCodeName } from '../../codec/constants.js';
import { ExitError, InternalError } from '../../errors.js';
import { toConnectionSetup, type ConnectionSetup } from '../../options/client-config.js';
import { toOutputMode, wantColour, type OutputMode } from '../../options/output-mode.js';
import { toRrConfig, type RequestConfig } from '../../options/rr-config.js';
import type { ParsedArgs } from '../../options/spec.js';
import { malformedArgText } from '../../term/argv-bytes.js';
import { keepHangupIgnored } from '../../term/hangup.js';
import type { Terminal } from '../../term/terminal.js';
import { openSession } from '../client-session.js';
import { createMessagePrinter } from '../message-printer.js';
import { loadPayload } from '../payload.js';
import { optionalTimeout, watchSessionEnd } from '../session-end.js';

export async function run(args: ParsedArgs, term: Terminal): Promise<number> {
  keepHangupIgnored(term.env);
  const mode = toOutputMode(args.values);
  const setup = toConnectionSetup(args, { protocolVersion: 5, pid: term.pid });
  const version = setup.client.connect.protocolVersion;
  const cfg = toRrConfig(args, setup.urlTopic, version, setup.properties.publish, randomBytes(16), malformedArgText());
  if (cfg.mode === 'respond') {
    const { respond } = await import('./respond.js');
    return respond(cfg, setup, mode, args.values, term);
  }
  return request(cfg, setup, mode, args.values, term);
}

async function request(cfg: RequestConfig, setup: ConnectionSetup, mode: OutputMode, values: ParsedArgs['values'], term: Terminal): Promise<number> {
  const payload = await loadPayload(cfg.source, term, setup.quiet);
  if (payload === undefined) throw new InternalError('rr has no line-by-line payload');
  const print = await createMessagePrinter(cfg, mode, values, term);
  const client = await openSession(setup, mode, term, () => wantColour(values, term.env, term.stderr.isTTY), { tool: 'rr' });
  const session = watchSessionEnd(client, setup, term, { ...optionalTimeout(cfg.timeoutMs), subscription: cfg.subscription });
  let received = 0;

  client.on('message', (msg) => {
    if (session.ending) return;
    const { packet } = msg;
    if (packet.topic !== cfg.responseTopic) return;
    if (cfg.noRetained && packet.retain) return;
    // Another requester's reply on a shared response topic is not ours [MQTT-4.10.0-1].
    if (cfg.correlationData && !cfg.correlationData.equals(packet.properties?.correlationData ?? Buffer.alloc(0))) return;
    print(msg);
    if (++received >= cfg.replies) session.end(0);
  });

  return session.run(async () => {
    // The response topic is subscribed first (run does), so a fast responder's reply cannot arrive unsubscribed.
    const result = await client.publish({ topic: cfg.topic, payload, qos: cfg.qos, retain: false, properties: cfg.properties });
    if (result.reasonCode >= 0x80) {
      const why = result.reasonString ? ` (${result.reasonString})` : '';
      throw new ExitError(result.reasonCode, setup.quiet ? '' : `Warning: Publish ${result.packetId ?? 0} failed: ${reasonCodeName(result.reasonCode)}${why}.`);
    }
  });
}
