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

/**
 * An engine's messages to its handlers, kept until the first handler is attached: an
 * engine may be ready before the coordinator listens (the --report link connects in
 * between), and a lost 'ready' would leave the run waiting forever.
 */
function mailbox(): { emit(m: EngineMessage): void; onMessage(h: (m: EngineMessage) => void): void } {
  const handlers: Array<(m: EngineMessage) => void> = [];
  const kept: EngineMessage[] = [];
  return {
    emit: (m) => {
      if (handlers.length === 0) kept.push(m);
      else handlers.forEach((h) => h(m));
    },
    onMessage: (h) => {
      handlers.push(h);
      if (handlers.length === 1) for (const m of kept.splice(0)) h(m);
    },
  };
}

export function createLocalHost(cfg: BenchConfig, launchAt: number, epochOffset: number, dial?: Dial): EngineHost {
  const box = mailbox();
  // Posted asynchronously, as from a worker: no handler runs inside the engine's call stack.
  const post = (m: EngineMessage): void => queueMicrotask(() => box.emit(m));
  const engine = new Engine({ cfg, worker: 0, workers: 1, launchAt, clock: createClock(epochOffset), post, ...(dial ? { dial } : {}) });
  engine.prepare().catch((err: unknown) => post({ type: 'failed', message: describe(err) }));
  return {
    send: (msg) => engine.handle(msg),
    onMessage: box.onMessage,
    close: async () => {},
  };
}

/** `entry`: the script that, run in a worker with this workerData, calls runWorker(). */
export function createWorkerHost(entry: string, data: WorkerData): EngineHost {
  const worker = new Worker(entry, { workerData: data, argv: [BENCH_WORKER_ARG] });
  const box = mailbox();
  const emit = box.emit;
  worker.on('message', emit);
  worker.on('error', (err) => emit({ type: 'failed', message: describe(err) }));
  worker.on('exit', (code) => {
    if (code !== 0) emit({ type: 'failed', message: `worker ${data.worker} exited with ${code}` });
  });
  return {
    send: (msg) => worker.postMessage(msg),
    onMessage: box.onMessage,
    close: async () => {
      worker.removeAllListeners('exit');
      await worker.terminate();
    },
  };
}
