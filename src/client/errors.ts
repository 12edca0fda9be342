import { MqttError } from '../codec/errors.js';
// Why a client operation failed, in terms a command can turn into mosquitto's
// messages and exit statuses (the mapping lives in the commands, not here).

export type ClientErrorKind =
  /** TCP connect refused (ECONNREFUSED). */
  | 'refused'
  /** Host name did not resolve. */
  | 'lookup'
  /** Other socket errors before CONNACK (unreachable, reset...). */
  | 'network'
  | 'tls'
  /** CONNACK with a failure code: `reasonCode` holds it. */
  | 'connack'
  /** The connection closed after CONNACK without us asking. */
  | 'lost'
  /** The server sent DISCONNECT: `reasonCode` holds its reason. */
  | 'server-disconnect'
  /** No CONNACK / PINGRESP in time. */
  | 'timeout'
  /** The server broke the protocol, or sent a malformed packet. */
  | 'protocol'
  /** The server closed the connection right after CONNACK, twice running, for the same packet. */
  | 'rejected'
  /** One message refused locally: larger than the server's Maximum Packet Size (the connection stays up). */
  | 'packet-too-large'
  /** Our own code (or a listener of the library's user) threw while handling a packet: a bug, not the network. */
  | 'internal';

export class ClientError extends Error {
  readonly kind: ClientErrorKind;
  readonly reasonCode?: number;
  /** Reason string sent by the server (MQTT 5), if any. */
  readonly reasonString?: string;
  constructor(kind: ClientErrorKind, message: string, extra: { reasonCode?: number; reasonString?: string; cause?: unknown } = {}) {
    super(message, extra.cause === undefined ? undefined : { cause: extra.cause });
    this.name = 'ClientError';
    this.kind = kind;
    this.reasonCode = extra.reasonCode;
    this.reasonString = extra.reasonString;
  }
}

/** Any failure of the connection as a ClientError: malformed input is a protocol error. */
export function toClientError(err: Error): ClientError {
  if (err instanceof ClientError) return err;
  if (err instanceof MqttError) return new ClientError('protocol', err.message, { reasonCode: err.reasonCode, cause: err });
  return new ClientError('lost', 'The connection was lost.', { cause: err });
}

/** A handler or listener threw while a packet was handled: a bug, reported as such. */
export function internalError(cause: unknown): ClientError {
  const what = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
  return new ClientError('internal', what, { cause });
}
