// The worker-thread side of --workers: rebuild the config from the same parsed argv,
// run one engine, relay messages. Started by main.ts when it finds bench's workerData.
import { parentPort } from 'node:worker_threads';
import { createClock } from './clock.js';
import { toBenchConfig } from './config.js';
import { Engine } from './engine.js';
import type { WorkerData } from './hosts.js';
import type { CoordinatorMessage, EngineMessage } from './messages.js';

export function isBenchWorker(data: unknown): data is WorkerData {
  return typeof data === 'object' && data !== null && (data as WorkerData).mqtkBenchWorker === true;
}

export function runWorker(data: WorkerData): void {
  const port = parentPort;
  if (!port) return;
  const post = (m: EngineMessage): void => port.postMessage(m);
  try {
    const cfg = toBenchConfig(data.args, { pid: data.pid, cores: data.workers });
    const engine = new Engine({ cfg: { ...cfg, workers: data.workers }, worker: data.worker, workers: data.workers, launchAt: data.launchAt, clock: createClock(data.epochOffset), post });
    port.on('message', (m: CoordinatorMessage) => engine.handle(m));
    engine.prepare().catch((err: unknown) => post({ type: 'failed', message: err instanceof Error ? err.message : String(err) }));
  } catch (err) {
    post({ type: 'failed', message: err instanceof Error ? err.message : String(err) });
  }
}
