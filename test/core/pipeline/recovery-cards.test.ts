import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { requeueUnfinished } from '../../../core/pipeline/recovery.ts';
import { notifyJobs } from '../../../core/handoff/notify-jobs.ts';
import { createInProcessQueue } from '../../../core/queue/in-process-queue.ts';
import { PermanentJobError, type JobPayloads, type JobQueue, type RunningWorker } from '../../../core/queue/job-queue.ts';
import { recordInboundMessage } from '../../../core/storage/inbound-messages.ts';
import { eventually, sleep } from '../../support/hub-stacks.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.ts';

const logger = pino({ level: 'silent' });
const NOW = new Date('2026-12-01T10:00:00Z');
const minutesAgo = (n: number) => new Date(NOW.getTime() - n * 60_000);
const SLACK_REF = '{"slack":{"channel":"C1","ts":"1.2"}}';

// Issue 19: the recovery sweep re-queues lost `notify` work, an escalation whose card was never posted.
describe('the recovery sweep and escalation cards', () => {
  let testDb: TestDatabase;
  let queue: JobQueue;
  let worker: RunningWorker | undefined;
  let notified: Array<JobPayloads['notify']>;
  let conversationId: string;

  beforeEach(async () => {
    testDb = await createTestDatabase('sqlite');
    queue = createInProcessQueue({ logger });
    notified = [];
    const db = testDb.database.prisma;
    const inbox = await db.inbox.create({ data: { key: 'web', channel: 'http', name: 'Web' } });
    const reference = { channel: 'http' as const, inboxId: inbox.id, externalConversationId: 'web-1', externalUserId: 'v-1' };
    const recorded = await recordInboundMessage(testDb.database.direct, inbox.id, { reference, from: { externalUserId: 'v-1' }, externalMessageId: 'm-1', text: '转人工', attachments: [], sentAt: NOW }, NOW);
    await db.message.update({ where: { id: recorded.messageId }, data: { status: 'answered' } });
    conversationId = recorded.conversationId;
  });
  afterEach(async () => {
    await worker?.close();
    await queue?.close();
    await testDb?.drop();
  });

  const escalation = (id: string, status: string, createdAt: Date, externalRef: string | null) =>
    testDb.database.prisma.escalation.create({ data: { id, conversationId, reason: 'customer_asked', tier: 'human', status, createdAt, externalRef } });
  const work = (notify: (data: JobPayloads['notify']) => Promise<void>) => {
    worker = queue.work({ answer: async () => {}, deliver: async () => {}, pull: async () => {}, notify }, { retry: { notify: { attempts: 1 } } });
  };
  const sweep = (deskKinds: Array<'slack' | 'wecom'>) => requeueUnfinished({ db: testDb.database.prisma, queue, logger }, { olderThanMs: 60_000, now: NOW, deskKinds });

  it('queues the card again for open escalations older than a minute missing a configured desk\'s card, and nothing else', async () => {
    await escalation('no-card', 'open', minutesAgo(5), null);
    await escalation('slack-only', 'open', minutesAgo(5), SLACK_REF);
    await escalation('both', 'open', minutesAgo(5), '{"slack":{"channel":"C1","ts":"1.3"},"wecom":{"number":"3","target":"robot"}}');
    await escalation('young', 'open', new Date(NOW.getTime() - 30_000), null);
    await escalation('claimed', 'claimed', minutesAgo(5), null);
    await escalation('garbled', 'open', minutesAgo(5), 'not json');
    work(async (data) => void notified.push(data));
    expect(await sweep(['slack', 'wecom'])).toBe(3);
    await eventually(() => notified.length >= 3, undefined, 'the card jobs');
    await sleep(50);
    expect(notified.map((n) => `${n.kind}:${n.escalationId}`).sort()).toEqual(['card:garbled', 'card:no-card', 'card:slack-only']);
  });

  it('counts only the desks configured, and none without desks', async () => {
    await escalation('slack-only', 'open', minutesAgo(5), SLACK_REF);
    await escalation('no-card', 'open', minutesAgo(5), null);
    work(async (data) => void notified.push(data));
    expect(await sweep(['slack'])).toBe(1);
    expect(await sweep([])).toBe(0);
    await eventually(() => notified.length >= 1, undefined, 'the card job');
    await sleep(50);
    expect(notified.map((n) => n.escalationId)).toEqual(['no-card']);
  });

  it('runs a card job that had given up (a long desk outage) again', async () => {
    await escalation('no-card', 'open', minutesAgo(5), null);
    let failing = true;
    work(async (data) => {
      notified.push(data);
      if (failing) throw new PermanentJobError('desk down');
    });
    await notifyJobs.card(queue, 'no-card');
    await eventually(() => notified.length === 1, undefined, 'the first, failed attempt');
    await sleep(50);
    failing = false;
    await sweep(['slack']);
    await eventually(() => notified.length === 2, undefined, 'the card job run again');
    expect(notified.every((n) => n.kind === 'card' && n.escalationId === 'no-card')).toBe(true);
  });
});
