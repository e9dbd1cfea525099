import { afterEach, describe, expect, it } from 'vitest';
import { trainMatcher } from '../../../bot/matcher/index.ts';
import { createBackgroundTrainer, type BackgroundTrainer } from '../../../bot/training/background-trainer.ts';
import { loadSampleFaqs } from '../../../prisma/seed/faq-ecommerce.ts';

const questions = ['how long does delivery take?', '我想退货，运费谁来出？', 'can i pay with paypall', 'tractor for sale'];

describe('background trainer', () => {
  let trainer: BackgroundTrainer;
  afterEach(async () => {
    await trainer.close();
  });

  it('trains in a worker thread: the main thread keeps running, and the matcher answers as one trained in place', async () => {
    trainer = createBackgroundTrainer();
    const entries = loadSampleFaqs();
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const matcher = await trainer.train(entries).finally(() => clearInterval(timer));
    // Training the sample FAQ takes about a second of CPU; on this thread the timer could not have fired.
    expect(ticks).toBeGreaterThan(10);
    const inPlace = trainMatcher(entries);
    for (const question of questions) expect(matcher.match(question, 3)).toEqual(inPlace.match(question, 3));
  }, 60_000);

  it('retrains after an edit, and starts a new worker after the last one stopped', async () => {
    trainer = createBackgroundTrainer();
    const entries = loadSampleFaqs();
    const first = await trainer.train(entries);
    const withoutShipping = entries.filter((entry) => !entry.id.startsWith('shipping-time'));
    const second = await trainer.train(withoutShipping);
    expect(withoutShipping.length).toBeLessThan(entries.length);
    expect(first.size).toBe(entries.length);
    expect(second.size).toBe(withoutShipping.length);
    expect(second.match('how long does delivery take?').candidates[0]?.faqId).not.toMatch(/^shipping-time/);
    await trainer.close();
    await expect(trainer.train(entries).then((m) => m.size)).resolves.toBe(entries.length);
  }, 60_000);
});
