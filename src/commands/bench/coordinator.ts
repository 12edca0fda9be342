// Drives one run over its engines: wait until every engine is connected (and
// subscribed), start them all on the same whole second, stop them at the end of -d or on
// Ctrl-C, tell subscribers how many messages each publisher sent so they can finish
// counting, and gather the final counts. The aggregate gets every interval as it comes.
import type { Aggregate } from './aggregate.js';
import type { Clock } from './clock.js';
import type { BenchConfig } from './config.js';
import type { EngineHost } from './hosts.js';
import type { EngineMessage, Interval } from './messages.js';

/** Subscribers wait at most this long for messages still on their way. */
const DRAIN_TIMEOUT_MS = 10_000;

export interface RunTimes {
  launchAt: number;
  startAt: number;
  /** Publishing (or holding, or receiving to the limit) ended. */
  endAt: number;
  lastReceiveAt: number;
  interrupted: boolean;
  /** CPU seconds this process (every thread) used from the start to endAt: is bench itself the bottleneck? */
  cpuS: number;
}

export class EngineFailure extends Error {}

export interface Coordination {
  /** Ctrl-C: the first stops the run (the summary still prints); a second stops waiting. */
  interrupt(): void;
  done: Promise<RunTimes>;
}

export function coordinate(cfg: BenchConfig, hosts: EngineHost[], agg: Aggregate, clock: Clock, launchAt: number, onInterval?: (iv: Interval, measured: boolean) => void): Coordination {
  let interrupted = 0;
  let stopTimer: NodeJS.Timeout | undefined;
  let abort: () => void = () => {};
  const aborted = new Promise<void>((resolve) => (abort = resolve));
  let fail: (err: Error) => void = () => {};
  const failed = new Promise<never>((_, reject) => (fail = reject));

  const waits = new Map<EngineMessage['type'], Array<Promise<EngineMessage>>>();
  const resolvers = new Map<EngineMessage['type'], Array<(m: EngineMessage) => void>>();
  for (const type of ['ready', 'published', 'done'] as const) {
    const rs: Array<(m: EngineMessage) => void> = [];
    waits.set(type, hosts.map(() => new Promise<EngineMessage>((r) => rs.push(r))));
    resolvers.set(type, rs);
  }
  hosts.forEach((host, i) => {
    host.onMessage((m) => {
      if (m.type === 'interval') {
        const measured = m.interval.t >= agg.measureFrom;
        agg.add(m.interval, measured);
        onInterval?.(m.interval, measured);
      }
      else if (m.type === 'failed') fail(new EngineFailure(m.message));
      else resolvers.get(m.type)?.[i]?.(m);
    });
  });
  const all = <T extends EngineMessage['type']>(type: T) => Promise.race([Promise.all(waits.get(type)!), failed]) as Promise<Array<Extract<EngineMessage, { type: T }>>>;
  const stopAll = (): void => hosts.forEach((h) => h.send({ type: 'stop' }));

  const run = async (): Promise<RunTimes> => {
    await Promise.race([all('ready'), aborted]);
    // Start on a whole second after launch, so every interval is one second of the run.
    const startAt = launchAt + Math.ceil((clock() - launchAt) / 1000) * 1000;
    agg.measureFrom = (startAt - launchAt) / 1000 + Math.ceil(cfg.warmupMs / 1000);
    // process.cpuUsage() is the whole process's (getrusage), worker threads included.
    const cpu0 = process.cpuUsage();
    if (interrupted === 0) {
      hosts.forEach((h) => h.send({ type: 'start', startAt }));
      if (Number.isFinite(cfg.durationMs)) stopTimer = setTimeout(stopAll, startAt + cfg.durationMs - clock());
    }
    const published = await Promise.race([all('published'), aborted.then(() => [])]);
    const endAt = clock();
    const cpu = process.cpuUsage(cpu0);
    clearTimeout(stopTimer);
    const sent = published.flatMap((m) => m.sent);
    hosts.forEach((h) => h.send({ type: 'drain', sent, timeoutMs: interrupted ? 0 : DRAIN_TIMEOUT_MS }));
    const done = await Promise.race([all('done'), aborted.then(() => [])]);
    for (const d of done) {
      agg.addSequence(d.sequence);
      agg.addClients(d.clients);
    }
    const lastReceiveAt = Math.max(0, ...done.map((d) => d.lastReceiveAt));
    return { launchAt, startAt, endAt, lastReceiveAt, interrupted: interrupted > 0, cpuS: (cpu.user + cpu.system) / 1e6 };
  };

  return {
    interrupt: () => {
      interrupted++;
      if (interrupted === 1) stopAll();
      else abort();
    },
    done: run().finally(() => clearTimeout(stopTimer)),
  };
}
