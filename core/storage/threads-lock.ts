/**
 * A lock shared by the threads of one process (a ROLE=all hub's main and worker threads), through a
 * SharedArrayBuffer both were given. SQLite lets one connection write at a time and makes the others retry
 * on a sleep schedule (1, 2, 5, 10 … ms): a webhook's insert that met the worker thread's write waited
 * 3–20 ms for a lock freed after a fraction of one. Here a waiter is woken the moment the lock is given
 * back, and waits without blocking its thread (Atomics.waitAsync), so the thread serves other requests.
 */
export class ThreadsLock {
  readonly #cell: Int32Array;

  /** A new lock's memory, to hand to every thread that takes part (workerData copies share it). */
  static createBuffer(): SharedArrayBuffer {
    return new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
  }

  constructor(buffer: SharedArrayBuffer) {
    this.#cell = new Int32Array(buffer, 0, 1);
  }

  async acquire(): Promise<void> {
    while (Atomics.compareExchange(this.#cell, 0, FREE, HELD) !== FREE) {
      const waiting = (Atomics as AtomicsWithWaitAsync).waitAsync(this.#cell, 0, HELD);
      if (!waiting.async) continue;
      // A pending waitAsync does not keep a thread's event loop alive: with nothing else to do, the thread
      // would exit mid-wait. A timer holds it open until the lock is ours.
      const keepAlive = setInterval(() => {}, 60_000);
      try {
        await waiting.value;
      } finally {
        clearInterval(keepAlive);
      }
    }
  }

  release(): void {
    Atomics.store(this.#cell, 0, FREE);
    Atomics.notify(this.#cell, 0);
  }
}

const FREE = 0;
const HELD = 1;

/** In Node since 16 (V8 8.7); TypeScript declares it only from lib es2024. */
type AtomicsWithWaitAsync = typeof Atomics & {
  waitAsync(cell: Int32Array, index: number, value: number): { async: false; value: 'not-equal' | 'timed-out' } | { async: true; value: Promise<'ok' | 'timed-out'> };
};
