// What pub, sub and rr share after their options are parsed: connecting with the
// right taps for -d and --trace, and turning engine failures into mosquitto's messages
// and exit statuses (reference §7, §8).
import { MqttClient, type ConnectExtras } from '../client/client.js';
import { ClientError } from '../client/errors.js';
import type { IncomingMessage } from '../client/events.js';
import type { ConnectionSetup } from '../options/client-config.js';
import type { OutputMode } from '../options/output-mode.js';
import { reasonCodeName } from '../codec/constants.js';
import type { Packet, Properties } from '../codec/types.js';
import { ExitError, InternalError } from '../errors.js';
import { ExitCode, reasonCodeExit } from '../exit-codes.js';
import type { PacketTap } from '../wire/connection.js';
import type { Terminal } from '../term/terminal.js';
import { createPalette } from '../term/colour.js';
import { DebugTap } from './debug-tap.js';

/** mosquitto_connack_string() for MQTT 3.x return codes. */
const V3_CONNACK: Record<number, string> = {
  1: 'Connection Refused: unacceptable protocol version.',
  2: 'Connection Refused: identifier rejected.',
  3: 'Connection Refused: broker unavailable.',
  4: 'Connection Refused: bad user name or password.',
  5: 'Connection Refused: not authorised.',
};

/** Which mosquitto client a command mirrors: pub and rr print libmosquitto's error after a refused CONNACK, sub and ctrl do not. */
export type ClientTool = 'pub' | 'sub' | 'rr' | 'ctrl';

/**
 * What mosquitto_pub and mosquitto_rr add after a CONNACK refusal: their loop ends with
 * MOSQ_ERR_CONN_REFUSED (3.x) or MOSQ_ERR_PROTOCOL (5), printed as mosquitto_strerror().
 */
const REFUSED_LOOP_ERROR: Record<number, string> = {
  3: 'Error: The connection was refused.',
  4: 'Error: The connection was refused.',
  5: 'Error: A network protocol error occurred when communicating with the broker.',
};

/**
 * The line and exit status mosquitto's clients give for a failure. `verbatim` lines have
 * no "Error: " prefix in mosquitto either; main adds it to the others.
 */
function describeFailure(err: ClientError, version: number, tool: ClientTool): { line: string; code: number; verbatim?: true } {
  switch (err.kind) {
    case 'refused':
      return { line: 'Connection refused', code: ExitCode.Failure };
    case 'lookup':
      return { line: 'Unable to connect (Lookup error.).', code: ExitCode.Failure, verbatim: true };
    case 'network':
      return { line: `Unable to connect (${err.message}).`, code: ExitCode.Failure, verbatim: true };
    case 'tls':
      return { line: `A TLS error occurred: ${err.message}`, code: ExitCode.Tls };
    case 'connack': {
      const rc = err.reasonCode ?? 0;
      const text = version === 5 ? reasonCodeName(rc, 'connack') : (V3_CONNACK[rc] ?? `Connection Refused: unknown reason (${rc}).`);
      const extra = err.reasonString ? ` (${err.reasonString})` : '';
      const loopError = tool === 'pub' || tool === 'rr' ? `\n${REFUSED_LOOP_ERROR[version]}` : '';
      return { line: `Connection error: ${text}${extra}${loopError}`, code: rc, verbatim: true };
    }
    case 'server-disconnect': {
      const rc = err.reasonCode ?? 0;
      const extra = err.reasonString ? `: ${err.reasonString}` : '';
      return { line: `The server disconnected us: ${reasonCodeName(rc, 'disconnect')} (0x${rc.toString(16).padStart(2, '0')})${extra}.`, code: reasonCodeExit(rc) };
    }
    case 'timeout':
      return { line: err.message, code: ExitCode.Timeout };
    case 'protocol':
      return { line: `Protocol error from the server: ${err.message}`, code: ExitCode.Protocol };
    case 'lost':
      return { line: 'The connection was lost.', code: ExitCode.ConnectionLost };
    case 'rejected':
      return { line: err.message, code: ExitCode.ConnectionLost };
    case 'packet-too-large':
      return { line: err.message, code: ExitCode.OversizePacket };
    case 'internal':
      return { line: err.message, code: ExitCode.Software };
  }
}

