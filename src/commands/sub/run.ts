// mqtk sub: options → compile the output format → connect → SUBSCRIBE → print
// messages until -C, -W, --retained-only, a signal or the connection ends it.
import { reasonCodeName } from '../../codec/constants.js';
import { ExitError } from '../../errors.js';
import { toConnectionSetup } from '../../options/client-config.js';
import { toOutputMode, wantColour } from '../../options/output-mode.js';
import type { ParsedArgs } from '../../options/spec.js';
import { toSubscribeConfig } from '../../options/subscribe-config.js';
import { malformedArgText } from '../../term/argv-bytes.js';
import type { Terminal } from '../../term/terminal.js';
import { topicMatches } from '../../topic/match.js';
import { failureExit, openSession } from '../client-session.js';
import { createMessagePrinter } from '../message-printer.js';
import { watchSessionEnd } from '../session-end.js';

export async function run(args: ParsedArgs, term: Terminal): Promise<number> {
  const mode = toOutputMode(args.values);
  const setup = toConnectionSetup(args, { protocolVersion: 4, pid: term.pid });
  const version = setup.client.connect.protocolVersion;
  const cfg = toSubscribeConfig(args, setup.urlTopic, version, malformedArgText());
  const print = await createMessagePrinter(cfg, mode, args.values, term);

  const client = await openSession(setup, mode, term, () => wantColour(args.values, term.env, term.stderr.isTTY));
  const session = watchSessionEnd(client, setup, term, cfg.timeoutMs);
  const { end } = session;
  let printed = 0;

  client.on('message', (msg) => {
    if (session.ending) return;
    const { packet } = msg;
    if (cfg.filterOut.some((f) => topicMatches(f, packet.topic))) return;
    if (cfg.retainedOnly && !packet.retain) {
      end(0);
      return;
    }
    if (cfg.removeRetained && packet.retain && packet.payload.length > 0) {
      // Clear it: an empty retained message replaces the retained one [MQTT-3.3.1-6].
      void client.publish({ topic: packet.topic, payload: Buffer.alloc(0), qos: 1, retain: true }).catch(() => {});
    }
    if (cfg.noRetained && packet.retain) return;
    if (cfg.randomFilter < 100 && Math.random() * 100 > cfg.randomFilter) return;
    print(msg);
    printed++;
    if (cfg.count !== undefined && printed >= cfg.count) end(0);
  });
  const subscribe = async (): Promise<void> => {
    const suback = await client.subscribe(cfg.subscriptions, setup.properties.subscribe);
    if (setup.debug && mode === 'text') term.stdout.write(`Subscribed (mid: ${suback.packetId}): ${suback.reasonCodes.join(', ')}\n`);
    const denied = suback.reasonCodes.filter((c) => c >= 0x80);
    if (denied.length === suback.reasonCodes.length) {
      // mosquitto_sub prints this and exits 0; mqtk fails with the server's reason code.
      throw new ExitError(denied[0]!, setup.quiet ? '' : 'All subscription requests were denied.');
    }
    if (!setup.quiet) {
      suback.reasonCodes.forEach((c, i) => {
        if (c >= 0x80) term.stderr.write(`Warning: subscription to '${cfg.subscriptions[i]?.topicFilter}' denied: ${reasonCodeName(c, 'suback')}.\n`);
      });
    }
    if (cfg.unsubscribe.length > 0) await client.unsubscribe(cfg.unsubscribe, setup.properties.unsubscribe);
  };
  // After a reconnection, subscribe again, as mosquitto_sub does in its on_connect.
  client.on('connect', () => {
    subscribe().catch((err: unknown) => {
      if (err instanceof ExitError) session.fail(err);
    });
  });

  try {
    await subscribe();
    if (cfg.exitOnSuback) end(0);
    return await session.done;
  } catch (err) {
    client.destroy();
    throw failureExit(err, version, setup.quiet);
  } finally {
    session.dispose();
  }
}
