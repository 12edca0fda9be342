// One connection attempt: open the transport, frame it, send CONNECT and wait for the
// CONNACK [MQTT-3.1.4]. The client calls this once, and again on every reconnect.
import type { Duplex } from 'node:stream';
import type { ConnackPacket, Packet } from '../codec/types.js';
import { WireConnection, type PacketTap } from '../wire/connection.js';
import type { ClientConfig } from './config.js';
import { internalError, toClientError } from './errors.js';
import { awaitConnack, connectPacket } from './flows/connect.js';
import { openTransport } from './transport.js';

/** Each gets the link's wire: several links exist over a client's life. */
export interface LinkHandlers {
  /** Every packet after the CONNACK (and packets in the same chunk as it). */
  packet(packet: Packet): void;
  /** Called synchronously with a successful CONNACK, before any packet after it. */
  connack(wire: WireConnection, packet: ConnackPacket): void;
  error(wire: WireConnection, err: Error): void;
  /** A handler threw (our bug): see WireHandlers.internal. */
  internal(wire: WireConnection, err: unknown): void;
  close(wire: WireConnection): void;
}

export interface Link {
  wire: WireConnection;
  connack: ConnackPacket;
}

/** Opens the byte stream of one attempt; tests pass in-memory streams instead of the transport. */
export type Dial = () => Duplex | Promise<Duplex>;

export async function openLink(config: ClientConfig, taps: readonly PacketTap[], handlers: LinkHandlers, dial?: Dial): Promise<Link> {
  const s = dial ? await dial() : await openTransport(config.transport, config.connectTimeoutMs);
  const wait = awaitConnack(config.connectTimeoutMs);
  let waiting = true;
  const wire = new WireConnection(s, { protocolVersion: config.connect.protocolVersion }, {
    packet: (p) => {
      if (!waiting) {
        handlers.packet(p);
        return;
      }
      // Settled synchronously: packets in the same chunk as the CONNACK (a resumed
      // session's queued messages) are dispatched normally right after it.
      waiting = false;
      wait.onPacket(p);
      if (p.type === 'connack' && p.reasonCode === 0) handlers.connack(wire, p);
    },
    error: (err) => {
      if (waiting) wait.fail(toClientError(err));
      handlers.error(wire, err);
    },
    internal: (err) => {
      if (waiting) wait.fail(internalError(err));
      waiting = false;
      handlers.internal(wire, err);
    },
    close: () => {
      if (waiting) wait.fail(toClientError(new Error('closed')));
      waiting = false;
      handlers.close(wire);
    },
  });
  for (const tap of taps) wire.addTap(tap);
  wire.send(connectPacket(config.connect));
  try {
    return { wire, connack: await wait.connack };
  } catch (err) {
    wire.destroy();
    throw err;
  }
}