/** An ExitError for a failure; --quiet keeps stderr silent but keeps the status. */
export function failureExit(err: unknown, version: number, quiet: boolean, tool: ClientTool): unknown {
  if (!(err instanceof ClientError)) return err;
  // A bug is a bug, with or without --quiet: main prints the "please report it" line.
  if (err.kind === 'internal') return new InternalError(err.message, { cause: err.cause });
  const { line, code, verbatim } = describeFailure(err, version, tool);
  return new ExitError(code, quiet ? '' : line, { verbatim: verbatim === true });
}

const RECONNECT_DELAY_MS = 1000;
/** How long a command that failed while connected waits for its DISCONNECT to go out. */
const FAILED_DISCONNECT_MS = 1000;

/**
 * Ends a session after a failure. While the connection is up (a local refusal, a
 * denied subscription, an interrupt) DISCONNECT goes first, so the server does not
 * publish our will for what is an orderly end [MQTT-3.1.2-10]; otherwise just close.
 */
export async function closeSession(client: MqttClient | undefined, timeoutMs = FAILED_DISCONNECT_MS, properties?: Properties): Promise<void> {
  if (!client) return;
  if (client.isConnected) await client.disconnect({ timeoutMs, ...(properties ? { properties } : {}) });
  else client.destroy();
}

export interface SessionOptions {
  tool: ClientTool;
  /** The -d tap, when the command needs it too (sub: DebugTap.afterAck); else made here for -d. */
  debug?: DebugTap;
  /** Receives messages from the first CONNACK on (see MqttClient.connect). */
  onMessage?: (msg: IncomingMessage) => void;
  /** Runs inside every accepted CONNACK's handler (see ConnectExtras.onConnect): sub subscribes there. */
  onConnect?: ConnectExtras['onConnect'];
}

/** The -d tap for this setup, or undefined when -d is off (or the output is not text). */
export function createDebugTap(setup: ConnectionSetup, mode: OutputMode, term: Terminal, client: () => MqttClient | undefined): DebugTap | undefined {
  if (!setup.debug || mode !== 'text') return undefined;
  return new DebugTap(term, (packet) => client()?.clientId ?? assignedId(packet) ?? setup.client.connect.clientId);
}

/**
 * Connects, printing -d lines (text mode) or the packet trace (trace mode) as packets pass.
 * `colour` is asked only when something coloured is printed (it looks at stderr).
 */
export async function openSession(setup: ConnectionSetup, mode: OutputMode, term: Terminal, colour: () => boolean, opts: SessionOptions): Promise<MqttClient> {
  if (!setup.quiet) for (const warning of setup.warnings) term.stderr.write(`${warning}\n`);
  const { onMessage, onConnect } = opts;
  const taps: PacketTap[] = [];
  let client: MqttClient | undefined;
  const version = setup.client.connect.protocolVersion;
  const debug = opts.debug ?? createDebugTap(setup, mode, term, () => client);
  if (debug) taps.push(debug.tap);
  if (mode === 'trace') {
    const { createTraceTap } = await import('../term/trace-tap.js');
    taps.push(createTraceTap(term.stderr, () => client?.protocolVersion ?? version, await createPalette(colour())));
  }
  try {
    // Like libmosquitto's loop: a lost connection is retried every second.
    client = await MqttClient.connect({ ...setup.client, reconnectDelayMs: RECONNECT_DELAY_MS }, { taps, ...(onMessage ? { onMessage } : {}), ...(onConnect ? { onConnect } : {}) });
    return client;
  } catch (err) {
    throw failureExit(err, version, setup.quiet, opts.tool);
  }
}

function assignedId(packet: Packet): string | undefined {
  return packet.type === 'connack' ? packet.properties?.assignedClientIdentifier : undefined;
}
