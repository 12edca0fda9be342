// Where engines run: in this thread (--workers 1: no copying, nothing to start) or one
// per worker thread. Either way the coordinator sees the same EngineHost.
import { Worker } from 'node:worker_threads';
import type { Dial } from '../../client/link.js';
import type { ParsedArgs } from '../../options/spec.js';
import { createClock } from './clock.js';
import type { BenchConfig } from './config.js';
import { Engine } from './engine.js';
import type { CoordinatorMessage, EngineMessage } from './messages.js';
import { BENCH_WORKER_ARG } from './worker-arg.js';

export interface EngineHost {
  send(msg: CoordinatorMessage): void;
  onMessage(handler: (msg: EngineMessage) => void): void;
  close(): Promise<void>;
}

/** What a worker thread gets: the parsed argv (plain data) rather than the config built from it. */
export interface WorkerData {
  mqtkBenchWorker: true;
  args: ParsedArgs;
  pid: number;
  worker: number;
  workers: number;
  launchAt: number;
  epochOffset: number;
}

const describe = (err: unknown): string => (err instanceof Error ? err.message : String(err));

export function createLocalHost(cfg: BenchConfig, launchAt: number, epochOffset: number, dial?: Dial): EngineHost {
  const handlers: Array<(m: EngineMessage) => void> = [];
  // Posted asynchronously, as from a worker: no handler runs inside the engine's call stack.
  const post = (m: EngineMessage): void => queueMicrotask(() => handlers.forEach((h) => h(m)));
  const engine = new Engine({ cfg, worker: 0, workers: 1, launchAt, clock: createClock(epochOffset), post, ...(dial ? { dial } : {}) });
  engine.prepare().catch((err: unknown) => post({ type: 'failed', message: describe(err) }));
  return {
    send: (msg) => engine.handle(msg),
    onMessage: (h) => void handlers.push(h),
    close: async () => {},
  };
}

/** `entry`: the script that, run in a worker with this workerData, calls runWorker(). */
export function createWorkerHost(entry: string, data: WorkerData): EngineHost {
  const worker = new Worker(entry, { workerData: data, argv: [BENCH_WORKER_ARG] });
  const handlers: Array<(m: EngineMessage) => void> = [];
  const emit = (m: EngineMessage): void => handlers.forEach((h) => h(m));
  worker.on('message', emit);
  worker.on('error', (err) => emit({ type: 'failed', message: describe(err) }));
  worker.on('exit', (code) => {
    if (code !== 0) emit({ type: 'failed', message: `worker ${data.worker} exited with ${code}` });
  });
  return {
    send: (msg) => worker.postMessage(msg),
    onMessage: (h) => void handlers.push(h),
    close: async () => {
      worker.removeAllListeners('exit');
      await worker.terminate();
    },
  };
}
