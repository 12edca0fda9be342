// Keepalive [MQTT-3.1.2-23]: if we have sent nothing for `keepalive` seconds we send
// PINGREQ; if the server then stays silent for another `keepalive` seconds, the
// connection is dead. Checking against the last send time (instead of re-arming a timer
// on every packet) keeps the publish hot path free of timer churn.

export interface KeepaliveHooks {
  ping(): void;
  timeout(): void;
  now?: () => number;
}

export class Keepalive {
  private lastSent: number;
  private lastReceived: number;
  private awaitingSince: number | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly now: () => number;

  constructor(
    private intervalMs: number,
    private readonly hooks: KeepaliveHooks,
  ) {
    this.now = hooks.now ?? Date.now;
    this.lastSent = this.now();
    this.lastReceived = this.lastSent;
  }

  /** Starts checking; `intervalMs` replaces the configured one (e.g. the server's). */
  start(intervalMs?: number): void {
    if (intervalMs !== undefined) this.intervalMs = intervalMs;
    if (this.intervalMs > 0) this.schedule(this.intervalMs);
  }

  sent(): void {
    this.lastSent = this.now();
  }

  received(): void {
    this.lastReceived = this.now();
    this.awaitingSince = undefined;
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(ms: number): void {
    this.timer = setTimeout(() => this.check(), ms);
    this.timer.unref();
  }

  private check(): void {
    const now = this.now();
    if (this.awaitingSince !== undefined && now - this.awaitingSince >= this.intervalMs && this.lastReceived < this.awaitingSince) {
      this.stop();
      this.hooks.timeout();
      return;
    }
    const idle = now - this.lastSent;
    if (idle >= this.intervalMs) {
      this.awaitingSince ??= now;
      this.hooks.ping();
      this.lastSent = now;
      this.schedule(this.intervalMs);
    } else {
      this.schedule(this.intervalMs - idle);
    }
  }
}
