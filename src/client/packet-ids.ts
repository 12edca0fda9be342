// Packet identifiers for QoS>0 PUBLISH, SUBSCRIBE and UNSUBSCRIBE: non-zero
// [MQTT-2.2.1-3], unique among the packets still in flight [MQTT-2.2.1-4] (the id is
// free again once its exchange completes).

export class PacketIds {
  private next = 1;
  private readonly used = new Set<number>();

  /** A free id; throws when all 65535 are in use (the inflight window prevents that). */
  allocate(): number {
    if (this.used.size >= 65535) throw new Error('no free packet identifier');
    while (this.used.has(this.next)) this.next = this.next === 65535 ? 1 : this.next + 1;
    const id = this.next;
    this.used.add(id);
    this.next = id === 65535 ? 1 : id + 1;
    return id;
  }

  release(id: number): void {
    this.used.delete(id);
  }

  inUse(id: number): boolean {
    return this.used.has(id);
  }

  get size(): number {
    return this.used.size;
  }
}
