import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KnowledgeBase } from '../../bot/knowledge-base.ts';
import { trainMatcher } from '../../bot/matcher/index.ts';
import type { FaqTrainingEntry, TrainMatcher } from '../../bot/matcher/types.ts';
import { DATABASE_PROVIDERS } from '../../core/storage/driver-adapter.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { shopFaq } from './matcher/fixtures/shop-faq.ts';

for (const provider of DATABASE_PROVIDERS) {
  describe(`KnowledgeBase retrains when FAQs change, on ${provider}`, () => {
    let testDb: TestDatabase;
    let clock: number;
    let trainings: number;
    const countingTrain: TrainMatcher = (entries: readonly FaqTrainingEntry[]) => {
      trainings += 1;
      return trainMatcher(entries);
    };
    const open = () => new KnowledgeBase({ db: testDb.database.prisma, train: countingTrain, checkEveryMs: 1000, now: () => clock });
    const best = async (knowledge: KnowledgeBase, question: string) => (await knowledge.current()).matcher.match(question, 1).candidates[0];

    beforeEach(async () => {
      testDb = await createTestDatabase(provider);
      clock = 0;
      trainings = 0;
      await testDb.database.prisma.faq.createMany({
        data: shopFaq.map((faq) => ({ id: faq.id, question: faq.question, alternatives: faq.alternatives, answer: `answer of ${faq.id}`, category: 'shop', locale: 'en' })),
      });
    });
    afterEach(async () => {
      await testDb?.drop();
    });

    it('trains once while nothing changes, however often it is asked', async () => {
      const knowledge = open();
      await Promise.all([knowledge.current(), knowledge.current(), knowledge.current()]);
      clock += 5000;
      await knowledge.current();
      expect(trainings).toBe(1);
    });

    it('learns a phrasing added by an admin, without a restart', async () => {
      const knowledge = open();
      const question = 'do you offer gift wrapping for birthdays';
      expect((await best(knowledge, question))?.faqId).not.toBe('gift-wrap');

      await testDb.database.prisma.faq.create({
        data: { id: 'gift-wrap', question: 'Can you gift wrap my order?', alternatives: ['gift wrapping', 'wrap it as a birthday present', '能包装成礼物吗'], answer: 'Yes, for free.', category: 'shop', locale: 'en' },
      });
      clock += 1001;
      const after = await knowledge.current();
      expect(after.entries.get('gift-wrap')?.answer).toBe('Yes, for free.');
      expect((await best(knowledge, question))?.faqId).toBe('gift-wrap');
      expect(trainings).toBe(2);
    });

    it('forgets a disabled FAQ and sees a second process’s edit', async () => {
      const web = open();
      const worker = open();
      expect((await web.current()).entries.has('returns')).toBe(true);
      await testDb.database.prisma.faq.update({ where: { id: 'returns' }, data: { enabled: false } });
      clock += 1001;
      for (const knowledge of [web, worker]) {
        const snapshot = await knowledge.current();
        expect(snapshot.entries.has('returns')).toBe(false);
        expect(snapshot.matcher.match('how do I return an item?', 3).candidates.map((c) => c.faqId)).not.toContain('returns');
      }
    });
  });
}
