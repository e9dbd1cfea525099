/**
 * The lock a ROLE=all hub's two threads take around their SQLite connections: real threads, a shared
 * count updated read-wait-write inside it. Without exclusion the threads overwrite each other's additions.
 */
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { startTsWorker } from '../../../core/runtime/ts-worker.ts';
import { ThreadsLock } from '../../../core/storage/threads-lock.ts';
import { addInsideLock } from './fixtures/threads-lock-rounds.ts';

const ROUNDS = 2_000;

describe('ThreadsLock', () => {
  it('lets one thread at a time in, so no addition of either thread is lost', async () => {
    const lockBuffer = ThreadsLock.createBuffer();
    const countBuffer = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
    const worker = startTsWorker(new URL('./fixtures/threads-lock-worker.ts', import.meta.url), { lockBuffer, countBuffer, rounds: ROUNDS });
    try {
      await once(worker, 'message'); // ready
      const workerDone = once(worker, 'message');
      worker.postMessage('go');
      await addInsideLock(new ThreadsLock(lockBuffer), new Int32Array(countBuffer), ROUNDS);
      await workerDone;
      expect(Atomics.load(new Int32Array(countBuffer), 0)).toBe(2 * ROUNDS);
    } finally {
      await worker.terminate();
    }
  });

  it('is free again once released, and taken while held', async () => {
    const lock = new ThreadsLock(ThreadsLock.createBuffer());
    await lock.acquire();
    let second = false;
    const waiting = lock.acquire().then(() => (second = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(second).toBe(false);
    lock.release();
    await waiting;
    expect(second).toBe(true);
    lock.release();
  });
});
