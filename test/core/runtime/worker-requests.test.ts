import { describe, expect, it } from 'vitest';
import { startTsWorker } from '../../../core/runtime/ts-worker.ts';
import { WorkerRequests } from '../../../core/runtime/worker-requests.ts';

type Request = { kind: 'double'; value: number } | { kind: 'throw' } | { kind: 'exit' };
const start = () => new WorkerRequests<Request, number>(startTsWorker(new URL('./fixtures/doubling-worker.ts', import.meta.url)), 'doubling');

describe('WorkerRequests', () => {
  it('matches each reply to its request, and turns a thrown error into that request’s rejection', async () => {
    const worker = start();
    const results = await Promise.all([1, 2, 3].map((value) => worker.send({ kind: 'double', value })));
    expect(results).toEqual([2, 4, 6]);
    await expect(worker.send({ kind: 'throw' })).rejects.toThrow('doubling: cannot double that');
    expect(await worker.send({ kind: 'double', value: 5 })).toBe(10);
    await worker.terminate();
  });

  it('fails the requests a dying worker held, and refuses new ones', async () => {
    const worker = start();
    await expect(worker.send({ kind: 'exit' })).rejects.toThrow('doubling worker exited (code 3)');
    expect(worker.alive).toBe(false);
    await expect(worker.send({ kind: 'double', value: 1 })).rejects.toThrow('doubling worker has stopped');
  });

  it('when retired, answers what it holds and then stops', async () => {
    const worker = start();
    const held = worker.send({ kind: 'double', value: 21 });
    worker.retire();
    expect(await held).toBe(42);
    await expect.poll(() => worker.alive).toBe(false);
  });
});
