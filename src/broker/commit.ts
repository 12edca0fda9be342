// Acknowledgements wait for the store: with persistence on, a PUBACK, PUBREC, PUBREL,
// PUBCOMP, SUBACK or UNSUBACK goes out only once the changes it confirms are committed
// (one commit per event-loop turn, see persist/store.ts). Without persistence they go
// at once. Acks of one connection keep their order [MQTT-4.6.0-2]: once one waits,
// every later one of the turn waits behind it.
import type { Packet } from '../codec/types.js';
import type { BrokerConnection } from './connection.js';
import type { BrokerCore } from './core.js';

export function sendAck(core: BrokerCore, conn: BrokerConnection, packet: Packet): void {
  const sink = core.sink;
  if (sink === undefined) conn.send(packet);
  else sink.afterCommit(() => conn.send(packet));
}

/** Runs `fn` after the commit (SUBACK and the retained messages that follow it). */
export function afterCommit(core: BrokerCore, fn: () => void): void {
  const sink = core.sink;
  if (sink === undefined) fn();
  else sink.afterCommit(fn);
}
