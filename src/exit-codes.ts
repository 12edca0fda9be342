// Every exit status mqtk chooses, by name (mosquitto's where it has one; reference §7).
// A failure that carries an MQTT reason code (a refused CONNECT, SUBSCRIBE or PUBLISH
// under MQTT 5) exits with that reason code instead, as `reasonCodeExit` says.

export const ExitCode = {
  Ok: 0,
  /** Any failure without a more specific status, and bad command-line input. */
  Failure: 1,
  /** Bad command-line input, --help and --version of the client commands (mosquitto's 1). */
  Usage: 1,
  /** A protocol error from the peer (libmosquitto's MOSQ_ERR_PROTOCOL). */
  Protocol: 2,
  /** `mqtk passwd`: the password and its confirmation differ (mosquitto_passwd's 2). */
  PasswordMismatch: 2,
  /** The connection was lost, or the server disconnected us with reason 0 (MOSQ_ERR_CONN_LOST). */
  ConnectionLost: 7,
  /** A TLS handshake or certificate failure (MOSQ_ERR_TLS). */
  Tls: 8,
  /** A message larger than the server's Maximum Packet Size (MOSQ_ERR_OVERSIZE_PACKET, as mosquitto_pub -l). */
  OversizePacket: 25,
  /** `sub -W` and the connect timeout (MOSQ_ERR_TIMEOUT). */
  Timeout: 27,
  /** A bug in mqtk (sysexits' EX_SOFTWARE). */
  Software: 70,
  /** Interrupted by SIGINT (Ctrl-C): 128 + 2. */
  Interrupted: 130,
  /** Stopped by SIGTERM: 128 + 15. */
  Terminated: 143,
} as const;

export function signalExitCode(signal: 'SIGINT' | 'SIGTERM'): number {
  return signal === 'SIGINT' ? ExitCode.Interrupted : ExitCode.Terminated;
}

/** A refusal with an MQTT reason code exits with it; reason 0 on a DISCONNECT is a lost connection. */
export function reasonCodeExit(reasonCode: number): number {
  return reasonCode === 0 ? ExitCode.ConnectionLost : reasonCode;
}
