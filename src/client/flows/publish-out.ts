// Outgoing PUBLISH: QoS 0 fire and forget; QoS 1 PUBLISH → PUBACK; QoS 2 PUBLISH →
// PUBREC → PUBREL → PUBCOMP [MQTT-4.3]. Unacknowledged messages stay in `pending` so
// a reconnect can finish them (see resend()). Everything per network connection (the
// topic alias map, the server's Maximum Packet Size) is set afresh at each CONNACK.
import { ReasonCode } from '../../codec/constants.js';
import { publishSize } from '../../codec/packets/publish.js';
import type { AckPacket, ApplicationMessage, PublishPacket } from '../../codec/types.js';
import { ClientError } from '../errors.js';
import type { InflightWindow } from '../inflight.js';
import { OutboundTopicAliases } from '../topic-alias.js';
import type { FlowContext } from './context.js';

/** What a caller publishes (the codec's ApplicationMessage). */
export type OutgoingMessage = ApplicationMessage;

export interface PublishResult {
  packetId?: number;
  /** 0 for success; a v5 PUBACK/PUBREC reason ≥ 0x80 means the server refused it. */
  reasonCode: number;
  reasonString?: string;
  /**
   * QoS 2 only: the server received the message (PUBREC) but the connection was lost
   * before PUBCOMP and the next one started a new session, which cannot finish the
   * exchange. A server that passes messages on at PUBLISH has delivered it; one that
   * waits for PUBREL (mosquitto) has dropped it with the old session. Publishing it
   * again would duplicate it on the first kind, so it is not.
   */
  unconfirmed?: true;
}

/** What the server's CONNACK allows on one network connection. */
export interface ConnectionLimits {
  /** The server's Topic Alias Maximum (0: no aliases) [MQTT-3.3.2-8]. */
  topicAliasMaximum: number;
  /** The server's Maximum Packet Size, if it set one [MQTT-3.2.2-15]. */
  maxPacketSize?: number;
}

/** What every QoS 0 publish that was written returns (callers may compare with it: no promise per message). */
export const PUBLISHED: Promise<PublishResult> = Promise.resolve({ reasonCode: 0 });
/** PUBCOMP "Packet Identifier not found": the server already completed the exchange. */
const PACKET_ID_NOT_FOUND = ReasonCode.PacketIdentifierNotFound;

interface Pending {
  /** As the caller gave it: a resend is rebuilt from it (full topic, fresh alias map). */
  msg: OutgoingMessage;
  packetId: number;
  /** What we wait for next. */
  awaiting: 'puback' | 'pubrec' | 'pubcomp';
  resolve(result: PublishResult): void;
  reject(err: Error): void;
}

export class PublishOut {
  private readonly pending = new Map<number, Pending>();
  private failure: Error | undefined;
  private limits: ConnectionLimits = { topicAliasMaximum: 0 };
  private aliases = new OutboundTopicAliases(0);

  constructor(
    private readonly ctx: FlowContext,
    private readonly window: InflightWindow,
  ) {}

  /**
   * A new network connection was accepted. Aliases never carry over from one
   * connection to the next [MQTT-3.3.2-7], so the map starts empty.
   */
  connected(limits: ConnectionLimits): void {
    this.limits = limits;
    this.aliases = new OutboundTopicAliases(limits.topicAliasMaximum);
  }

  /** Messages sent (or to be resent) and not yet acknowledged. */
  get unacknowledged(): number {
    return this.pending.size;
  }

  /** Not async on purpose: a QoS 0 publish (the `pub -l` hot path) allocates no promise. */
  publish(msg: OutgoingMessage): Promise<PublishResult> {
    if (this.failure) return Promise.reject(this.failure);
    if (msg.qos === 0) {
      let packet: PublishPacket;
      try {
        packet = this.toWire(msg, undefined);
      } catch (err) {
        return Promise.reject(err);
      }
      this.ctx.send(packet);
      return PUBLISHED;
    }
    return this.publishAcknowledged(msg);
  }

  /**
   * Not async either: an async function's promise, resolved with the acknowledgement's
   * promise, costs two more promises and three microtask turns per message, which in a
   * QoS 1 `pub -l` run is time the inflight window stands still. Never throws: every
   * failure is the returned promise's rejection, as before.
   */
  private publishAcknowledged(msg: OutgoingMessage): Promise<PublishResult> {
    try {
      // Refused before taking a slot: a message that can never be sent must not wait for
      // one (with an alias, its size is known only once the alias is applied).
      if (msg.properties?.topicAlias === undefined) this.checkSize(msg, msg.topic);
    } catch (err) {
      return Promise.reject(err);
    }
    const wait = this.window.acquire();
    return wait ? wait.then(() => this.sendAcknowledged(msg)) : this.sendAcknowledged(msg);
  }

  /** With a window slot taken: a packet id, the PUBLISH, and the promise its acknowledgement settles. */
  private sendAcknowledged(msg: OutgoingMessage): Promise<PublishResult> {
    try {
      if (this.failure) {
        this.window.release();
        throw this.failure;
      }
      let packet: PublishPacket;
      const packetId = this.ctx.ids.allocate();
      try {
        packet = this.toWire(msg, packetId);
      } catch (err) {
        this.ctx.ids.release(packetId);
        this.window.release();
        throw err;
      }
      return new Promise<PublishResult>((resolve, reject) => {
        this.pending.set(packetId, { msg, packetId, awaiting: msg.qos === 1 ? 'puback' : 'pubrec', resolve, reject });
        this.ctx.send(packet);
      });
    } catch (err) {
      return Promise.reject(err);
    }
  }

