import { describe, expect, it } from 'vitest';
import { combineWithMeaning } from '../../../bot/meaning/combine-meaning.ts';

describe('combineWithMeaning', () => {
  const lexical = [
    { faqId: 'a', confidence: 0.5 },
    { faqId: 'b', confidence: 0.4 },
    { faqId: 'c', confidence: 0.05 },
  ];

  it('lets a confident meaning vote overturn a close lexical ranking', () => {
    const meaning = { a: 0.05, b: 0.9, c: 0.05 } as Record<string, number>;
    const combined = combineWithMeaning(lexical, (id) => meaning[id]);
    expect(combined.map((c) => c.faqId)).toEqual(['b', 'a', 'c']);
  });

  it('keeps the matcher’s total confidence, so answerability stays the matcher’s call', () => {
    const meaning = { a: 0.2, b: 0.7, c: 0.1 } as Record<string, number>;
    const total = combineWithMeaning(lexical, (id) => meaning[id]).reduce((sum, c) => sum + c.confidence, 0);
    expect(total).toBeCloseTo(0.95, 10);
  });

  it('cannot lift a candidate the matcher all but ruled out past a clear lexical winner', () => {
    const clear = [{ faqId: 'a', confidence: 0.9 }, { faqId: 'z', confidence: 1e-7 }];
    const combined = combineWithMeaning(clear, (id) => (id === 'z' ? 0.99 : 0.01));
    expect(combined[0]!.faqId).toBe('a');
  });

  it('leaves the ranking alone with weight 0 or without meaning scores', () => {
    expect(combineWithMeaning(lexical, () => 0.9, 0).map((c) => c.faqId)).toEqual(['a', 'b', 'c']);
    const unchanged = combineWithMeaning(lexical, () => undefined);
    unchanged.forEach((c, i) => expect(c.confidence).toBeCloseTo(lexical[i]!.confidence, 10));
    expect(combineWithMeaning([], () => 1)).toEqual([]);
  });
});
