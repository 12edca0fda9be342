// Acknowledgements wait for the store: with persistence on, a PUBACK, PUBREC, PUBREL,
// PUBCOMP or UNSUBACK goes out only once the changes it confirms are committed (see
// persist/store.ts; a QoS 1 message every persistent subscriber has acknowledged needs
// no commit), and SUBACK after its subscriptions are. Without persistence they go at
// once. The acknowledgements of one connection keep their order [MQTT-4.6.0-2]: each
// waits in the connection's queue until every earlier one has gone.
import type { Packet } from '../codec/types.js';
import type { BrokerConnection } from './connection.js';
import type { BrokerCore } from './core.js';
import type { BrokerMessage } from './message.js';

export interface PendingAck {
  packet: Packet;
  /** undefined: waiting; true: to send; false: withheld (its commit failed). */
  send: boolean | undefined;
}

function flush(conn: BrokerConnection): void {
  const queue = conn.acks!;
  let i = 0;
  for (; i < queue.length && queue[i]!.send !== undefined; i++) if (queue[i]!.send) conn.send(queue[i]!.packet);
  if (i === queue.length) conn.acks = undefined;
  else if (i > 0) queue.splice(0, i);
}

/** Sends `packet` once its changes are safe; `msg`: the QoS 1 message (not retained) it acknowledges. */
export function sendAck(core: BrokerCore, conn: BrokerConnection, packet: Packet, msg?: BrokerMessage): void {
  const sink = core.sink;
  if (sink === undefined) return conn.send(packet);
  const entry: PendingAck = { packet, send: undefined };
  (conn.acks ??= []).push(entry);
  sink.afterStored(msg, (ok) => {
    entry.send = ok;
    if (conn.acks !== undefined) flush(conn);
  });
}

/** Runs `fn` after the commit (SUBACK and the retained messages that follow it). */
export function afterCommit(core: BrokerCore, fn: () => void): void {
  const sink = core.sink;
  if (sink === undefined) fn();
  else sink.afterCommit(fn);
}
