import { describe, expect, it } from 'vitest';
import { decide } from '../../../bot/matcher/decide.ts';

const thresholds = { answerThreshold: 0.7, suggestThreshold: 0.2 };
const result = (...confidences: number[]) => ({
  candidates: confidences.map((confidence, i) => ({ faqId: `faq-${i}`, confidence })),
});

describe('decide', () => {
  it('answers when the best candidate reaches the answer threshold', () => {
    expect(decide(result(0.7, 0.2), thresholds)).toEqual({ kind: 'answer', faqId: 'faq-0', confidence: 0.7 });
  });

  it('asks "did you mean" with every candidate above the suggest threshold', () => {
    expect(decide(result(0.5, 0.3, 0.1), thresholds)).toEqual({ kind: 'clarify', faqIds: ['faq-0', 'faq-1'] });
  });

  it('abstains below the suggest threshold but keeps the runner-ups', () => {
    expect(decide(result(0.15, 0.1), thresholds)).toEqual({ kind: 'abstain', suggestions: ['faq-0', 'faq-1'] });
    expect(decide(result(), thresholds)).toEqual({ kind: 'abstain', suggestions: [] });
  });

  it('refuses thresholds in the wrong order', () => {
    expect(() => decide(result(0.5), { answerThreshold: 0.3, suggestThreshold: 0.5 })).toThrow(RangeError);
  });
});
