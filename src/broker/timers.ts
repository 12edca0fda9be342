// setTimeout for intervals that may exceed Node's 2^31-1 ms limit (Session Expiry and
// Will Delay are u32 seconds): re-arms until the deadline. Unref'd: never keeps the
// process alive on its own.
const MAX_DELAY = 2 ** 31 - 1;

export interface LongTimer {
  cancel(): void;
}

export function longTimeout(fn: () => void, ms: number): LongTimer {
  const deadline = Date.now() + ms;
  let timer: NodeJS.Timeout;
  const arm = (): void => {
    timer = setTimeout(() => (Date.now() < deadline ? arm() : fn()), Math.max(0, Math.min(deadline - Date.now(), MAX_DELAY)));
    timer.unref();
  };
  arm();
  return { cancel: () => clearTimeout(timer) };
}
