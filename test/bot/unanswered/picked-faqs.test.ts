import { describe, expect, it } from 'vitest';
import { mostPickedFaq } from '../../../bot/unanswered/picked-faqs.ts';

describe('mostPickedFaq', () => {
  const picked = new Map([['q1', 'refunds'], ['q2', 'shipping'], ['q3', 'refunds'], ['q9', 'invoices']]);

  it('names the FAQ the group\'s customers picked most, with how often', () => {
    expect(mostPickedFaq(['q1', 'q2', 'q3', 'q4'], picked)).toEqual({ faqId: 'refunds', count: 2 });
  });

  it('is undefined when no question of the group was followed by a pick', () => {
    expect(mostPickedFaq(['q4', 'q5'], picked)).toBeUndefined();
    expect(mostPickedFaq([], picked)).toBeUndefined();
  });
});
