// mqtk rr --respond: an MQTT service from a shell command. Each request on the -t
// filter runs COMMAND with the payload on its stdin; its stdout is published to the
// request's response topic with the request's correlation data [MQTT-4.10.0-1].
// Requests are answered one at a time, in order.
import { spawn } from 'node:child_process';
import type { MqttClient } from '../../client/client.js';
import type { IncomingMessage } from '../../client/events.js';
import type { Properties } from '../../codec/types.js';
import { ExitError } from '../../errors.js';
import type { ConnectionSetup } from '../../options/client-config.js';
import { wantColour, type OutputMode } from '../../options/output-mode.js';
import type { RespondConfig } from '../../options/rr-config.js';
import type { ParsedArgs } from '../../options/spec.js';
import type { Terminal } from '../../term/terminal.js';
import { openSession } from '../client-session.js';
import { MAX_PAYLOAD } from '../payload.js';
import { optionalTimeout, watchSessionEnd } from '../session-end.js';

export interface CommandResult {
  stdout: Buffer;
  status: number;
}

/** Runs the command with `input` on stdin; its stderr goes to ours. Rejects when it cannot start. */
export function runRequestCommand(cfg: RespondConfig, input: Buffer, env: NodeJS.ProcessEnv, term: Terminal): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cfg.command, cfg.args, { stdio: ['pipe', 'pipe', 'pipe'], env });
    const chunks: Buffer[] = [];
    let size = 0;
    child.stdout.on('data', (d: Buffer) => {
      size += d.length;
      if (size > MAX_PAYLOAD) child.kill('SIGKILL');
      else chunks.push(d);
    });
    child.stderr.on('data', (d: Buffer) => term.stderr.write(d));
    child.once('error', (err: NodeJS.ErrnoException) => reject(new ExitError(127, `Unable to run '${cfg.command}': ${err.code === 'ENOENT' ? 'command not found' : err.message}.`)));
    child.once('close', (code, signal) => resolve({ stdout: Buffer.concat(chunks), status: code ?? 128 + (signal === 'SIGKILL' ? 9 : 15) }));
    // A command that does not read its input must not fail the request (EPIPE).
    child.stdin.on('error', () => {});
    child.stdin.end(input);
  });
}

export async function respond(cfg: RespondConfig, setup: ConnectionSetup, mode: OutputMode, values: ParsedArgs['values'], term: Terminal): Promise<number> {
  const v5 = setup.client.connect.protocolVersion === 5;
  // No Local: our own replies never come back as requests, even when the filter covers them [MQTT-3.8.3-3].
  const subscription = v5 ? { ...cfg.subscription, noLocal: true } : cfg.subscription;
  const client = await openSession(setup, mode, term, () => wantColour(values, term.env, term.stderr.isTTY), { tool: 'rr' });
  const session = watchSessionEnd(client, setup, term, { ...optionalTimeout(cfg.timeoutMs), subscription });
  let answered = 0;
  let queue = Promise.resolve();

  const answer = async (msg: IncomingMessage): Promise<void> => {
    const { packet } = msg;
    const props = packet.properties;
    const replyTo = props?.responseTopic ?? cfg.fallbackTopic;
    if (replyTo === undefined) {
      if (!setup.quiet) term.stderr.write(`Warning: request on '${packet.topic}' has no response topic; ignored.\n`);
      return;
    }
    const env = { ...term.env, MQTK_REQUEST_TOPIC: packet.topic, MQTK_RESPONSE_TOPIC: replyTo };
    const result = await runRequestCommand(cfg, packet.payload, env, term);
    if (session.ending) return;
    if (result.status !== 0 && !setup.quiet) term.stderr.write(`Warning: '${cfg.command}' exited with status ${result.status}; its output is sent as the reply.\n`);
    const properties: Properties | undefined = v5
      ? {
          ...cfg.properties,
          ...(props?.correlationData ? { correlationData: props.correlationData } : {}),
          userProperties: [...(cfg.properties?.userProperties ?? []), ['exit-status', String(result.status)]],
        }
      : undefined;
    await client.publish({ topic: replyTo, payload: result.stdout, qos: cfg.qos, retain: false, properties });
    if (cfg.requests !== undefined && ++answered >= cfg.requests) session.end(0);
  };

  client.on('message', (msg) => {
    if (session.ending) return;
    if (cfg.noRetained && msg.packet.retain) return;
    // Before MQTT 5 there is no No Local: skip our own replies by topic.
    if (!v5 && msg.packet.topic === cfg.fallbackTopic) return;
    queue = queue.then(() => answer(msg)).catch((err: unknown) => session.fail(err));
  });
  return session.run(async () => {
    if (!setup.quiet && mode === 'text' && term.stderr.isTTY) term.stderr.write(`Answering requests on '${subscription.topicFilter}' with '${cfg.command}' (Ctrl-C to stop).\n`);
  });
}
