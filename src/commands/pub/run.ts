// mqtk pub: options → payload → connect → publish (once, --repeat times, or one
// message per stdin line) → wait for every acknowledgement → DISCONNECT.
import { readFile, stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { MqttClient } from '../../client/client.js';
import type { PublishResult } from '../../client/flows/publish-out.js';
import { reasonCodeName } from '../../codec/constants.js';
import { MAX_VARINT } from '../../codec/primitives.js';
import { ExitError, UsageError } from '../../errors.js';
import { formatJsonEvent } from '../../format/json.js';
import { toConnectionSetup } from '../../options/client-config.js';
import { toOutputMode, wantColour, type OutputMode } from '../../options/output-mode.js';
import { toPublishConfig, type PublishConfig } from '../../options/publish-config.js';
import type { ParsedArgs } from '../../options/spec.js';
import { malformedArgText } from '../../term/argv-bytes.js';
import { readInput } from '../../term/prompt.js';
import { keepHangupIgnored } from '../../term/hangup.js';
import type { Terminal } from '../../term/terminal.js';
import { failureExit, openSession } from '../client-session.js';

/** The largest payload one PUBLISH can carry, with room for its topic and properties. */
const MAX_PAYLOAD = MAX_VARINT - 1024;
const tooLarge = (): UsageError => new UsageError('Message too large: an MQTT packet holds at most 256 MiB.');

/** Reads the payload of -m/-n/-f/-s (undefined for -l); `quiet`: mosquitto's err_printf, silent under --quiet. */
async function loadPayload(cfg: PublishConfig, term: Terminal, quiet: boolean): Promise<Buffer | undefined> {
  switch (cfg.source.kind) {
    case 'message':
      return cfg.source.payload;
    case 'null':
      return Buffer.alloc(0);
    case 'file': {
      const path = cfg.source.path;
      let data: Buffer;
      try {
        // Refused before reading: a file too large for one packet is not loaded into memory.
        if ((await stat(path)).size > MAX_PAYLOAD) throw tooLarge();
        data = await readFile(path);
      } catch (err) {
        if (err instanceof UsageError) throw err;
        throw new ExitError(1, quiet ? '' : `Error: Unable to open file "${path}".\nError loading input file "${path}".`);
      }
      return data;
    }
    case 'stdin-file': {
      // Reads at most one byte past the limit, so an endless stdin fails instead of filling memory.
      const { data, overflow } = await readInput(term.stdin, MAX_PAYLOAD);
      if (overflow) throw tooLarge();
      // An empty retained message deletes the retained one [MQTT-3.3.1-6]: an empty stdin
      // (a failed producer upstream) must not do that. mosquitto_pub refuses it too; an
      // empty -f file, by contrast, it sends (load_file), and so do we.
      if (data.length === 0) throw new ExitError(1, quiet ? '' : 'Error: Zero length input.\nError loading input from stdin.');
      return data;
    }
    case 'stdin-line':
      return undefined;
  }
}

/** Tracks publishes in flight so the end can wait for all of them, and reports refusals. */
class Outcomes {
  private outstanding = 0;
  private idle: (() => void) | undefined;
  failure: unknown;
  refusedCode = 0;
  private readonly ok: (r: PublishResult) => void;
  private readonly err: (e: unknown) => void;

  constructor(onResult: (r: PublishResult) => void) {
    // Two handlers made once, not closures per message: `pub -l` tracks 100k of these.
    this.ok = (r) => {
      onResult(r);
      this.settle();
    };
    this.err = (e) => {
      this.failure ??= e;
      this.settle();
    };
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

/**
 * One message per stdin line. The loop stays synchronous while the socket and the
 * inflight window have room and awaits only when they do not (backpressure: a 1 GB
 * input is never read faster than the broker takes it).
 */
async function publishLines(client: MqttClient, cfg: PublishConfig, stdin: Readable, outcomes: Outcomes, track: boolean, stopped: () => boolean): Promise<void> {
  let carry: Buffer | undefined;
  const { topic, qos, retain, properties } = cfg;
  for await (const chunk of stdin) {
    let buf = chunk as Buffer;
    if (carry) {
      buf = Buffer.concat([carry, buf]);
      carry = undefined;
    }
    let start = 0;
    for (let nl = buf.indexOf(10, start); nl >= 0; nl = buf.indexOf(10, start)) {
      const wait = client.ready(qos);
      if (wait) await wait;
      if (stopped() || outcomes.failure) return;
      // Each line is its own message without the newline; an empty line is a zero-length message.
      const done = client.publish({ topic, payload: buf.subarray(start, nl), qos, retain, properties });
      if (track) outcomes.track(done);
      start = nl + 1;
    }
    if (start < buf.length) carry = Buffer.from(buf.subarray(start));
  }
  // The last line is sent even without a trailing newline.
  if (carry && carry.length > 0) {
    const wait = client.ready(qos);
    if (wait) await wait;
    const done = client.publish({ topic, payload: carry, qos, retain, properties });
    if (track) outcomes.track(done);
  }
}

export async function run(args: ParsedArgs, term: Terminal): Promise<number> {
  keepHangupIgnored(term.env);
  const mode: OutputMode = toOutputMode(args.values);
  const argText = malformedArgText();
  const setup = toConnectionSetup(args, { protocolVersion: 4, pid: term.pid, argText });
  const cfg = toPublishConfig(args, setup.urlTopic, setup.properties.publish, argText);
  const payload = await loadPayload(cfg, term, setup.quiet);
  if (payload && payload.length > MAX_PAYLOAD) throw tooLarge();

  const version = setup.client.connect.protocolVersion;
  const client = await openSession(setup, mode, term, () => wantColour(args.values, term.env, term.stderr.isTTY), { tool: 'pub' });
  let interrupted = false;
  const removeSignal = term.onSignal(() => {
    interrupted = true;
  });

  const outcomes = new Outcomes((r) => {
    if (mode === 'json') {
      term.stdout.write(formatJsonEvent('published', { topic: cfg.topic, qos: cfg.qos, packet_id: r.packetId ?? null, reason_code: r.reasonCode }));
    }
    if (r.reasonCode >= 0x80) {
      // mosquitto_pub warns and still exits 0; a refused message is a failure here.
      outcomes.refusedCode ||= r.reasonCode;
      if (!setup.quiet) {
        const why = r.reasonString ? ` (${r.reasonString})` : '';
        term.stderr.write(`Warning: Publish ${r.packetId ?? 0} failed: ${reasonCodeName(r.reasonCode)}${why}.\n`);
      }
    }
  });

  try {
    if (payload === undefined) {
      // QoS 0 needs no tracking unless each message is reported (JSON lines).
      await publishLines(client, cfg, term.stdin, outcomes, cfg.qos > 0 || mode === 'json', () => interrupted);
    } else {
      for (let i = 0; i < cfg.repeat && !interrupted && !outcomes.failure; i++) {
        if (i > 0 && cfg.repeatDelayMs > 0) await new Promise((r) => setTimeout(r, cfg.repeatDelayMs));
        const wait = client.ready(cfg.qos);
        if (wait) await wait;
        outcomes.track(client.publish({ topic: cfg.topic, payload, qos: cfg.qos, retain: cfg.retain, properties: cfg.properties }));
      }
    }
    await outcomes.settled();
    if (outcomes.failure) throw outcomes.failure;
    await client.disconnect({ properties: setup.properties.disconnect });
  } catch (err) {
    client.destroy();
    throw failureExit(err, version, setup.quiet, 'pub');
  } finally {
    removeSignal();
  }
  return outcomes.refusedCode;
}
