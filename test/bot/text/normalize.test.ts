import { describe, expect, it } from 'vitest';
import { normalizeText, tokenize } from '../../../bot/text/normalize.ts';

describe('normalizeText', () => {
  it('folds full-width letters and digits to half-width and lower case', () => {
    expect(normalizeText('ＡＢＣ１２３ Hello')).toBe('abc123 hello');
  });

  it('converts traditional Chinese to simplified', () => {
    expect(normalizeText('退貨怎麼辦')).toBe('退货怎么办');
  });

  it('turns punctuation (ASCII and Chinese) into single spaces and trims', () => {
    expect(normalizeText('  请问，退款？ refund!!  status… ')).toBe('请问 退款 refund status');
  });

  it('gives the same text for full-width, traditional and upper-case variants', () => {
    expect(normalizeText('ＰａｙＰａｌ付款嗎？')).toBe(normalizeText('paypal付款吗'));
  });
});

describe('tokenize', () => {
  it('segments Chinese with jieba and splits Latin words and numbers', () => {
    expect(tokenize('iPhone怎麼退貨? order 123')).toEqual(['iphone', '怎么', '退货', 'order', '123']);
  });

  it('returns no tokens for empty or punctuation-only text', () => {
    expect(tokenize('')).toEqual([]);
    expect(tokenize('？！...')).toEqual([]);
  });
});
