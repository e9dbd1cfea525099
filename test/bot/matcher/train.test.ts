import { describe, expect, it } from 'vitest';
import { createTrainMatcher, defaultMatcherOptions, trainMatcher } from '../../../bot/matcher/train.ts';
import type { FaqTrainingEntry } from '../../../bot/matcher/types.ts';
import { shopFaq } from './fixtures/shop-faq.ts';

const matcher = trainMatcher(shopFaq);
const best = (text: string) => matcher.match(text).candidates[0];

describe('trainMatcher', () => {
  it('knows every FAQ and returns at most `limit` candidates, best first', () => {
    expect(matcher.size).toBe(shopFaq.length);
    const { candidates } = matcher.match('refund', 2);
    expect(candidates).toHaveLength(2);
    expect(candidates[0]!.confidence).toBeGreaterThanOrEqual(candidates[1]!.confidence);
  });

  it.each([
    ['how long until my order is shipped', 'shipping-time'],
    ['I want to return these shoes', 'returns'],
    ['do you take credit cards', 'payment-methods'],
    ['where can I get a receipt for my purchase', 'invoice'],
  ])('matches the English question %j', (text, id) => {
    expect(best(text)?.faqId).toBe(id);
  });

  it.each([
    ['退款多久能到账', 'refund'],
    ['我想查一下物流', 'track-order'],
    ['收货地址写错了怎么办', 'change-address'],
    ['发货需要几天', 'shipping-time'],
  ])('matches the Chinese question %j', (text, id) => {
    expect(best(text)?.faqId).toBe(id);
  });

  it.each([
    ['支持paypal付款吗', 'payment-methods'],
    ['我的refund还没到', 'refund'],
    ['tracking number在哪里查', 'track-order'],
  ])('matches the mixed-language question %j', (text, id) => {
    expect(best(text)?.faqId).toBe(id);
  });

  it.each([
    ['how do I retrun an itme', 'returns'],
    ['refnd status', 'refund'],
    ['trakcing numbr', 'track-order'],
    ['怎么退貨', 'returns'],
  ])('still matches the misspelt question %j', (text, id) => {
    expect(best(text)?.faqId).toBe(id);
  });

  it('is confident on a known phrasing and not on gibberish or off-topic text', () => {
    const known = best('How do I return an item?')!.confidence;
    expect(known).toBeGreaterThan(0.6);
    for (const text of ['xqzv plomf wrrt', '今天天气真不错', 'who won the football match yesterday', '']) {
      expect(best(text)?.confidence ?? 0, text).toBeLessThan(0.4);
      expect(best(text)?.confidence ?? 0, text).toBeLessThan(known / 2);
    }
  });

  it('changes its answer after the FAQ is edited and retrained', () => {
    const question = 'gift wrapping available?';
    const edited: FaqTrainingEntry[] = [
      ...shopFaq,
      { id: 'gift-wrap', question: 'Do you offer gift wrapping?', alternatives: ['gift wrap', '可以礼品包装吗'] },
    ];
    expect(best(question)?.faqId).not.toBe('gift-wrap');
    expect(trainMatcher(edited).match(question).candidates[0]?.faqId).toBe('gift-wrap');
  });

  it('confidences are probabilities that sum to at most 1', () => {
    const { candidates } = matcher.match('退款', shopFaq.length);
    const sum = candidates.reduce((total, c) => total + c.confidence, 0);
    expect(sum).toBeLessThanOrEqual(1 + 1e-9);
    for (const c of candidates) expect(c.confidence).toBeGreaterThanOrEqual(0);
  });

  it('handles an empty knowledge base and a single-entry one', () => {
    expect(trainMatcher([]).match('hello').candidates).toEqual([]);
    const single = trainMatcher([{ id: 'only', question: 'opening hours', alternatives: [] }]);
    expect(single.match('what are your opening hours').candidates[0]?.faqId).toBe('only');
  });
});

describe('the candidate-sampled classifier of a large knowledge base', () => {
  // Sampling as a knowledge base above `sampleAbove` FAQs gets it, on a small one: 2 candidates besides
  // the own FAQ out of 7, so most FAQs are never contrasted with a given phrasing.
  const sampled = createTrainMatcher({ ...defaultMatcherOptions, softmax: { ...defaultMatcherOptions.softmax, sampleAbove: 0, candidates: 2 } })(shopFaq);

  it.each([
    ['how long until my order is shipped', 'shipping-time'],
    ['退款多久能到账', 'refund'],
    ['tracking number在哪里查', 'track-order'],
  ])('still matches %j', (text, id) => {
    expect(sampled.match(text).candidates[0]?.faqId).toBe(id);
  });
});
