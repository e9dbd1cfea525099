/**
 * Worker threads that run a TypeScript module. Node 20 cannot take a .ts file as a worker's entry and a
 * worker does not inherit the parent's tsx loader, so every worker starts in worker-loader.mjs, which
 * registers tsx and imports the module.
 */
import { Worker } from 'node:worker_threads';

const LOADER = new URL('./worker-loader.mjs', import.meta.url);

/** Starts `entry` (a .ts module's URL) in a worker thread; `data` joins its `workerData` (structured-cloned). */
export function startTsWorker(entry: URL, data: Record<string, unknown> = {}): Worker {
  return new Worker(LOADER, { workerData: { ...data, entry: entry.href } });
}
