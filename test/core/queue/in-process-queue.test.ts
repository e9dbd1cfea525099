import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createInProcessQueue } from '../../../core/queue/in-process-queue.ts';
import { describeJobQueueContract, sleep, waitFor } from './contract.ts';

const quietLogger = pino({ level: 'warn' });

describeJobQueueContract('in-process', () => createInProcessQueue({ logger: quietLogger }));

describe('in-process queue, beyond the contract', () => {
  it('forgets finished job ids beyond the kept count and age, so memory stays bounded', async () => {
    let now = 1_000_000;
    const queue = createInProcessQueue({ keepFinished: { ageMs: 60_000, count: 2 }, logger: quietLogger, now: () => now });
    const runs: string[] = [];
    const record = async (data: { messageId: string }) => void runs.push(data.messageId);
    const worker = queue.work({ answer: record, deliver: record, pull: async () => {} }, { concurrency: 1 });
    // A deduplicated add schedules nothing, so a short pause is enough to see that it did not run.
    const add = async (messageId: string, expectRun: boolean) => {
      const before = runs.length;
      await queue.add('answer', { messageId }, { jobId: `answer:${messageId}` });
      if (expectRun) await waitFor(`${messageId} to run`, () => runs.length > before, 1000);
      else await sleep(20);
    };
    for (const id of ['a', 'b', 'c']) await add(id, true);
    await add('a', true); // count 2: 'a' was forgotten when 'c' finished
    await add('c', false); // still remembered
    now += 60_001;
    await add('c', true); // now too old
    await worker.close();
    await queue.close();
    expect(runs).toEqual(['a', 'b', 'c', 'a', 'c']);
  });

  it('refuses jobs after close', async () => {
    const queue = createInProcessQueue({ logger: quietLogger });
    await queue.close();
    await expect(queue.add('answer', { messageId: 'm' }, { jobId: 'answer:m' })).rejects.toThrow(/closed/);
  });

  it('does not keep the process alive for delayed jobs or pending retries', async () => {
    const fixture = fileURLToPath(new URL('./fixtures/idle-in-process-queue.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', fixture], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exitCode = await new Promise<number | null>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error('the process with a one-minute delayed job did not exit by itself within 10 s'));
      }, 10_000);
      child.once('exit', (code) => {
        clearTimeout(timer);
        resolve(code);
      });
    });
    expect(output).toContain('waiting on timers');
    expect(exitCode).toBe(0);
  });
});
