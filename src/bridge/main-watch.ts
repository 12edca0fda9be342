// round_robin false: while the bridge is on a secondary address it checks, every
// restart_timeout, whether the main (first) address accepts connections again.
import type { Duplex } from 'node:stream';

export class MainWatch {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly everyMs: number,
    private readonly probe: () => Promise<Duplex>,
    private readonly back: () => void,
  ) {}

  start(): void {
    this.stop();
    this.timer = setInterval(() => {
      this.probe().then((s) => {
        s.destroy();
        if (this.timer === undefined) return;
        this.stop();
        this.back();
      }, () => {});
    }, this.everyMs);
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }
}
