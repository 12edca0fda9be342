// SUBSCRIBE → SUBACK and UNSUBSCRIBE → UNSUBACK, matched by packet id [MQTT-3.8.4-2].
import type { Properties, SubackPacket, Subscription, UnsubackPacket } from '../../codec/types.js';
import type { FlowContext } from './context.js';

type Waiter = { resolve(p: SubackPacket | UnsubackPacket): void; reject(e: Error): void; kind: 'suback' | 'unsuback' };

export class Requests {
  private readonly waiting = new Map<number, Waiter>();
  private failure: Error | undefined;

  constructor(private readonly ctx: FlowContext) {}

  subscribe(subscriptions: Subscription[], properties?: Properties): Promise<SubackPacket> {
    return this.request('suback', (packetId) => ({ type: 'subscribe', packetId, subscriptions, properties })) as Promise<SubackPacket>;
  }

  unsubscribe(topicFilters: string[], properties?: Properties): Promise<UnsubackPacket> {
    return this.request('unsuback', (packetId) => ({ type: 'unsubscribe', packetId, topicFilters, properties })) as Promise<UnsubackPacket>;
  }

  onAck(packet: SubackPacket | UnsubackPacket): void {
    const w = this.waiting.get(packet.packetId);
    if (!w || w.kind !== packet.type) return;
    this.waiting.delete(packet.packetId);
    this.ctx.ids.release(packet.packetId);
    w.resolve(packet);
  }

  /** Fails what waits now; with `final`, every later request fails too. */
  failAll(err: Error, final = false): void {
    if (final) this.failure = err;
    for (const [id, w] of this.waiting) {
      this.waiting.delete(id);
      this.ctx.ids.release(id);
      w.reject(err);
    }
  }

  private request(
    kind: Waiter['kind'],
    build: (packetId: number) => Parameters<FlowContext['send']>[0],
  ): Promise<SubackPacket | UnsubackPacket> {
    if (this.failure) return Promise.reject(this.failure);
    const packetId = this.ctx.ids.allocate();
    return new Promise((resolve, reject) => {
      this.waiting.set(packetId, { resolve, reject, kind });
      this.ctx.send(build(packetId));
    });
  }
}