  onAck(ack: AckPacket): void {
    const p = this.pending.get(ack.packetId);
    if (!p) {
      // A PUBREC for an id we do not know still needs a PUBREL to end the exchange
      // [MQTT-4.3.3]; v5 says why with 0x92 Packet Identifier not found.
      if (ack.type === 'pubrec') this.sendPubrel(ack.packetId, this.ctx.protocolVersion === 5 ? PACKET_ID_NOT_FOUND : undefined);
      return;
    }
    const code = ack.reasonCode ?? 0;
    if (ack.type === 'puback' && p.awaiting === 'puback') {
      this.complete(p, code, ack.properties?.reasonString);
    } else if (ack.type === 'pubrec' && p.awaiting === 'pubrec') {
      if (code >= ReasonCode.UnspecifiedError) {
        // A failed PUBREC ends the exchange: no PUBREL [MQTT-4.3.3].
        this.complete(p, code, ack.properties?.reasonString);
        return;
      }
      p.awaiting = 'pubcomp';
      this.sendPubrel(ack.packetId);
    } else if (ack.type === 'pubcomp' && p.awaiting === 'pubcomp') {
      // 0x92 answers a resent PUBREL whose exchange the server had already completed
      // (its PUBCOMP was lost with the connection): the message was delivered (§4.3.3).
      if (code === PACKET_ID_NOT_FOUND) this.complete(p, 0, undefined);
      else this.complete(p, code, ack.properties?.reasonString);
    }
  }

  /**
   * After a reconnect, finish what is unacknowledged, in the order it was sent.
   * - With the session kept: PUBLISH again with DUP set, or PUBREL again once PUBREC
   *   had arrived [MQTT-4.4.0-1].
   * - With a new session the server knows none of these ids. A message whose PUBREC
   *   arrived is the server's (it answered for it): it is done, and publishing it again
   *   would deliver it twice. Anything else is published again as new (at least once).
   * Every resend carries its full topic: aliases died with the old connection.
   */
  resend(sessionPresent: boolean): void {
    for (const p of [...this.pending.values()]) {
      if (p.awaiting === 'pubcomp') {
        if (sessionPresent) this.sendPubrel(p.packetId);
        else {
          this.release(p);
          p.resolve({ packetId: p.packetId, reasonCode: 0, unconfirmed: true });
        }
        continue;
      }
      p.awaiting = p.msg.qos === 1 ? 'puback' : 'pubrec';
      let packet: PublishPacket;
      try {
        packet = this.toWire(p.msg, p.packetId, { dup: sessionPresent, resend: true });
      } catch (err) {
        // e.g. the new connection's Maximum Packet Size is smaller than the last one's.
        this.fail(p, err instanceof Error ? err : new Error(String(err)));
        continue;
      }
      this.ctx.send(packet);
    }
  }

  /** The connection is gone for good: every pending and waiting publish fails. */
  failAll(err: Error): void {
    this.failure = err;
    for (const p of [...this.pending.values()]) this.fail(p, err);
    this.window.drainWaiters();
  }

  /**
   * The PUBLISH for this connection: the alias the caller asked for, applied through
   * this connection's map (dropped when the server allows none on a resend), and
   * refused locally when larger than the server accepts [MQTT-3.2.2-15].
   */
  private toWire(msg: OutgoingMessage, packetId: number | undefined, { dup = false, resend = false } = {}): PublishPacket {
    let topic = msg.topic;
    let properties = msg.properties;
    const alias = properties?.topicAlias;
    if (alias !== undefined) {
      if (resend && (alias === 0 || alias > this.limits.topicAliasMaximum)) {
        const { topicAlias: _dropped, ...rest } = properties!;
        properties = Object.keys(rest).length > 0 ? rest : undefined;
      } else {
        topic = this.aliases.apply(msg.topic, alias);
      }
    }
    const packet: PublishPacket = { type: 'publish', topic, payload: msg.payload, qos: msg.qos, retain: msg.retain, dup, properties };
    if (packetId !== undefined) packet.packetId = packetId;
    this.checkSize(packet, topic);
    return packet;
  }

  private checkSize(msg: Pick<PublishPacket, 'payload' | 'qos' | 'properties'>, topic: string): void {
    const max = this.limits.maxPacketSize;
    if (max === undefined) return;
    const size = publishSize({ ...msg, topic }, this.ctx.protocolVersion);
    if (size > max) throw packetTooLarge(size, max);
  }

  private sendPubrel(packetId: number, reasonCode?: number): void {
    this.ctx.send({ type: 'pubrel', packetId, ...(reasonCode ? { reasonCode } : {}) });
  }

  private release(p: Pending): void {
    this.pending.delete(p.packetId);
    this.ctx.ids.release(p.packetId);
    this.window.release();
  }

  private fail(p: Pending, err: Error): void {
    this.release(p);
    p.reject(err);
  }

  private complete(p: Pending, reasonCode: number, reasonString: string | undefined): void {
    this.release(p);
    p.resolve({ packetId: p.packetId, reasonCode, ...(reasonString !== undefined ? { reasonString } : {}) });
  }
}

export const lostError = (): ClientError => new ClientError('lost', 'The connection was lost.');

/** A message refused locally: it does not fit the server's Maximum Packet Size. */
export function packetTooLarge(size: number, max: number): ClientError {
  return new ClientError('packet-too-large', `Message not sent: its PUBLISH packet is ${size} bytes, larger than the server's Maximum Packet Size of ${max} bytes.`, { reasonCode: ReasonCode.PacketTooLarge });
}
