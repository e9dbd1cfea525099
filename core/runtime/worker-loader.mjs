// Entry of the hub's worker threads. Node 20 cannot load a .ts file as a worker's entry, and a worker does
// not inherit the parent's tsx loader, so this registers tsx and then imports the TypeScript module named
// in workerData.entry.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
