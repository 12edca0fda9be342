// mqtk pub: options → payload → connect → publish (once, --repeat times, or one
// message per stdin line) → wait for every acknowledgement → DISCONNECT.
import type { Readable } from 'node:stream';
import type { MqttClient } from '../../client/client.js';
import { ClientError } from '../../client/errors.js';
import { PUBLISHED, type PublishResult } from '../../client/flows/publish-out.js';
import { ReasonCode, reasonCodeName } from '../../codec/constants.js';
import { ExitError, UsageError } from '../../errors.js';
import { ExitCode } from '../../exit-codes.js';
import { formatJsonEvent } from '../../format/json.js';
import { toConnectionSetup } from '../../options/client-config.js';
import { toOutputMode, wantColour, type OutputMode } from '../../options/output-mode.js';
import { toPublishConfig, type PublishConfig } from '../../options/publish-config.js';
import type { ParsedArgs } from '../../options/spec.js';
import { malformedArgText } from '../../term/argv-bytes.js';
import { keepHangupIgnored } from '../../term/hangup.js';
import type { Terminal } from '../../term/terminal.js';
import { closeSession, failureExit, openSession } from '../client-session.js';
import { Interrupted, INTERRUPTED_DISCONNECT_MS, watchSignals, type Interrupt } from '../interrupt.js';
import { loadPayload, MAX_PAYLOAD, tooLarge } from '../payload.js';

/** Tracks publishes in flight so the end can wait for all of them, and reports refusals. */
class Outcomes {
  private outstanding = 0;
  private idle: (() => void) | undefined;
  failure: unknown;
  refusedCode = 0;
  /** QoS 2 messages whose exchange a new session could not finish (see PublishResult.unconfirmed). */
  unconfirmed = 0;
  private readonly ok: (r: PublishResult) => void;
  private readonly err: (e: unknown) => void;

  constructor(onResult: (r: PublishResult) => void, onRefusedLocally: (e: ClientError) => void) {
    // Two handlers made once, not closures per message: `pub -l` tracks 100k of these.
    this.ok = (r) => {
      if (r.unconfirmed) this.unconfirmed++;
      onResult(r);
      this.settle();
    };
    this.err = (e) => {
      if (e instanceof ClientError && e.kind === 'packet-too-large') {
        // One message refused before sending; the connection and the other lines go on.
        // Exit status 25 as mosquitto_pub -l (MOSQ_ERR_OVERSIZE_PACKET).
        this.refusedCode ||= ExitCode.OversizePacket;
        onRefusedLocally(e);
      } else {
        this.failure ??= e;
      }
      this.settle();
    };
  }

  /** Publishes not yet acknowledged (or, at QoS 0 with JSON output, not yet written). */
  get pending(): number {
    return this.outstanding;
  }

  track(p: Promise<PublishResult>): void {
    this.outstanding++;
    p.then(this.ok, this.err);
  }

  settled(): Promise<void> {
    return this.outstanding === 0 ? Promise.resolve() : new Promise((resolve) => (this.idle = resolve));
  }

  private settle(): void {
    if (--this.outstanding === 0) this.idle?.();
  }
}

/** What a publishing loop needs: where to publish, what it tracks, and the user's signals. */
interface Publishing {
  client: MqttClient;
  cfg: PublishConfig;
  outcomes: Outcomes;
  interrupt: Interrupt;
  /** Track every publish (QoS 0 ones too), for per-message JSON lines. */
  trackAll: boolean;
}

/** Publishes one message, after waiting (interruptibly) until it may go out. */
async function publishOne(p: Publishing, payload: Buffer): Promise<void> {
  const { client, cfg, outcomes } = p;
  const wait = client.ready(cfg.qos);
  if (wait) await p.interrupt.race(wait);
  const done = client.publish({ topic: cfg.topic, payload, qos: cfg.qos, retain: cfg.retain, properties: cfg.properties });
  // An untracked QoS 0 publish is PUBLISHED unless it was refused (or waits for a reconnect).
  if (p.trackAll || cfg.qos > 0 || done !== PUBLISHED) outcomes.track(done);
}

/**
 * One message per stdin line. The loop stays synchronous while the socket and the
 * inflight window have room and awaits only when they do not (backpressure: a 1 GB
 * input is never read faster than the broker takes it).
 */
