// Incoming PUBLISH [MQTT-4.3]: QoS 1 is acknowledged with PUBACK after delivery; QoS 2
// is delivered once on first receipt and its id remembered until PUBREL, so a
// redelivered PUBLISH (DUP) is acknowledged but not delivered twice [MQTT-4.3.3-...]
// ("method B" of the spec's non-normative flow).
// With `deferAcks` the PUBACK/PUBREC waits until the receiver calls the message's ack():
// a bridge acknowledges only once the message is passed on, so nothing it acknowledged
// can be lost with it [MQTT-4.5.0-2].
import { ReasonCode } from '../../codec/constants.js';
import type { PubrelPacket, PublishPacket } from '../../codec/types.js';
import { InboundTopicAliases } from '../topic-alias.js';
import type { FlowContext } from './context.js';

/** Receives a message; `ack` is given only with deferAcks, for QoS 1 and 2. */
export type Deliver = (packet: PublishPacket, ack?: () => void) => void;

export class PublishIn {
  /** QoS 2 ids received and not yet released: 'taken' until ack() (deferAcks), then 'acked'. */
  private readonly awaitingRelease = new Map<number, 'taken' | 'acked'>();
  private aliases: InboundTopicAliases;
  /** Bumped per network connection: a QoS 1 ack from an earlier one is not sent (the server resends). */
  private connection = 0;

  /** `aliasMaximum`: the Topic Alias Maximum our CONNECT announced (0: the server may use none). */
  constructor(
    private readonly ctx: FlowContext,
    private readonly deliver: Deliver,
    private readonly aliasMaximum: number,
    private readonly deferAcks = false,
  ) {
    this.aliases = new InboundTopicAliases(aliasMaximum);
  }

  /** A new network connection: the server's aliases do not carry over [MQTT-3.3.2-7]. */
  connected(): void {
    this.aliases = new InboundTopicAliases(this.aliasMaximum);
    this.connection++;
  }

  onPublish(packet: PublishPacket): void {
    const alias = packet.properties?.topicAlias;
    if (alias !== undefined) {
      // An alias over our maximum (any alias when it is 0) ends the connection with 0x94 [MQTT-3.3.2-10].
      const topic = this.aliases.resolve(packet.topic, alias);
      if (topic !== packet.topic) packet = { ...packet, topic };
    }
    const id = packet.packetId ?? 0;
    switch (packet.qos) {
      case 0:
        this.deliver(packet);
        return;
      case 1:
        if (this.deferAcks) return this.deliver(packet, this.pubackLater(id));
        this.deliver(packet);
        this.ctx.send({ type: 'puback', packetId: id });
        return;
      case 2: {
        const state = this.awaitingRelease.get(id);
        if (state === undefined) {
          this.awaitingRelease.set(id, this.deferAcks ? 'taken' : 'acked');
          this.deliver(packet, this.deferAcks ? this.pubrecLater(id) : undefined);
        }
        // A resend of a message not yet acknowledged waits for its ack(), which answers it.
        if (this.awaitingRelease.get(id) === 'acked') this.ctx.send({ type: 'pubrec', packetId: id });
      }
    }
  }

  private pubackLater(id: number): () => void {
    const connection = this.connection;
    let done = false;
    return () => {
      if (done || connection !== this.connection) return;
      done = true;
      this.ctx.send({ type: 'puback', packetId: id });
    };
  }

  /**
   * Sent on whichever connection is up: the session still expects it. While offline it
   * is not sent, but the id is 'acked', so the server's resend gets its PUBREC.
   */
  private pubrecLater(id: number): () => void {
    return () => {
      if (this.awaitingRelease.get(id) !== 'taken') return;
      this.awaitingRelease.set(id, 'acked');
      this.ctx.send({ type: 'pubrec', packetId: id });
    };
  }

  /** The server started a new session: it will not send PUBREL for old ids. */
  reset(): void {
    this.awaitingRelease.clear();
  }

  onPubrel(packet: PubrelPacket): void {
    const known = this.awaitingRelease.delete(packet.packetId);
    // v5: an unknown id is answered with 0x92 Packet Identifier not found.
    const reasonCode = !known && this.ctx.protocolVersion === 5 ? ReasonCode.PacketIdentifierNotFound : undefined;
    this.ctx.send({ type: 'pubcomp', packetId: packet.packetId, ...(reasonCode ? { reasonCode } : {}) });
  }
}
