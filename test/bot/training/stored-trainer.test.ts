import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { trainMatcher } from '../../../bot/matcher/index.ts';
import { storedTrainer } from '../../../bot/training/stored-trainer.ts';
import { loadSampleFaqs } from '../../../prisma/seed/faq-ecommerce.ts';

const entries = loadSampleFaqs().map(({ id, question, alternatives }) => ({ id, question, alternatives }));
const questions = ['how long does delivery take?', '我想退货，运费谁来出？', '付宽失败怎么办', 'my neighbour parks on my tulips'];

describe('stored trainer', () => {
  let directory: string;
  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'kefu-models-'));
  });
  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('answers exactly as a freshly trained matcher, trained or read back, and keeps one file per version', async () => {
    const fresh = trainMatcher(entries);
    const trained = await storedTrainer(directory)(entries);
    const files = await readdir(directory);
    expect(files).toHaveLength(1);
    const readBack = await storedTrainer(directory)(entries);
    for (const question of questions) {
      expect(trained.match(question, 3)).toEqual(fresh.match(question, 3));
      expect(readBack.match(question, 3)).toEqual(fresh.match(question, 3));
    }
    expect(await readdir(directory)).toEqual(files);
  });

  it('trains again for an edited FAQ, keeping the previous version beside it and no older one', async () => {
    const train = storedTrainer(directory);
    await train(entries);
    await train(entries.slice(1));
    const edited = await train(entries.slice(2));
    expect(edited.match(questions[0]!, 3)).toEqual(trainMatcher(entries.slice(2)).match(questions[0]!, 3));
    expect(await readdir(directory)).toHaveLength(2);
  });
});
