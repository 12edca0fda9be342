// Incoming PUBLISH [MQTT-4.3]: QoS 1 is acknowledged with PUBACK after delivery; QoS 2
// is delivered once on first receipt and its id remembered until PUBREL, so a
// redelivered PUBLISH (DUP) is acknowledged but not delivered twice [MQTT-4.3.3-...]
// ("method B" of the spec's non-normative flow).
import type { PubrelPacket, PublishPacket } from '../../codec/types.js';
import { InboundTopicAliases } from '../topic-alias.js';
import type { FlowContext } from './context.js';

export class PublishIn {
  private readonly awaitingRelease = new Set<number>();
  private aliases: InboundTopicAliases;

  /** `aliasMaximum`: the Topic Alias Maximum our CONNECT announced (0: the server may use none). */
  constructor(
    private readonly ctx: FlowContext,
    private readonly deliver: (packet: PublishPacket) => void,
    private readonly aliasMaximum: number,
  ) {
    this.aliases = new InboundTopicAliases(aliasMaximum);
  }

  /** A new network connection: the server's aliases do not carry over [MQTT-3.3.2-7]. */
  connected(): void {
    this.aliases = new InboundTopicAliases(this.aliasMaximum);
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
        this.deliver(packet);
        this.ctx.send({ type: 'puback', packetId: id });
        return;
      case 2:
        if (!this.awaitingRelease.has(id)) {
          this.awaitingRelease.add(id);
          this.deliver(packet);
        }
        this.ctx.send({ type: 'pubrec', packetId: id });
    }
  }

  /** The server started a new session: it will not send PUBREL for old ids. */
  reset(): void {
    this.awaitingRelease.clear();
  }

  onPubrel(packet: PubrelPacket): void {
    const known = this.awaitingRelease.delete(packet.packetId);
    // v5: an unknown id is answered with 0x92 Packet Identifier not found.
    const reasonCode = !known && this.ctx.protocolVersion === 5 ? 0x92 : undefined;
    this.ctx.send({ type: 'pubcomp', packetId: packet.packetId, ...(reasonCode ? { reasonCode } : {}) });
  }
}
