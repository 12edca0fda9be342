// The window of QoS 1/2 publishes awaiting acknowledgement: at most our own limit
// (mosquitto's -M) and at most the server's Receive Maximum [MQTT-3.3.4-7].

export class InflightWindow {
  private count = 0;
  private readonly waiters: Array<() => void> = [];
  private readonly roomWaiters: Array<() => void> = [];

  constructor(private capacity: number) {}

  /**
   * Set at each CONNACK: our own limit narrowed by that server's Receive Maximum
   * [MQTT-3.3.4-7]. A later connection may allow more than the last one did.
   */
  resize(capacity: number): void {
    this.capacity = capacity;
    while (this.count < this.capacity && this.waiters.length > 0) this.waiters.shift()!();
    if (this.count < this.capacity) this.wakeRoomWaiters();
  }

  get size(): number {
    return this.count;
  }

  get limit(): number {
    return this.capacity;
  }

  get hasRoom(): boolean {
    return this.count < this.capacity;
  }

  /** Undefined when a slot is free now; otherwise resolves once one is (without taking it). */
  whenRoom(): Promise<void> | undefined {
    if (this.count < this.capacity && this.waiters.length === 0) return undefined;
    return new Promise((resolve) => this.roomWaiters.push(resolve));
  }

  /** Takes a slot, waiting for one when the window is full (FIFO). */
  acquire(): Promise<void> | undefined {
    if (this.count < this.capacity && this.waiters.length === 0) {
      this.count++;
      return undefined;
    }
    return new Promise((resolve) => this.waiters.push(() => {
      this.count++;
      resolve();
    }));
  }

  release(): void {
    this.count--;
    while (this.count < this.capacity && this.waiters.length > 0) this.waiters.shift()!();
    if (this.count < this.capacity) this.wakeRoomWaiters();
  }

  private wakeRoomWaiters(): void {
    while (this.roomWaiters.length > 0) this.roomWaiters.shift()!();
  }

  /** Fails every waiter (connection gone): they get their slot and see the error later. */
  drainWaiters(): void {
    while (this.waiters.length > 0) this.waiters.shift()!();
    this.wakeRoomWaiters();
  }
}
