// How long a reconnecting client waits before attempt n (1-based). A fixed delay, as
// libmosquitto's default; or, with a cap, doubling from the base up to the cap, each
// wait drawn from its upper half ("equal jitter"), so that a thousand clients dropped
// at once by a broker restart do not all knock again on the same millisecond.

export interface BackoffConfig {
  /** The first wait (and every wait without a cap). */
  baseMs: number;
  /** Doubling up to this; undefined: every wait is baseMs. */
  maxMs?: number | undefined;
}

export function reconnectWait(cfg: BackoffConfig, attempt: number, random: () => number = Math.random): number {
  if (cfg.maxMs === undefined) return cfg.baseMs;
  const full = Math.min(cfg.maxMs, cfg.baseMs * 2 ** Math.min(attempt - 1, 30));
  return full / 2 + random() * (full / 2);
}
