import { describe, expect, it } from 'vitest';
import { trainingFeatures, type TextFeatures } from '../../../bot/matcher/index.ts';
import { packFeatures, trainingFeaturesInTurns, unpackFeatures } from '../../../bot/training/packed-features.ts';
import { loadSampleFaqs } from '../../../prisma/seed/faq-ecommerce.ts';

describe('packed training features', () => {
  it('unpack to exactly the features the matcher extracts, across turns, with blank and punctuation-only phrasings', async () => {
    const sample = loadSampleFaqs().map(({ id, question, alternatives }) => ({ id, question, alternatives }));
    // More entries than one turn packs, so the parts are joined.
    const entries = [...sample, ...sample, ...sample].map((entry, i) => ({ ...entry, id: `${entry.id}-${i}` }));
    entries[1] = { ...entries[1]!, alternatives: [...entries[1]!.alternatives, '   ', '!!!', '繁體中文的問題'] };
    const plain = (features: TextFeatures[]) => features.map(({ tokens, words, chars, sounds }) => ({ tokens, words: [...words], chars: [...chars], sounds: [...sounds] }));
    expect(plain(unpackFeatures(packFeatures(await trainingFeaturesInTurns(entries))))).toEqual(plain(trainingFeatures(entries)));
  });
});
