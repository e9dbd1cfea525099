import { describe, expect, it } from 'vitest';
import { replyFromCandidates, replyLocaleOf, tierOf } from '../../bot/compose-reply.ts';
import type { KnowledgeEntry, KnowledgeSnapshot } from '../../bot/knowledge-base.ts';

const thresholds = { answerThreshold: 0.7, suggestThreshold: 0.2, closeRunnerUp: 0 };
const entry = (id: string): KnowledgeEntry => ({ id, question: `Question ${id}?`, alternatives: [], answer: `Answer ${id}.`, category: 'c', locale: 'en' });
const knowledge: KnowledgeSnapshot = {
  matcher: { size: 3, match: () => ({ candidates: [] }) },
  entries: new Map(['a', 'b', 'c'].map((id) => [id, entry(id)])),
  fingerprint: 'f',
};
const ranked = (...pairs: Array<[string, number]>) => pairs.map(([faqId, confidence]) => ({ faqId, confidence }));

describe('replyFromCandidates', () => {
  it('answers with the FAQ text when the best candidate reaches the answer threshold', () => {
    expect(replyFromCandidates('q', ranked(['a', 0.7], ['b', 0.2]), knowledge, thresholds)).toEqual({ kind: 'answer', text: 'Answer a.', faqId: 'a', confidence: 0.7 });
  });

  it('asks "did you mean" with the runners-up, in the customer’s language', () => {
    const english = replyFromCandidates('q', ranked(['a', 0.5], ['b', 0.15], ['c', 0.05]), knowledge, thresholds);
    expect(english).toMatchObject({ kind: 'clarify', text: 'Did you mean one of these?', suggestions: ['Question a?', 'Question b?', 'Question c?'], confidence: 0.5 });
    const chinese = replyFromCandidates('怎么退货', ranked(['a', 0.5]), knowledge, thresholds);
    expect(chinese).toMatchObject({ kind: 'clarify', text: '您是想问以下哪个问题？' });
  });

  it('hands over below the suggest threshold, keeping the candidates for the agent', () => {
    const decision = replyFromCandidates('q', ranked(['a', 0.15], ['b', 0.1]), knowledge, thresholds);
    expect(decision).toMatchObject({ kind: 'escalate', candidates: ranked(['a', 0.15], ['b', 0.1]), confidence: 0.15 });
    expect(replyFromCandidates('q', [], knowledge, thresholds)).toMatchObject({ kind: 'escalate', candidates: [], confidence: 0 });
  });

  it('ignores candidates whose FAQ is no longer in the knowledge base', () => {
    expect(replyFromCandidates('q', ranked(['gone', 0.99], ['b', 0.8]), knowledge, thresholds)).toMatchObject({ kind: 'answer', faqId: 'b' });
  });
});

describe('a close runner-up', () => {
  const closeAt = (closeRunnerUp: number) => ({ ...thresholds, closeRunnerUp });

  it('turns a confident answer into "did you mean" when the second FAQ is nearly as likely', () => {
    const decision = replyFromCandidates('q', ranked(['a', 0.72], ['b', 0.22]), knowledge, closeAt(0.3));
    expect(decision).toMatchObject({ kind: 'clarify', suggestions: ['Question a?', 'Question b?'], candidates: ranked(['a', 0.72], ['b', 0.22]), confidence: 0.72 });
  });

  it('answers when the runner-up is below that share of the best, or the rule is off', () => {
    expect(replyFromCandidates('q', ranked(['a', 0.72], ['b', 0.21]), knowledge, closeAt(0.3))).toMatchObject({ kind: 'answer', faqId: 'a' });
    expect(replyFromCandidates('q', ranked(['a', 0.72], ['b', 0.28]), knowledge, closeAt(0))).toMatchObject({ kind: 'answer', faqId: 'a' });
    expect(tierOf(ranked(['a', 0.9]), closeAt(0.3))).toEqual({ kind: 'answer', best: { faqId: 'a', confidence: 0.9 } });
  });

  it('does not lift a question below the suggest threshold out of the handoff', () => {
    expect(tierOf(ranked(['a', 0.15], ['b', 0.14]), closeAt(0.3))).toEqual({ kind: 'escalate' });
  });
});

describe('replyLocaleOf', () => {
  it('follows the channel\'s language hint only for a message without words', () => {
    expect(replyLocaleOf('/start', 'zh-hans')).toBe('zh');
    expect(replyLocaleOf('/start@shop_bot', 'zh-CN')).toBe('zh');
    expect(replyLocaleOf('👍', 'zh')).toBe('zh');
    expect(replyLocaleOf('/start')).toBe('en');
    expect(replyLocaleOf('hi', 'zh-hans')).toBe('en');
    expect(replyLocaleOf('你好', 'en')).toBe('zh');
  });

  it('replies in Chinese whenever the question has Chinese characters', () => {
    expect(replyLocaleOf('my 订单 is late')).toBe('zh');
    expect(replyLocaleOf('where is my order')).toBe('en');
  });
});
