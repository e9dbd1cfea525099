/**
 * Escalation numbers ("#N" that agents type in text-only desks) are unique and handed out in order, even
 * when escalations are made at the same moment in separate transactions, as answer jobs on several workers
 * do. max(number) + 1 gave two of them the same number on PostgreSQL; the loser's job had to run again.
 */
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConversationService, type ConversationService } from '../../../core/conversation/service.ts';
import { createInProcessQueue } from '../../../core/queue/in-process-queue.ts';
import type { JobQueue } from '../../../core/queue/job-queue.ts';
import { DATABASE_PROVIDERS } from '../../../core/storage/driver-adapter.ts';
import { recordInboundMessage } from '../../../core/storage/inbound-messages.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.ts';

const CONCURRENT = 20;
const request = { reason: 'customer_asked', tier: 'human' as const, suggestions: [], actor: 'bot' };

for (const provider of DATABASE_PROVIDERS) {
  describe(`escalation numbers on ${provider}`, () => {
    let testDb: TestDatabase;
    let queue: JobQueue;
    let service: ConversationService;

    beforeEach(async () => {
      testDb = await createTestDatabase(provider);
      queue = createInProcessQueue();
      service = createConversationService({ db: testDb.database.prisma, queue, logger: pino({ level: 'silent' }) });
    });
    afterEach(async () => {
      await queue?.close();
      await testDb?.drop();
    });

    /** `count` conversations of one inbox, each with a customer message. */
    async function conversations(count: number, first = 0): Promise<string[]> {
      const db = testDb.database.prisma;
      const inbox = (await db.inbox.findFirst()) ?? (await db.inbox.create({ data: { key: 'http', channel: 'http', name: 'test' } }));
      const ids: string[] = [];
      for (let n = first; n < first + count; n++) {
        const recorded = await recordInboundMessage(testDb.database.direct, inbox.id, {
          reference: { channel: 'http', inboxId: inbox.id, externalConversationId: `c-${n}`, externalUserId: `u-${n}` },
          from: { externalUserId: `u-${n}` }, externalMessageId: `m-${n}`, text: 'a person, please', attachments: [], sentAt: new Date(),
        }, new Date());
        ids.push(recorded.conversationId);
      }
      return ids;
    }

    const numbers = async () => (await testDb.database.prisma.escalation.findMany({ select: { number: true } })).map((row) => row.number).sort((a, b) => a! - b!);

    it(`gives ${CONCURRENT} escalations made at once in their own transactions ${CONCURRENT} distinct numbers, 1 to ${CONCURRENT}`, async () => {
      const ids = await conversations(CONCURRENT);
      // Each in the caller's transaction, as the answer job does: no retry inside escalate() can hide a collision.
      const results = await Promise.allSettled(ids.map((id) => testDb.database.prisma.$transaction((tx) => service.escalate(id, request, tx))));
      expect(results.filter((result) => result.status === 'rejected')).toEqual([]);
      expect(await numbers()).toEqual(Array.from({ length: CONCURRENT }, (_, n) => n + 1));
    });

    it('goes on from the highest number stored when the counter row is missing', async () => {
      const [first, second] = await conversations(2);
      await service.escalate(first!, request);
      await testDb.database.prisma.sequence.deleteMany();
      await service.escalate(second!, request);
      expect(await numbers()).toEqual([1, 2]);
    });
  });
}
