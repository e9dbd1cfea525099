import { describe, expect, it } from 'vitest';
import { matcherFromState, trainMatcher, trainMatcherState } from '../../../bot/matcher/train.ts';
import { loadSampleFaqs } from '../../../prisma/seed/faq-ecommerce.ts';
import { syntheticFaq } from '../../../eval/matcher/speed.ts';

const questions = ['how long does delivery take?', '退款多久到账', 'can i pay with paypall', 'refund多久', 'what is the weather in paris', ''];

describe('matcher state', () => {
  it('a matcher rebuilt from its state, copied as between threads, answers exactly as the one trained in place', () => {
    const entries = loadSampleFaqs();
    const trained = trainMatcher(entries);
    const rebuilt = matcherFromState(structuredClone(trainMatcherState(entries)));
    expect(rebuilt.size).toBe(trained.size);
    for (const question of questions) expect(rebuilt.match(question, 5)).toEqual(trained.match(question, 5));
  });

  it('holds for a knowledge base too large for the classifier, and for one with no phrasings', () => {
    const { entries, tests } = syntheticFaq(700, 3, 20, 2);
    const trained = trainMatcher(entries);
    const rebuilt = matcherFromState(structuredClone(trainMatcherState(entries)));
    for (const { text } of tests) expect(rebuilt.match(text)).toEqual(trained.match(text));
    const empty = matcherFromState(structuredClone(trainMatcherState([{ id: 'a', question: ' ', alternatives: [] }])));
    expect(empty.size).toBe(1);
    expect(empty.match('anything').candidates).toEqual([]);
  });
});
