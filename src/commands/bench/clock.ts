// Wall-clock milliseconds with sub-millisecond resolution, the same in every thread.
// performance.timeOrigin differs per worker thread (measured: several ms apart), which
// would show up as latency between a publisher in one worker and a subscriber in
// another; the monotonic hrtime is shared by the threads of a process, so every thread
// adds the offset to epoch time that the main thread measured once.

export type Clock = () => number;

const hrMs = (): number => Number(process.hrtime.bigint()) / 1e6;

/** Offset from the monotonic clock to epoch milliseconds, measured now. */
export function measureEpochOffset(): number {
  return Date.now() - hrMs();
}

export function createClock(epochOffset: number): Clock {
  // Calibrated once per thread against the shared clock; performance.now() then costs
  // no BigInt per call (the clock is read for every message).
  const base = hrMs() + epochOffset - performance.now();
  return () => performance.now() + base;
}
