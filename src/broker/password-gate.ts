// Password checks under attack. Each wrong password for a known user costs a slow hash
// (argon2id: ~50 ms of a libuv thread); unbounded, a few hundred attackers keep the pool
// busy and lock every legitimate login out. So:
// - at most `concurrency` verifications run at once; the rest wait, and a wait whose
//   client has gone is dropped, not verified;
// - clients from an address without recent failures are verified before those from
//   addresses that keep failing, which never take the last free slot and wait first
//   (doubling, up to MAX_DELAY_MS);
// - a user's recent successful passwords are remembered, keyed by an HMAC (fast, with a
//   key that lives only in this process), so a returning client costs no hash at all.
import { createHmac, randomBytes } from 'node:crypto';

export type Verify = (hash: string, password: Buffer) => Promise<boolean>;

export interface GateOptions {
  /** Verifications at once (libuv has 4 threads, shared with file and DNS work). */
  concurrency?: number;
  /** Successful (user, password) pairs remembered. */
  cacheSize?: number;
}

const FIRST_DELAY_MS = 50;
const MAX_DELAY_MS = 2000;
/** Failures older than this are forgotten. */
const FAILURE_MEMORY_MS = 60_000;
const MAX_ADDRESSES = 10_000;

interface Failures {
  count: number;
  last: number;
}

interface Waiter {
  gone: () => boolean;
  start: () => void;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms).unref());

/** The host part of "host:port" (IPv6 hosts contain colons too). */
export function hostOf(address: string): string {
  const at = address.lastIndexOf(':');
  return at < 0 ? address : address.slice(0, at);
}

export class PasswordGate {
  private running = 0;
  /** Waiting verifications: from addresses in good standing, then from failing ones. */
  private readonly fresh: Waiter[] = [];
  private readonly suspect: Waiter[] = [];
  private readonly failures = new Map<string, Failures>();
  private readonly ok = new Map<string, string>();
  private readonly key = randomBytes(32);
  private readonly concurrency: number;
  private readonly cacheSize: number;

  constructor(
    private readonly verify: Verify,
    options: GateOptions = {},
  ) {
    this.concurrency = options.concurrency ?? 2;
    this.cacheSize = options.cacheSize ?? 1000;
  }

  /** Whether `password` matches `hash` for `user`; false without verifying when the client is gone first. */
  async check(user: string, hash: string, password: Buffer, address: string, gone: () => boolean): Promise<boolean> {
    const cacheKey = `${user}\0${createHmac('sha256', this.key).update(password).digest('base64')}`;
    if (this.ok.get(cacheKey) === hash) return true;
    const host = hostOf(address);
    const failing = this.failuresOf(host, Date.now());
    if (failing > 0) await sleep(Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** (failing - 1)));
    if (gone()) return false;
    if (!(await this.slot(failing > 0, gone))) return false;
    let good = false;
    try {
      good = await this.verify(hash, password);
    } finally {
      this.running--;
      this.next();
    }
    if (good) this.remember(cacheKey, hash);
    else this.fail(host);
    return good;
  }

  /** Waiting and running verifications (for tests and $SYS-like inspection). */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.fresh.length + this.suspect.length };
  }

  /** Resolves true once a verification may run, false if the client left while waiting. */
  private slot(suspect: boolean, gone: () => boolean): Promise<boolean> {
    if (this.free(suspect) && this.fresh.length === 0 && (suspect ? this.suspect.length === 0 : true)) {
      this.running++;
      return Promise.resolve(true);
    }
    return new Promise((resolve) => {
      const waiter: Waiter = {
        gone: () => {
          if (!gone()) return false;
          resolve(false);
          return true;
        },
        start: () => resolve(true),
      };
      (suspect ? this.suspect : this.fresh).push(waiter);
    });
  }

  /** Suspects may fill all slots but one: a client in good standing never waits for an attacker's hash. */
  private free(suspect: boolean): boolean {
    return this.running < (suspect && this.concurrency > 1 ? this.concurrency - 1 : this.concurrency);
  }

  private next(): void {
    for (;;) {
      const queue = this.fresh.length > 0 ? this.fresh : this.suspect;
      if (queue.length === 0 || !this.free(queue === this.suspect)) return;
      const w = queue.shift()!;
      if (w.gone()) continue;
      this.running++;
      w.start();
    }
  }

  private failuresOf(host: string, now: number): number {
    const f = this.failures.get(host);
    if (f === undefined) return 0;
    if (now - f.last > FAILURE_MEMORY_MS) {
      this.failures.delete(host);
      return 0;
    }
    return f.count;
  }

  private fail(host: string): void {
    const now = Date.now();
    const f = this.failures.get(host);
    if (f !== undefined) {
      f.count++;
      f.last = now;
      return;
    }
    if (this.failures.size >= MAX_ADDRESSES) this.failures.clear();
    this.failures.set(host, { count: 1, last: now });
  }

  /** A success does not clear the address's failures: one valid account must not reset an attack. */
  private remember(cacheKey: string, hash: string): void {
    this.ok.delete(cacheKey);
    this.ok.set(cacheKey, hash);
    // Oldest first out (a Map iterates in insertion order).
    if (this.ok.size > this.cacheSize) this.ok.delete(this.ok.keys().next().value!);
  }
}
