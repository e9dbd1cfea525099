/**
 * BullMQ only: a worker process killed while its job is active must not lose the job. Another worker picks
 * it up after the lock expires and runs it to completion exactly once; past maxStalledCount it is given up.
 */
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { killAllGroups, spawnInGroup, stopGroup } from '../../support/process-groups.ts';
import type { JobQueue, RunningWorker } from '../../../core/queue/job-queue.ts';
import { sleep, waitFor } from './contract.ts';
import { deleteRedisKeys, freshNames, makePostgresQueue, makeRedisQueue, obliteratePostgresQueue } from './bullmq-test-env.ts';

const FIXTURE = fileURLToPath(new URL('./fixtures/hanging-worker.ts', import.meta.url));

type Backend = 'redis' | 'postgres';

/**
 * Starts the fixture worker and resolves once it has taken `messageId`'s job. The child hangs for ever by
 * design, so it runs in a process group that afterAll ends even when this start fails half-way.
 */
async function startHangingWorker(backend: Backend, names: { prefix: string; queueName: string }, messageId: string) {
  const child = spawnInGroup(process.execPath, ['--import', 'tsx', FIXTURE], {
    env: { ...process.env, QUEUE_BACKEND: backend, QUEUE_PREFIX: names.prefix, QUEUE_NAME: names.queueName },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  // A process start on a loaded 2-core machine: generous.
  await waitFor('the child worker to take the job', () => output.includes(`started ${messageId}`), 120_000);
  return child;
}

const kill = (child: ChildProcess) => stopGroup(child, 'SIGKILL');

afterAll(killAllGroups);

describe.each<Backend>(['redis', 'postgres'])('BullMQ stalled job on %s', (backend) => {
  let names = freshNames();
  let queue: JobQueue | undefined;
  let children: ChildProcess[] = [];
  let workers: RunningWorker[] = [];

  const open = (maxStalledCount?: number) => {
    names = freshNames();
    const extra = maxStalledCount === undefined ? {} : { maxStalledCount };
    queue = backend === 'redis' ? makeRedisQueue(names, extra) : makePostgresQueue(names, extra);
    return queue;
  };

  afterEach(async () => {
    await Promise.all(children.map(kill));
    await Promise.all(workers.map((worker) => worker.close()));
    await queue?.close();
    await (backend === 'redis' ? deleteRedisKeys(names.prefix) : obliteratePostgresQueue(names.queueName));
    children = [];
    workers = [];
    queue = undefined;
  });

  it('re-runs the job of a killed worker on another worker, exactly once', async () => {
    const q = open();
    await q.add('answer', { messageId: 'm1' }, { jobId: 'answer:m1' });
    const child = await startHangingWorker(backend, names, 'm1');
    children.push(child);
    await kill(child);
    const killedAt = Date.now();

    const attempts: number[] = [];
    const giveUps: string[] = [];
    const work = async (_data: { messageId: string }, meta: { attempt: number }) => {
      attempts.push(meta.attempt);
    };
    workers.push(q.work({ answer: work, deliver: work, pull: async () => {} }, { onGiveUp: async (_name, _data, error) => void giveUps.push(error.message) }));
    await waitFor('the job to be re-run', () => attempts.length === 1, 60_000);
    const recoveredAfterMs = Date.now() - killedAt;
    console.log('RECOVERED_AFTER_MS', backend, recoveredAfterMs);
    await sleep(1500); // past another stall check: a second run would show up here
    expect(attempts).toEqual([1]);
    expect(giveUps).toEqual([]);
    // lockDurationMs 1000 + up to two stalledIntervalMs 500 checks, plus the noise of a loaded machine: far
    // below the 30 s it would take were the test's stall settings ignored.
    expect(recoveredAfterMs).toBeLessThan(15_000);
  });

  it('gives a job up through onGiveUp once its worker has died more than maxStalledCount times', async () => {
    const q = open(0);
    await q.add('deliver', { messageId: 'm1' }, { jobId: 'deliver:m1' });
    const child = await startHangingWorker(backend, names, 'm1');
    children.push(child);
    await kill(child);

    let runs = 0;
    const giveUps: Array<{ messageId: string; message: string }> = [];
    const work = async () => void (runs += 1);
    workers.push(
      q.work({ answer: work, deliver: work, pull: async () => {} }, { onGiveUp: async (_name, data, error) => void giveUps.push({ messageId: 'messageId' in data ? data.messageId : '', message: error.message }) }),
    );
    await waitFor('onGiveUp', () => giveUps.length === 1, 60_000);
    await sleep(300);
    expect(runs).toBe(0);
    expect(giveUps).toEqual([{ messageId: 'm1', message: expect.stringContaining('interrupted 1 times') }]);
  });
});
