// WAL checkpoints of the store (copying committed pages back into mqtk.sqlite; in
// synchronous=NORMAL each costs an fsync of the WAL and one of the file). SQLite's own
// run inside a commit every 1,000 pages by default, and under sustained load their fsyncs
// were most of the commit time; here they run once the store has been quiet for
// CHECKPOINT_IDLE_MS, and openForWriting's wal_autocheckpoint (64 MB of WAL) bounds the
// WAL if the load never pauses.
import type { Database } from './open.js';

export const CHECKPOINT_IDLE_MS = 1000;

export class IdleCheckpoints {
  /** Checkpoints run (SQLite's own, at the WAL bound, are not counted). */
  count = 0;
  private lastCommit = 0;
  private unchecked = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly db: Database, private readonly busy: () => boolean, private readonly warn: (text: string) => void) {}

  private readonly whenIdle = (): void => {
    const quiet = performance.now() - this.lastCommit;
    if (this.busy() || quiet < CHECKPOINT_IDLE_MS) {
      this.timer = setTimeout(this.whenIdle, CHECKPOINT_IDLE_MS - (this.busy() ? 0 : quiet)).unref();
      return;
    }
    this.timer = undefined;
    this.run();
  };

  /** A commit was made: a checkpoint follows once the store is quiet. */
  committed(): void {
    this.lastCommit = performance.now();
    this.unchecked++;
    this.timer ??= setTimeout(this.whenIdle, CHECKPOINT_IDLE_MS).unref();
  }

  /** A failure is only a warning: the WAL keeps the data. */
  run(): void {
    if (this.unchecked === 0 || this.busy()) return;
    try {
      this.db.pragma('wal_checkpoint(PASSIVE)');
      this.unchecked = 0;
      this.count++;
    } catch (err) {
      this.warn(`persistence: checkpoint failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  stop(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
