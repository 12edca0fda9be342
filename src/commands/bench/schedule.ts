// The open-loop schedule (wrk2's idea): message k of a publisher is due at
// start + k × interval whatever happened to the ones before. A publisher held up by the
// broker (backpressure, a full inflight window, a stall) sends the overdue messages
// when it can, each still stamped with its *intended* time, so the latency it measures
// includes the wait. A closed loop that stamps at send time would hide the stall:
// coordinated omission.

export interface Schedule {
  /** How many messages are due by `now` (ms), capped by the limit. */
  due(now: number): number;
  /** When message k was meant to go out (ms, same clock as `now`). */
  intended(k: number): number;
  /** How far behind the schedule a publisher is that has sent `sent` messages (ms, ≥ 0). */
  lag(now: number, sent: number): number;
  /** When the next message after `sent` is due; Infinity when the limit is reached. */
  nextDue(sent: number): number;
}

/**
 * `intervalMs` between messages, starting at `startMs` (callers spread publishers by
 * offsetting their starts); `limit` messages at most (Infinity: no limit).
 */
export function createSchedule(startMs: number, intervalMs: number, limit = Infinity): Schedule {
  if (!(intervalMs > 0)) throw new RangeError('interval must be > 0');
  const intended = (k: number): number => startMs + k * intervalMs;
  return {
    due: (now) => (now < startMs ? 0 : Math.min(limit, Math.floor((now - startMs) / intervalMs) + 1)),
    intended,
    lag: (now, sent) => (sent >= limit ? 0 : Math.max(0, now - intended(sent))),
    nextDue: (sent) => (sent >= limit ? Infinity : intended(sent)),
  };
}

/** Each of `clients` publishers' share of a total: the first `total % clients` get one more. */
export function shareOf(total: number, clients: number, index: number): number {
  if (!Number.isFinite(total)) return total;
  return Math.floor(total / clients) + (index < total % clients ? 1 : 0);
}