async function publishLines(p: Publishing, stdin: Readable): Promise<void> {
  const { client, cfg, outcomes } = p;
  const { topic, qos, retain, properties } = cfg;
  const chunks = stdin[Symbol.asyncIterator]();
  let carry: Buffer | undefined;
  for (;;) {
    const next = await p.interrupt.race(chunks.next() as Promise<IteratorResult<Buffer>>);
    if (next.done) break;
    let buf = next.value;
    if (carry) {
      buf = Buffer.concat([carry, buf]);
      carry = undefined;
    }
    let start = 0;
    for (let nl = buf.indexOf(10, start); nl >= 0; nl = buf.indexOf(10, start)) {
      const wait = client.ready(qos);
      if (wait) await p.interrupt.race(wait);
      if (outcomes.failure) return;
      // Each line is its own message without the newline; an empty line is a zero-length message.
      const done = client.publish({ topic, payload: buf.subarray(start, nl), qos, retain, properties });
      if (p.trackAll || qos > 0 || done !== PUBLISHED) outcomes.track(done);
      start = nl + 1;
    }
    if (start < buf.length) carry = Buffer.from(buf.subarray(start));
  }
  // The last line is sent even without a trailing newline.
  if (carry && carry.length > 0 && !outcomes.failure) await publishOne(p, carry);
}

export async function run(args: ParsedArgs, term: Terminal): Promise<number> {
  keepHangupIgnored(term.env);
  const mode: OutputMode = toOutputMode(args.values);
  const argText = malformedArgText();
  const setup = toConnectionSetup(args, { protocolVersion: 4, pid: term.pid, argText });
  const cfg = toPublishConfig(args, setup.urlTopic, setup.properties.publish, argText);
  const payload = await loadPayload(cfg.source, term, setup.quiet);
  if (payload && payload.length > MAX_PAYLOAD) throw tooLarge();

  const version = setup.client.connect.protocolVersion;
  const warn = (line: string): void => {
    if (!setup.quiet) term.stderr.write(`${line}\n`);
  };
  const outcomes = new Outcomes(
    (r) => {
      if (mode === 'json') {
        term.stdout.write(formatJsonEvent('published', { topic: cfg.topic, qos: cfg.qos, packet_id: r.packetId ?? null, reason_code: r.reasonCode }));
      }
      if (r.reasonCode >= ReasonCode.UnspecifiedError) {
        // mosquitto_pub warns and still exits 0; a refused message is a failure here.
        outcomes.refusedCode ||= r.reasonCode;
        const why = r.reasonString ? ` (${r.reasonString})` : '';
        warn(`Warning: Publish ${r.packetId ?? 0} failed: ${reasonCodeName(r.reasonCode)}${why}.`);
      }
    },
    (e) => warn(`Error: ${e.message}`),
  );

  const interrupt = watchSignals(term);
  let client: MqttClient | undefined;
  try {
    client = await interrupt.race(openSession(setup, mode, term, () => wantColour(args.values, term.env, term.stderr.isTTY), { tool: 'pub' }));
    const publishing: Publishing = { client, cfg, outcomes, interrupt, trackAll: mode === 'json' };
    if (payload === undefined) {
      await publishLines(publishing, term.stdin);
    } else {
      for (let i = 0; i < cfg.repeat && !outcomes.failure; i++) {
        if (i > 0 && cfg.repeatDelayMs > 0) await interrupt.sleep(cfg.repeatDelayMs);
        await publishOne(publishing, payload);
      }
    }
    await interrupt.race(outcomes.settled());
    if (outcomes.failure) throw outcomes.failure;
    if (outcomes.unconfirmed > 0) {
      const n = outcomes.unconfirmed === 1 ? '1 QoS 2 message was' : `${outcomes.unconfirmed} QoS 2 messages were`;
      warn(`Warning: ${n} received by the broker (PUBREC) but not completed when the connection was lost; the new session cannot complete ${outcomes.unconfirmed === 1 ? 'it' : 'them'}, and a broker that delivers at PUBREL (mosquitto) has dropped ${outcomes.unconfirmed === 1 ? 'it' : 'them'}. Use -c to keep the session across reconnects.`);
    }
    await interrupt.race(client.disconnect({ properties: setup.properties.disconnect }));
  } catch (err) {
    if (err instanceof Interrupted) {
      // Orderly even now: DISCONNECT (no will) when connected, then the shell's status for the signal.
      const unacknowledged = outcomes.pending;
      await closeSession(client, INTERRUPTED_DISCONNECT_MS, setup.properties.disconnect);
      const lost = unacknowledged === 1 ? '1 message was' : `${unacknowledged} messages were`;
      throw new ExitError(err.exitCode, setup.quiet || unacknowledged === 0 ? '' : `Interrupted: ${lost} not acknowledged.`, { verbatim: true });
    }
    await closeSession(client);
    throw failureExit(err, version, setup.quiet, 'pub');
  } finally {
    interrupt.dispose();
  }
  return outcomes.refusedCode;
}
