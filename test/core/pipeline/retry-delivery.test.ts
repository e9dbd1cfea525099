import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHttpChannelAdapter, httpChannelSettingsSchema } from '../../../adapters/http/index.ts';
import { wireInbox, type WiredInbox } from '../../../core/channel-adapter.ts';
import { StateConflictError } from '../../../core/errors.ts';
import { deliverMessage, markFailed } from '../../../core/pipeline/deliver-message.ts';
import { retryFailedDelivery } from '../../../core/pipeline/retry-delivery.ts';
import { createInProcessQueue } from '../../../core/queue/in-process-queue.ts';
import type { JobQueue, RunningWorker } from '../../../core/queue/job-queue.ts';
import { recordInboundMessage } from '../../../core/storage/inbound-messages.ts';
import { startHttpCallbackReceiver, type HttpCallbackReceiver } from '../../loopback/http-callback-receiver.ts';
import { eventually, HTTP_OUTBOUND_SECRET, sleep } from '../../support/hub-stacks.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.ts';

const logger = pino({ level: 'silent' });
/** Three quick attempts stand in for the day-long schedule of production (DELIVERY_RETRY_SCHEDULE). */
const SHORT_DELIVERY_SCHEDULE = { attempts: 3, backoffMs: 10, maxBackoffMs: 10 };

for (const provider of ['sqlite', 'postgresql'] as const) {
  describe(`retrying a given-up delivery, on ${provider}`, () => {
    let testDb: TestDatabase;
    let receiver: HttpCallbackReceiver;
    let queue: JobQueue;
    let workers: RunningWorker[];
    let inboxesById: Map<string, WiredInbox>;
    let replyId: string;
    let incomingId: string;

    beforeEach(async () => {
      testDb = await createTestDatabase(provider);
      receiver = await startHttpCallbackReceiver({ outboundSecret: HTTP_OUTBOUND_SECRET });
      queue = createInProcessQueue({ logger });
      workers = [];
      const db = testDb.database.prisma;
      const inbox = await db.inbox.create({ data: { key: 'web', channel: 'http', name: 'Web' } });
      const settings = httpChannelSettingsSchema.parse({ inboundSecret: 'in-secret-0123456789', outboundSecret: HTTP_OUTBOUND_SECRET, callbackUrl: receiver.url });
      inboxesById = new Map([[inbox.id, wireInbox(createHttpChannelAdapter(), { id: inbox.id, key: inbox.key, name: inbox.name, settings })]]);
      const reference = { channel: 'http' as const, inboxId: inbox.id, externalConversationId: 'web-42', externalUserId: 'visitor-7' };
      const inbound = { reference, from: { externalUserId: 'visitor-7' }, externalMessageId: 'm-1', text: 'where is my order?', attachments: [], sentAt: new Date() };
      const recorded = await recordInboundMessage(testDb.database.direct, inbox.id, inbound, new Date());
      incomingId = recorded.messageId;
      const reply = await db.message.create({
        data: { conversationId: recorded.conversationId, inboxId: inbox.id, direction: 'outgoing', author: 'bot', text: 'On its way.', status: 'queued', inReplyToId: incomingId },
      });
      replyId = reply.id;
    });

    afterEach(async () => {
      await Promise.all(workers.map((worker) => worker.close()));
      await queue?.close();
      await receiver?.close();
      await testDb?.drop();
    });

    /** A worker as the hub runs it: the real deliver job, its give-up recorded on the message. */
    const startWorker = () => {
      const db = testDb.database.prisma;
      workers.push(
        queue.work(
          { answer: async () => {}, deliver: (data) => deliverMessage({ db, direct: testDb.database.direct, logger, inboxesById }, data.messageId), pull: async () => {} },
          { retry: { deliver: SHORT_DELIVERY_SCHEDULE }, onGiveUp: async (name, data, error) => void (name === 'deliver' && 'messageId' in data && (await markFailed(db, data.messageId, error.message))) },
        ),
      );
    };
    const reply = () => testDb.database.prisma.message.findUniqueOrThrow({ where: { id: replyId } });

    it('keeps a delivery given up after an outage failed with its reason, and sends it once when retried', async () => {
      receiver.respondNext(SHORT_DELIVERY_SCHEDULE.attempts, { status: 503 });
      startWorker();
      await queue.add('deliver', { messageId: replyId }, { jobId: `deliver:${replyId}` });
      const failed = await eventually(async () => ((await reply()).status === 'failed' ? reply() : undefined), 30_000, 'the delivery to be given up');
      expect(failed).toMatchObject({ status: 'failed', attempts: 3 });
      expect(failed.failureReason).toMatch(/503/);
      await Promise.all(workers.splice(0).map((worker) => worker.close()));

      // Twice, as two clicks: the second changes nothing.
      expect(await retryFailedDelivery(testDb.database.prisma, queue, replyId)).toBe('requeued');
      expect(await retryFailedDelivery(testDb.database.prisma, queue, replyId)).toBe('already_queued');
      expect(await reply()).toMatchObject({ status: 'queued', attempts: 0, failureReason: null });

      startWorker(); // the customer's server is back
      await eventually(async () => (await reply()).status === 'sent', 30_000, 'the retried delivery');
      await sleep(200);
      expect(receiver.received).toHaveLength(SHORT_DELIVERY_SCHEDULE.attempts + 1);
      const ids = receiver.received.map((callback) => (callback.body as { message: { id: string } }).message.id);
      expect(new Set(ids)).toEqual(new Set([replyId])); // the same id every time, so the server can drop repeats
      expect(await reply()).toMatchObject({ status: 'sent', attempts: 1, failureReason: null });
    });

    it('refuses a sent reply, a customer message and an unknown id, changing nothing', async () => {
      const db = testDb.database.prisma;
      await db.message.update({ where: { id: replyId }, data: { status: 'sent' } });
      await expect(retryFailedDelivery(db, queue, replyId)).rejects.toThrow(StateConflictError);
      await expect(retryFailedDelivery(db, queue, incomingId)).rejects.toThrow(StateConflictError);
      await expect(retryFailedDelivery(db, queue, 'no-such-message')).rejects.toThrow(StateConflictError);
      expect(await reply()).toMatchObject({ status: 'sent' });
      startWorker();
      await sleep(200);
      expect(receiver.received).toHaveLength(0);
    });
  });
}
