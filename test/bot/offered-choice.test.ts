import { describe, expect, it } from 'vitest';
import { chosenOffer, declinesOffer, type OfferedFaq } from '../../bot/offered-choice.ts';

const offered: OfferedFaq[] = [
  { faqId: 'shipping', question: 'How long does shipping take?' },
  { faqId: 'returns', question: '怎么退货？' },
  { faqId: 'invoice', question: 'Can I get an invoice?' },
];

describe('chosenOffer', () => {
  it('reads a position in half- or full-width digits, with or without framing', () => {
    expect(chosenOffer('2', offered)).toBe('returns');
    expect(chosenOffer(' ３ ', offered)).toBe('invoice');
    expect(chosenOffer('#1', offered)).toBe('shipping');
    expect(chosenOffer('No. 2', offered)).toBe('returns');
    expect(chosenOffer('option 3 please', offered)).toBe('invoice');
  });

  it('reads Chinese and English ordinals', () => {
    expect(chosenOffer('第二个', offered)).toBe('returns');
    expect(chosenOffer('我选第三个问题', offered)).toBe('invoice');
    expect(chosenOffer('第1条吧', offered)).toBe('shipping');
    expect(chosenOffer('选2', offered)).toBe('returns');
    expect(chosenOffer('是第三个吧', offered)).toBe('invoice');
    expect(chosenOffer('the second one', offered)).toBe('returns');
    expect(chosenOffer('First.', offered)).toBe('shipping');
    expect(chosenOffer('one', offered)).toBe('shipping');
  });

  it('takes a suggestion repeated as text, across width, case, punctuation and traditional characters', () => {
    expect(chosenOffer('how long does shipping take', offered)).toBe('shipping');
    expect(chosenOffer('怎麼退貨', offered)).toBe('returns');
    expect(chosenOffer('ＣＡＮ Ｉ ＧＥＴ ＡＮ ＩＮＶＯＩＣＥ？', offered)).toBe('invoice');
  });

  it('ignores positions that were not offered and replies that say more than a pick', () => {
    expect(chosenOffer('4', offered)).toBeUndefined();
    expect(chosenOffer('0', offered)).toBeUndefined();
    expect(chosenOffer('第五个', offered)).toBeUndefined();
    expect(chosenOffer('2 items arrived broken', offered)).toBeUndefined();
    expect(chosenOffer('I want two refunds', offered)).toBeUndefined();
    expect(chosenOffer('no', offered)).toBeUndefined();
    expect(chosenOffer('那个不对', offered)).toBeUndefined();
    expect(chosenOffer('', offered)).toBeUndefined();
    expect(chosenOffer('2', [])).toBeUndefined();
  });
});

describe('declinesOffer', () => {
  it.each(['都不是', '都不是啊', '以上都不是。', 'None of these', 'neither', 'no', 'Nope!'])('hears %j turn every suggestion down', (reply) => {
    expect(declinesOffer(reply)).toBe(true);
  });

  it.each(['2', '不是这个问题，我想问运费', 'no, my parcel never came', '不是很清楚怎么退货'])('reads %j as more than a refusal', (reply) => {
    expect(declinesOffer(reply)).toBe(false);
  });
});
