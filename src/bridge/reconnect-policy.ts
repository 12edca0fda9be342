// Where and when a bridge connects next (mosquitto's `address a b c`, `round_robin`,
// `restart_timeout BASE CAP`). Pure policy objects, tested directly.
import type { BridgeAddress } from '../broker/options.js';

/**
 * The address to try. A failure (cannot connect, or the connection was lost) moves on to
 * the next, round the list. With round_robin false the first address is the main one:
 * while on another, the bridge checks the main one and returns to it once it answers.
 */
export class AddressRotation {
  private at = 0;

  constructor(
    private readonly list: readonly BridgeAddress[],
    readonly roundRobin: boolean,
  ) {}

  get current(): BridgeAddress {
    return this.list[this.at]!;
  }

  get main(): BridgeAddress {
    return this.list[0]!;
  }

  /** Whether to watch for the main address coming back (round_robin false, on a secondary). */
  get wantsMain(): boolean {
    return !this.roundRobin && this.at !== 0;
  }

  failed(): void {
    this.at = (this.at + 1) % this.list.length;
  }

  backToMain(): void {
    this.at = 0;
  }
}

/** Seconds before attempt n after a failure: base, doubling up to cap (`restart_timeout BASE CAP`). */
export class Backoff {
  private failures = 0;

  constructor(private readonly baseMs: number, private readonly capMs: number) {}

  /** How long to wait before the next attempt (0 for the very first). */
  next(): number {
    const n = this.failures++;
    return n === 0 ? 0 : Math.min(this.capMs, this.baseMs * 2 ** (n - 1));
  }

  /** The next attempt goes at once (a planned switch, not a failure). */
  reset(): void {
    this.failures = 0;
  }

  /** Connected: the next loss waits the base time, then backs off again. */
  connected(): void {
    this.failures = 1;
  }
}
