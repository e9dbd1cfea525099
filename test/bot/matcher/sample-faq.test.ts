/**
 * The matcher on the FAQ the product ships with, at the product's thresholds: answer at ≥ 0.5, offer
 * "did you mean" at ≥ 0.2, hand over below. Real customer phrasings (none of them a stored phrasing) must be
 * answered, off-topic questions handed over.
 */
import { describe, expect, it } from 'vitest';
import { trainMatcher } from '../../../bot/matcher/train.ts';
import { loadSampleFaqs } from '../../../prisma/seed/faq-ecommerce.ts';

const ANSWER = 0.5;
const SUGGEST = 0.2;
const matcher = trainMatcher(loadSampleFaqs());
const best = (text: string) => matcher.match(text).candidates[0]!;

describe('matcher on the sample FAQ', () => {
  it.each([
    ['how long does delivery usually take', 'shipping-time-en'],
    ['where do i find my tracking number', 'shipping-tracking-en'],
    ['who pays for return shipping', 'returns-shipping-fee-en'],
    ['i want to delete my account', 'account-delete-en'],
    ['我想退货，运费谁来出？', 'returns-shipping-fee-zh'],
    ['退款多久到账啊', 'refunds-time-zh'],
    ['怎么查快递', 'shipping-tracking-zh'],
    ['优惠券用不了怎么办', 'coupons-zh'],
    ['我的order还没发货', 'order-where-zh'],
    ['可以用visa付款吗', 'payment-methods-zh'],
    ['can i pay with paypall', 'payment-methods-en'],
    ['how do i retrun an item', 'returns-how-en'],
    ['i forgot my pasword', 'account-reset-password-en'],
    ['how do I cancel my ordr', 'order-cancel-en'],
  ])('answers %j with %s', (text, id) => {
    const { faqId, confidence } = best(text);
    expect(faqId).toBe(id);
    expect(confidence).toBeGreaterThanOrEqual(ANSWER);
  });

  it('at least suggests the right FAQ for a paraphrase that shares few words with it', () => {
    const { faqId, confidence } = best('how many days until my parcel gets delivered?');
    expect(faqId).toBe('shipping-time-en');
    expect(confidence).toBeGreaterThanOrEqual(SUGGEST);
  });

  it.each([
    // Homophone typos of a pinyin input method: 付宽 for 付款 (pay), 发漂 for 发票 (invoice).
    ['可以货到付宽吗', 'payment-methods-zh'],
    ['怎么开发漂', 'invoices-request-zh'],
  ])('at least suggests the right FAQ for the homophone typo %j', (text, id) => {
    const { faqId, confidence } = best(text);
    expect(faqId).toBe(id);
    expect(confidence).toBeGreaterThanOrEqual(SUGGEST);
  });

  it.each([
    'my neighbour keeps parking his tractor on my tulips, what should I do',
    'what is the weather in Paris',
    'who won the football match yesterday',
    'sing me a song',
    "what's the capital of Australia",
    'how do I fix my car engine',
    '今天天气怎么样',
    '帮我订一张去北京的机票',
    '写一首关于春天的诗',
    '我的狗生病了',
  ])('hands the off-topic question %j to a human', (text) => {
    expect(best(text).confidence).toBeLessThan(SUGGEST);
  });
});
