/**
 * The behaviour every JobQueue must have, run against each implementation (BullMQ on Redis, BullMQ on
 * PostgreSQL, in-process). Backoffs are tens of milliseconds so the whole suite stays quick.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  PermanentJobError,
  RetryLaterError,
  type JobHandlers,
  type JobName,
  type JobPayloads,
  type JobQueue,
  type RunningWorker,
  type WorkerOptions,
} from '../../../core/queue/job-queue.ts';

export interface ContractOptions {
  /** Runs after every test's workers and queue are closed, e.g. to delete the test's Redis keys. */
  teardown?: () => Promise<void>;
}

interface Run {
  name: JobName;
  messageId: string;
  attempt: number;
  jobId: string;
  startedAt: number;
}

interface GiveUp {
  name: JobName;
  data: JobPayloads[JobName];
  error: Error;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls until `condition` holds; fails the test with `what` after `timeoutMs` (generous: a loaded CI machine). */
export async function waitFor(what: string, condition: () => boolean, timeoutMs = 20_000, poll?: () => Promise<void>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  await poll?.();
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(5);
    await poll?.();
  }
}

// Timers may fire a millisecond early relative to Date.now(); delays are checked to within this.
const TIMER_SLACK_MS = 5;

export function describeJobQueueContract(name: string, makeQueue: () => JobQueue, options: ContractOptions = {}): void {
  describe(`JobQueue contract: ${name}`, () => {
    let queue: JobQueue | undefined;
    let workers: RunningWorker[] = [];
    let runs: Run[] = [];
    let giveUps: GiveUp[] = [];

    /** A fresh queue for this test; closed in afterEach. */
    const open = () => {
      queue = makeQueue();
      return queue;
    };

    /** Starts a worker whose handlers both run `body` and record each run. */
    const work = (q: JobQueue, body: (run: Run) => Promise<void>, workerOptions: WorkerOptions = {}) => {
      const handle =
        (jobName: JobName) =>
        async (data: { messageId: string }, meta: { attempt: number; jobId: string }) => {
          const run = { name: jobName, messageId: data.messageId, ...meta, startedAt: Date.now() };
          runs.push(run);
          await body(run);
        };
      const handlers: JobHandlers = { answer: handle('answer'), deliver: handle('deliver'), pull: async () => {} };
      const worker = q.work(handlers, {
        backoffMs: 20,
        ...workerOptions,
        onGiveUp: async (jobName, data, error) => {
          giveUps.push({ name: jobName, data, error });
        },
      });
      workers.push(worker);
      return worker;
    };
    const runsOf = (messageId: string) => runs.filter((run) => run.messageId === messageId);

    afterEach(async () => {
      await Promise.all(workers.map((worker) => worker.close()));
      await queue?.close();
      await options.teardown?.();
      workers = [];
      runs = [];
      giveUps = [];
      queue = undefined;
    });

    it('runs a job once, with its data, on the handler of its name', async () => {
      const q = open();
      await q.add('deliver', { messageId: 'm1' }, { jobId: 'deliver:m1' });
      work(q, async () => {});
      await waitFor('the job to run', () => runs.length === 1);
      await sleep(100);
      expect(runs).toEqual([expect.objectContaining({ name: 'deliver', messageId: 'm1', attempt: 1, jobId: 'deliver:m1' })]);
    });

    it('runs a duplicate jobId once, whether pending or completed', async () => {
      const q = open();
      await q.add('answer', { messageId: 'm1' }, { jobId: 'answer:m1' });
      await q.add('answer', { messageId: 'm1-again' }, { jobId: 'answer:m1' });
      work(q, async () => {}, { concurrency: 1 });
      await waitFor('the first job', () => runs.length === 1);
      await sleep(50);
      await q.add('answer', { messageId: 'm1-retried-webhook' }, { jobId: 'answer:m1' });
      // With one slot jobs run in order, so once m2 has run the duplicate would have run too.
      await q.add('answer', { messageId: 'm2' }, { jobId: 'answer:m2' });
      await waitFor('the job added after the duplicate', () => runsOf('m2').length === 1);
      expect(runs.map((run) => run.messageId)).toEqual(['m1', 'm2']);
    });

    it('runs no more jobs at once than the concurrency, and uses all of it', async () => {
      const q = open();
      let inFlight = 0;
      let maxInFlight = 0;
      for (let i = 0; i < 7; i += 1) await q.add('answer', { messageId: `m${i}` }, { jobId: `answer:m${i}` });
      const done = new Set<string>();
      work(
        q,
        async (run) => {
          inFlight += 1;
          maxInFlight = Math.max(maxInFlight, inFlight);
          await sleep(150);
          inFlight -= 1;
          done.add(run.messageId);
        },
        { concurrency: 3 },
      );
      await waitFor('all seven jobs', () => done.size === 7);
      expect(maxInFlight).toBe(3);
    });

    it('retries a failing handler with doubling backoff until it succeeds', async () => {
      const q = open();
      await q.add('answer', { messageId: 'm1' }, { jobId: 'answer:m1' });
      let succeeded = false;
      work(
        q,
        async (run) => {
          if (run.attempt < 4) throw new Error(`flaky ${run.attempt}`);
          succeeded = true;
        },
        { attempts: 5, backoffMs: 60 },
      );
      await waitFor('the fourth attempt to succeed', () => succeeded);
      expect(runs.map((run) => run.attempt)).toEqual([1, 2, 3, 4]);
      const gaps = runs.slice(1).map((run, i) => run.startedAt - (runs[i] as Run).startedAt);
      // Lower bounds only: BullMQ may start a delayed job up to ~100 ms late. The third wait (4 × 60 ms)
      // is beyond what a constant 60 ms backoff plus that lateness could produce.
      expect(gaps[0]).toBeGreaterThanOrEqual(60 - TIMER_SLACK_MS);
      expect(gaps[1]).toBeGreaterThanOrEqual(120 - TIMER_SLACK_MS);
      expect(gaps[2]).toBeGreaterThanOrEqual(240 - TIMER_SLACK_MS);
      expect(giveUps).toEqual([]);
    });

    it('gives up after the last attempt and calls onGiveUp once with the last error', async () => {
      const q = open();
      await q.add('deliver', { messageId: 'm1' }, { jobId: 'deliver:m1' });
      work(q, async (run) => Promise.reject(new Error(`boom ${run.attempt}`)), { attempts: 3 });
      await waitFor('onGiveUp', () => giveUps.length === 1);
      await sleep(200);
      expect(runs.map((run) => run.attempt)).toEqual([1, 2, 3]);
      expect(giveUps).toHaveLength(1);
      expect(giveUps[0]?.name).toBe('deliver');
      expect(giveUps[0]?.data).toEqual({ messageId: 'm1' });
      expect(giveUps[0]?.error.message).toBe('boom 3');
    });

    it('follows each job kind\'s own retry schedule: attempts per kind, waits capped at maxBackoffMs', async () => {
      const q = open();
      await q.add('answer', { messageId: 'a1' }, { jobId: 'answer:a1' });
      await q.add('deliver', { messageId: 'd1' }, { jobId: 'deliver:d1' });
      // Uncapped, deliver's twelve waits would add up to 10 × (2^12 − 1) ms ≈ 41 s; capped at 10 ms, to 120 ms.
      work(q, async (run) => Promise.reject(new Error(`boom ${run.attempt}`)), {
        attempts: 2,
        retry: { deliver: { attempts: 13, backoffMs: 10, maxBackoffMs: 10 } },
      });
      await waitFor('both kinds to be given up', () => giveUps.length === 2, 20_000);
      expect(runsOf('a1').map((run) => run.attempt)).toEqual([1, 2]);
      const deliveries = runsOf('d1');
      expect(deliveries.map((run) => run.attempt)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
      const gaps = deliveries.slice(1).map((run, i) => run.startedAt - deliveries[i]!.startedAt);
      for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(10 - TIMER_SLACK_MS);
      // A bound only a cap can meet (half the uncapped sum), with many seconds to spare for a loaded machine.
      expect(deliveries.at(-1)!.startedAt - deliveries[0]!.startedAt).toBeLessThan(20_000);
      expect(giveUps.map((giveUp) => giveUp.error.message).sort()).toEqual(['boom 13', 'boom 2']);
    });

    it('runs a given-up job again once its id is forgotten, and never forgets an unfinished one', async () => {
      const q = open();
      let failing = true;
      await q.add('deliver', { messageId: 'm1' }, { jobId: 'deliver:m1' });
      await q.add('deliver', { messageId: 'later' }, { jobId: 'deliver:later', delayMs: 60_000 });
      work(q, async () => {
        if (failing) throw new PermanentJobError('callback down');
      });
      await waitFor('onGiveUp', () => giveUps.length === 1);
      expect(await q.forgetFinished('deliver:later')).toBe(false);
      expect(await q.forgetFinished('deliver:never-added')).toBe(false);
      failing = false;
      // onGiveUp runs before the queue marks the job finished (so a crash cannot skip it): poll.
      let forgotten = false;
      await waitFor('the given-up job to be forgotten', () => forgotten, 10_000, async () => void (forgotten = await q.forgetFinished('deliver:m1')));
      await q.add('deliver', { messageId: 'm1' }, { jobId: 'deliver:m1' });
      await waitFor('the second run', () => runsOf('m1').length === 2);
      await sleep(100);
      expect(giveUps).toHaveLength(1);
      expect(runsOf('later')).toEqual([]);
    });

    it('does not retry a PermanentJobError, and a duplicate add of the failed id stays a no-op', async () => {
      const q = open();
      await q.add('deliver', { messageId: 'm1' }, { jobId: 'deliver:m1' });
      work(
        q,
        async (run) => {
          if (run.messageId === 'm1') throw new PermanentJobError('blocked by the customer');
        },
        { attempts: 5, concurrency: 1 },
      );
      await waitFor('onGiveUp', () => giveUps.length === 1);
      await q.add('deliver', { messageId: 'm1' }, { jobId: 'deliver:m1' });
      await q.add('deliver', { messageId: 'm2' }, { jobId: 'deliver:m2' });
      await waitFor('the next job', () => runsOf('m2').length === 1);
      await sleep(100);
      expect(runsOf('m1')).toHaveLength(1);
      expect(giveUps).toHaveLength(1);
      expect(giveUps[0]?.error).toBeInstanceOf(PermanentJobError);
    });

    it('runs again after the delay of a RetryLaterError, without counting an attempt', async () => {
      const q = open();
      await q.add('deliver', { messageId: 'm1' }, { jobId: 'deliver:m1' });
      // attempts: 1 — were RetryLaterError counted, the first throw would already give the job up.
      work(
        q,
        async () => {
          if (runs.length === 1) throw new RetryLaterError('rate limited', 300);
        },
        { attempts: 1 },
      );
      await waitFor('the second run', () => runs.length === 2);
      const [first, second] = runs as [Run, Run];
      expect(second.startedAt - first.startedAt).toBeGreaterThanOrEqual(300 - TIMER_SLACK_MS);
      expect(second.startedAt - first.startedAt).toBeLessThan(300 + 20_000);
      expect(second.attempt).toBe(1);
      await sleep(100);
      expect(runs).toHaveLength(2);
      expect(giveUps).toEqual([]);
    });

    it('holds a job added with delayMs until the delay has passed', async () => {
      const q = open();
      work(q, async () => {});
      const addedAt = Date.now();
      await q.add('answer', { messageId: 'later' }, { jobId: 'answer:later', delayMs: 300 });
      await q.add('answer', { messageId: 'now' }, { jobId: 'answer:now' });
      await waitFor('the delayed job', () => runsOf('later').length === 1);
      const delayed = runsOf('later')[0] as Run;
      expect(delayed.startedAt - addedAt).toBeGreaterThanOrEqual(300 - TIMER_SLACK_MS);
      // Held, then run: the lower bound proves the hold; the upper one only that it was not forgotten (a busy
      // 2-core machine can take seconds to get round to it, so no tight budget and no order between the two).
      expect(delayed.startedAt - addedAt).toBeLessThan(300 + 20_000);
      expect(runsOf('now')).toHaveLength(1);
    });

    it('waits for the active job when a worker is closed', async () => {
      const q = open();
      let finished = false;
      const worker = work(q, async () => {
        await sleep(300);
        finished = true;
      });
      await q.add('answer', { messageId: 'm1' }, { jobId: 'answer:m1' });
      await waitFor('the job to start', () => runs.length === 1);
      await worker.close();
      expect(finished).toBe(true);
      expect(runs).toHaveLength(1);
    });

    it('refuses an empty jobId, which would turn dedupe off, and a negative delay', async () => {
      const q = open();
      await expect(q.add('answer', { messageId: 'm1' }, { jobId: '' })).rejects.toThrow(/jobId/);
      await expect(q.add('answer', { messageId: 'm1' }, { jobId: 'answer:m1', delayMs: -1 })).rejects.toThrow(/delayMs/);
    });

    it('runs waiting replies before waiting questions, and each kind in the order added', async () => {
      const q = open();
      for (const id of ['q1', 'q2', 'q3']) await q.add('answer', { messageId: id }, { jobId: `answer:${id}` });
      for (const id of ['r1', 'r2']) await q.add('deliver', { messageId: id }, { jobId: `deliver:${id}` });
      await sleep(100);
      work(q, async () => {}, { concurrency: 1 });
      await waitFor('all five jobs', () => runs.length === 5);
      expect(runs.map((run) => run.messageId)).toEqual(['r1', 'r2', 'q1', 'q2', 'q3']);
    });

    it('leaves jobs added before any worker waiting until one starts', async () => {
      const q = open();
      await q.add('answer', { messageId: 'early' }, { jobId: 'answer:early' });
      await sleep(100);
      expect(runs).toEqual([]);
      work(q, async () => {});
      await waitFor('the early job', () => runs.length === 1);
    });
  });
}
