// Counters behind $SYS/broker/... [mosquitto's $SYS tree]. Plain numbers, bumped on the
// hot path; sys.ts turns them into messages.

export class BrokerStats {
  readonly startedAt = Date.now();
  /** PUBLISH packets received from clients / sent to clients. */
  messagesReceived = 0;
  messagesSent = 0;
  /** Bytes of connections that have closed (live ones are summed from their wires). */
  closedBytesIn = 0;
  closedBytesOut = 0;
  /** Messages not delivered because a client's queue was full or the packet too large. */
  dropped = 0;
  /** Connections refused at accept because of max_connections. */
  refused = 0;
  clientsMaximum = 0;
}
