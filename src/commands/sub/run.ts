// mqtk sub: options → compile the output format → connect → SUBSCRIBE → print
// messages until -C, -W, --retained-only, a signal or the connection ends it.
import type { MqttClient } from '../../client/client.js';
import { ClientError } from '../../client/errors.js';
import type { IncomingMessage } from '../../client/events.js';
import { ReasonCode, reasonCodeName } from '../../codec/constants.js';
import { ExitError } from '../../errors.js';
import { toConnectionSetup } from '../../options/client-config.js';
import { toOutputMode, wantColour } from '../../options/output-mode.js';
import type { ParsedArgs } from '../../options/spec.js';
import { toSubscribeConfig } from '../../options/subscribe-config.js';
import { malformedArgText } from '../../term/argv-bytes.js';
import { keepHangupIgnored } from '../../term/hangup.js';
import type { Terminal } from '../../term/terminal.js';
import { topicMatches } from '../../topic/match.js';
import { closeSession, createDebugTap, failureExit, openSession } from '../client-session.js';
import { Interrupted, INTERRUPTED_DISCONNECT_MS, watchSignals } from '../interrupt.js';
import { createMessagePrinter } from '../message-printer.js';

export async function run(args: ParsedArgs, term: Terminal): Promise<number> {
  keepHangupIgnored(term.env);
  const mode = toOutputMode(args.values);
  const argText = malformedArgText();
  const setup = toConnectionSetup(args, { protocolVersion: 4, pid: term.pid, argText });
  const version = setup.client.connect.protocolVersion;
  const cfg = toSubscribeConfig(args, setup.urlTopic, version, argText);
  const print = await createMessagePrinter(cfg, mode, args.values, term);

  let client: MqttClient | undefined;
  const debug = createDebugTap(setup, mode, term, () => client);
  let printed = 0;
  let finish!: (code: number) => void;
  let fail!: (err: unknown) => void;
  const done = new Promise<number>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  // The first SUBSCRIBE goes out before openSession returns: a failure may come before `await done`.
  done.catch(() => {});
  let ending = false;
  let exitCode = 0;
  /**
   * The one way out once connected: DISCONNECT, then the status. From here on nothing
   * else fails the run: a SUBACK or UNSUBACK still outstanding when -C, -W or a signal
   * ends it is abandoned with the connection, as mosquitto_sub does.
   */
  const end = (code: number, timeoutMs?: number, after?: Promise<unknown>): void => {
    if (ending) return;
    ending = true;
    exitCode = code;
    // `client` is set from the first CONNACK on (onConnect), so messages that came with
    // it can end the run (-C, --retained-only). Before it, only a signal ends the run,
    // and the connect wait reports that (interrupt.race).
    const c = client;
    if (!c) return;
    const disconnect = (): Promise<void> => c.disconnect({ properties: setup.properties.disconnect, ...(timeoutMs !== undefined ? { timeoutMs } : {}) });
    // Asked at once from a message handler, DISCONNECT follows that message's PUBACK and
    // precedes the next message of the same chunk (which stays queued in the session).
    (after ? after.then(disconnect) : disconnect()).then(() => finish(exitCode), fail);
  };
  /** --remove-retained clears not yet acknowledged. */
  const clearing = new Set<Promise<unknown>>();
  /**
   * An end reached by the messages (-C, --retained-only) first waits for the PUBACKs of
   * the clears, as mosquitto_sub does (last_mid); a signal or -W disconnects at once.
   */
  const endAfterClears = (code: number): void => end(code, undefined, clearing.size > 0 ? Promise.allSettled(clearing) : undefined);
  const onMessage = (msg: IncomingMessage): void => {
    if (ending) return;
    const { packet } = msg;
    if (cfg.filterOut.some((f) => topicMatches(f, packet.topic))) return;
    if (cfg.retainedOnly && !packet.retain) {
      endAfterClears(0);
      return;
    }
    if (cfg.removeRetained && packet.retain && packet.payload.length > 0) {
      // Clear it: an empty retained message replaces the retained one [MQTT-3.3.1-6].
      const cleared = client!.publish({ topic: packet.topic, payload: Buffer.alloc(0), qos: 1, retain: true }).catch(() => {});
      clearing.add(cleared);
      void cleared.then(() => clearing.delete(cleared));
    }
    if (cfg.noRetained && packet.retain) return;
    if (cfg.randomFilter < 100 && Math.random() * 100 > cfg.randomFilter) return;
    // With -d, mosquitto prints a QoS 1/2 message after the line of its acknowledgement.
    if (debug) debug.afterAck(packet, () => print(msg));
    else print(msg);
    printed++;
    if (cfg.count !== undefined && printed >= cfg.count) endAfterClears(0);
  };

  const subscribe = async (c: MqttClient): Promise<void> => {
    const suback = await c.subscribe(cfg.subscriptions, setup.properties.subscribe);
    if (ending) return;
    if (setup.debug && mode === 'text') term.stdout.write(`Subscribed (mid: ${suback.packetId}): ${suback.reasonCodes.join(', ')}\n`);
    const denied = suback.reasonCodes.filter((code) => code >= ReasonCode.UnspecifiedError);
    if (denied.length === suback.reasonCodes.length) {
      // mosquitto_sub prints this and exits 0; mqtk fails with the server's reason code.
      throw new ExitError(denied[0]!, setup.quiet ? '' : 'All subscription requests were denied.', { verbatim: true });
    }
    if (!setup.quiet) {
      suback.reasonCodes.forEach((code, i) => {
        if (code >= ReasonCode.UnspecifiedError) term.stderr.write(`Warning: subscription to '${cfg.subscriptions[i]?.topicFilter}' denied: ${reasonCodeName(code, 'suback')}.\n`);
      });
    }
    if (cfg.unsubscribe.length > 0) await c.unsubscribe(cfg.unsubscribe, setup.properties.unsubscribe);
    if (cfg.exitOnSuback) end(0);
  };
  /**
   * mosquitto_sub subscribes in its on_connect callback, on the first connection and on
   * every reconnection, while libmosquitto handles the CONNACK: SUBSCRIBE goes out (and
   * -d logs it) before the messages a resumed session queued, which can come with it.
   */
  const onConnect = (c: MqttClient): void => {
    client = c;
    subscribe(c).catch((err: unknown) => {
      // A request cut short by our own ending is no failure; a lost connection is
      // reported by 'close' (or retried); a refusal or a local error ends the run.
      if (!ending && !(err instanceof ClientError)) fail(err);
    });
  };

  // mosquitto_sub ends quietly with status 0 on SIGINT/SIGTERM once connected.
  const interrupt = watchSignals(term, () => end(0, INTERRUPTED_DISCONNECT_MS));
  let timer: NodeJS.Timeout | undefined;
  try {
    // Messages of a resumed session can arrive with the CONNACK: the handlers are there first.
    client = await interrupt.race(openSession(setup, mode, term, () => wantColour(args.values, term.env, term.stderr.isTTY), { tool: 'sub', onMessage, onConnect, ...(debug ? { debug } : {}) }));
  } catch (err) {
    interrupt.dispose();
    if (err instanceof Interrupted) throw new ExitError(err.exitCode);
    throw err;
  }
  const connected = client;
  if (interrupt.signal) end(0, INTERRUPTED_DISCONNECT_MS);
  connected.on('close', (err) => {
    if (err && !ending) fail(err);
    else finish(exitCode);
  });
  if (cfg.timeoutMs !== undefined) {
    timer = setTimeout(() => {
      if (!setup.quiet) term.stderr.write('Timed out\n');
      end(27);
    }, cfg.timeoutMs);
  }

  try {
    return await done;
  } catch (err) {
    await closeSession(connected);
    throw failureExit(err, version, setup.quiet, 'sub');
  } finally {
    if (timer) clearTimeout(timer);
    interrupt.dispose();
  }
}
