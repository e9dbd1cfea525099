import { describe, expect, it } from 'vitest';
import { defaultFeatureOptions, extractFeatures, wordGrams } from '../../../bot/matcher/features.ts';
import { fitVectorizer, defaultVectorizerOptions } from '../../../bot/matcher/vectorizer.ts';

const cosine = (a: { indices: Int32Array; values: Float32Array }, b: { indices: Int32Array; values: Float32Array }) => {
  const other = new Map(Array.from(b.indices, (index, k) => [index, b.values[k]!]));
  return Array.from(a.indices).reduce((sum, index, k) => sum + a.values[k]! * (other.get(index) ?? 0), 0);
};

describe('extractFeatures', () => {
  it('keeps the normalized tokens next to their word n-grams', () => {
    const features = extractFeatures('Where is my Package?');
    expect(features.tokens).toEqual(['where', 'is', 'my', 'package']);
    expect(features.words).toEqual(wordGrams(features.tokens, defaultFeatureOptions.wordMaxN));
    expect(features.words).toHaveLength(4 + 3);
  });

  it('uses only short character n-grams inside Chinese runs', () => {
    const chinese = extractFeatures('退款多久能到账').chars.length;
    const long = extractFeatures('退款多久能到账', { ...defaultFeatureOptions, hanMaxN: 5 }).chars.length;
    expect(chinese).toBeLessThan(long);
    // Latin words keep their 2–5-grams.
    const latin = extractFeatures('refund').chars.length;
    expect(latin).toBe(7 + 6 + 5 + 4);
  });
});

describe('pinyin of Chinese text', () => {
  it('gives homophones the same sound features, and other text none', () => {
    // 付宽 is what a pinyin input method produces for 付款 with the wrong candidate picked.
    expect(extractFeatures('货到付宽').sounds).toEqual(extractFeatures('货到付款').sounds);
    expect(extractFeatures('货到付宽').chars).not.toEqual(extractFeatures('货到付款').chars);
    expect(extractFeatures('cash on delivery').sounds).toEqual([]);
  });

  it('brings a homophone typo closer to the phrasing it means, and leaves text without Chinese as it was', () => {
    const texts = ['可以货到付款吗', '怎么申请退货', 'how do I pay'];
    const noPinyin = { ...defaultVectorizerOptions, hanPinyinMaxN: 0 };
    const withPinyin = fitVectorizer(texts.map((text) => extractFeatures(text)));
    const without = fitVectorizer(texts.map((text) => extractFeatures(text, noPinyin)), noPinyin);
    const similarity = (vectorizer: typeof withPinyin, a: string, b: string) => cosine(vectorizer.transform(a), vectorizer.transform(b));
    expect(similarity(withPinyin, '可以货到付宽吗', '可以货到付款吗')).toBeGreaterThan(similarity(without, '可以货到付宽吗', '可以货到付款吗') + 0.05);
    expect(withPinyin.transform('how can I pay').values).toEqual(without.transform('how can I pay').values);
    expect(similarity(withPinyin, 'how can I pay', 'how do I pay')).toBeCloseTo(similarity(without, 'how can I pay', 'how do I pay'), 12);
  });
});

describe('fitVectorizer spelling correction', () => {
  const training = ['where is my package', 'refund status'].map((text) => extractFeatures(text));

  it('maps a misspelt word onto the known word', () => {
    const vectorizer = fitVectorizer(training);
    const plain = fitVectorizer(training, { ...defaultVectorizerOptions, spelling: false });
    const typo = 'where is my pakage';
    expect(cosine(vectorizer.transform(typo), vectorizer.transform('where is my package'))).toBeGreaterThan(
      cosine(plain.transform(typo), plain.transform('where is my package')),
    );
  });
});
