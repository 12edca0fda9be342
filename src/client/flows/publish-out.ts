// Outgoing PUBLISH: QoS 0 fire and forget; QoS 1 PUBLISH → PUBACK; QoS 2 PUBLISH →
// PUBREC → PUBREL → PUBCOMP [MQTT-4.3]. Unacknowledged messages stay in `pending`
// so a reconnect with a session can resend them with DUP set [MQTT-4.4.0-1].
import type { AckPacket, ApplicationMessage, PublishPacket } from '../../codec/types.js';
import { ClientError } from '../errors.js';
import type { InflightWindow } from '../inflight.js';
import type { OutboundTopicAliases } from '../topic-alias.js';
import type { FlowContext } from './context.js';

/** What a caller publishes (the codec's ApplicationMessage). */
export type OutgoingMessage = ApplicationMessage;

export interface PublishResult {
  packetId?: number;
  /** 0 for success; a v5 PUBACK/PUBREC reason ≥ 0x80 means the server refused it. */
  reasonCode: number;
  reasonString?: string;
}

const QOS0_DONE: Promise<PublishResult> = Promise.resolve({ reasonCode: 0 });

interface Pending {
  packet: PublishPacket;
  /** What we wait for next. */
  awaiting: 'puback' | 'pubrec' | 'pubcomp';
  resolve(result: PublishResult): void;
  reject(err: Error): void;
}

export class PublishOut {
  private readonly pending = new Map<number, Pending>();
  private failure: Error | undefined;

  constructor(
    private readonly ctx: FlowContext,
    private readonly window: InflightWindow,
  ) {}

  /** Set at each CONNACK: the server's Topic Alias Maximum caps ours [MQTT-3.3.2-8]. */
  private aliases: OutboundTopicAliases | undefined;

  setAliases(aliases: OutboundTopicAliases): void {
    this.aliases = aliases;
  }

  /** Not async on purpose: a QoS 0 publish (the `pub -l` hot path) allocates no promise. */
  publish(msg: OutgoingMessage): Promise<PublishResult> {
    if (this.failure) return Promise.reject(this.failure);
    let topic = msg.topic;
    const alias = msg.properties?.topicAlias;
    if (alias !== undefined && this.aliases) {
      try {
        topic = this.aliases.apply(msg.topic, alias);
      } catch (err) {
        return Promise.reject(err);
      }
    }
    if (msg.qos === 0) {
      this.ctx.send({ type: 'publish', topic, payload: msg.payload, qos: 0, retain: msg.retain, dup: false, properties: msg.properties });
      return QOS0_DONE;
    }
    return this.publishAcknowledged(msg, topic);
  }

  private async publishAcknowledged(msg: OutgoingMessage, topic: string): Promise<PublishResult> {
    const wait = this.window.acquire();
    if (wait) await wait;
    if (this.failure) {
      this.window.release();
      throw this.failure;
    }
    const packetId = this.ctx.ids.allocate();
    const packet: PublishPacket = { type: 'publish', topic, payload: msg.payload, qos: msg.qos, retain: msg.retain, dup: false, packetId, properties: msg.properties };
    return new Promise<PublishResult>((resolve, reject) => {
      this.pending.set(packetId, { packet, awaiting: msg.qos === 1 ? 'puback' : 'pubrec', resolve, reject });
      this.ctx.send(packet);
    });
  }

  onAck(ack: AckPacket): void {
    const p = this.pending.get(ack.packetId);
    if (!p) {
      // A PUBREC for an id we do not know still needs a PUBREL to end the exchange
      // [MQTT-4.3.3]; v5 says why with 0x92 Packet Identifier not found.
      if (ack.type === 'pubrec') this.sendPubrel(ack.packetId, this.ctx.protocolVersion === 5 ? 0x92 : undefined);
      return;
    }
    const code = ack.reasonCode ?? 0;
    if (ack.type === 'puback' && p.awaiting === 'puback') {
      this.complete(ack.packetId, p, code, ack.properties?.reasonString);
    } else if (ack.type === 'pubrec' && p.awaiting === 'pubrec') {
      if (code >= 0x80) {
        // A failed PUBREC ends the exchange: no PUBREL [MQTT-4.3.3].
        this.complete(ack.packetId, p, code, ack.properties?.reasonString);
        return;
      }
      p.awaiting = 'pubcomp';
      this.sendPubrel(ack.packetId);
    } else if (ack.type === 'pubcomp' && p.awaiting === 'pubcomp') {
      this.complete(ack.packetId, p, code, ack.properties?.reasonString);
    }
  }

  /**
   * After a reconnect: resend what is unacknowledged. With the session kept, PUBLISH
   * goes again with DUP set and PUBREL again [MQTT-4.4.0-1]; without it the server
   * knows none of these ids, so each message goes again as new (at least once).
   */
  resend(sessionPresent: boolean): void {
    for (const [id, p] of this.pending) {
      if (!sessionPresent) {
        p.awaiting = p.packet.qos === 1 ? 'puback' : 'pubrec';
        this.ctx.send({ ...p.packet, dup: false });
      } else if (p.awaiting === 'pubcomp') {
        this.sendPubrel(id);
      } else {
        this.ctx.send({ ...p.packet, dup: true });
      }
    }
  }

  /** The connection is gone for good: every pending and waiting publish fails. */
  failAll(err: Error): void {
    this.failure = err;
    for (const [id, p] of this.pending) {
      this.pending.delete(id);
      this.ctx.ids.release(id);
      this.window.release();
      p.reject(err);
    }
    this.window.drainWaiters();
  }

  private sendPubrel(packetId: number, reasonCode?: number): void {
    this.ctx.send({ type: 'pubrel', packetId, ...(reasonCode ? { reasonCode } : {}) });
  }

  private complete(id: number, p: Pending, reasonCode: number, reasonString: string | undefined): void {
    this.pending.delete(id);
    this.ctx.ids.release(id);
    this.window.release();
    p.resolve({ packetId: id, reasonCode, ...(reasonString !== undefined ? { reasonString } : {}) });
  }
}

export const lostError = (): ClientError => new ClientError('lost', 'The connection was lost.');
