// How main.ts knows it runs in a bench worker thread without loading node:worker_threads
// (that module and the four internal ones it pulls in cost ~3 ms of every mqtk start):
// the worker is started with this one extra argv entry (Worker's `argv` option).
export const BENCH_WORKER_ARG = '--mqtk-bench-worker';
