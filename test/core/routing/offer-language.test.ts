import { describe, expect, it } from 'vitest';
import type { BotProposal, RankedFaq, ReplyLocale } from '../../../core/bot-contract.ts';
import { DEFAULT_ROUTING_RULES, type RoutingPolicy } from '../../../core/routing/policy.ts';
import { inLanguage, route } from '../../../core/routing/route.ts';

// Issue 19: "did you mean" offered English choices under a Chinese prompt.
const faq = (id: string, confidence: number, locale?: string): RankedFaq => ({ faqId: id, confidence, question: `Q ${id}`, answer: `A ${id}`, category: 'shipping', ...(locale ? { locale } : {}) });
const policy: RoutingPolicy = { ...DEFAULT_ROUTING_RULES, answering: { answerThreshold: 0.7, suggestThreshold: 0.2, closeRunnerUp: 0.3 } };
const decide = (locale: ReplyLocale, ...candidates: RankedFaq[]) => {
  const proposal: BotProposal = { kind: 'matched', candidates, asksForHuman: false, locale };
  return route({ proposal, context: {}, signals: { complaintRisk: null }, contact: { vip: false }, now: new Date('2026-12-01T10:00:00Z'), load: { waitingEscalations: 0, agentsOnline: 0 }, policy });
};
const ids = (faqs: readonly RankedFaq[]) => faqs.map((f) => f.faqId);

describe('a "did you mean" in the customer\'s language', () => {
  it.each([
    ['a Chinese question: English entries dropped', 'zh', [faq('zh1', 0.5, 'zh'), faq('en1', 0.3, 'en'), faq('zh2', 0.1, 'zh')], ['zh1', 'zh2']],
    ['an English question: Chinese entries dropped', 'en', [faq('zh1', 0.5, 'zh'), faq('en1', 0.3, 'en'), faq('en2', 0.1, 'en')], ['en1', 'en2']],
    ['regional locales count by their language', 'zh', [faq('tw', 0.5, 'zh-TW'), faq('cn', 0.3, 'zh_CN'), faq('us', 0.2, 'en-US')], ['tw', 'cn']],
    ['entries without a locale fit any question', 'zh', [faq('x', 0.5), faq('en1', 0.3, 'en'), faq('y', 0.2)], ['x', 'y']],
    ['all in the language: all offered, in order', 'en', [faq('a', 0.5, 'en'), faq('b', 0.4, 'EN')], ['a', 'b']],
  ] as const)('%s', (_name, locale, candidates, offered) => {
    const decision = decide(locale, ...candidates);
    expect(decision).toMatchObject({ tier: 'bot', reason: 'did_you_mean', reply: { kind: 'clarify', confidence: 0.5 } });
    expect(decision.reply.kind === 'clarify' && ids(decision.reply.offered)).toEqual(offered);
  });

  it('hands over when none is in the language, every candidate kept as the agent\'s suggestions', () => {
    const decision = decide('zh', faq('en1', 0.5, 'en'), faq('en2', 0.3, 'en'));
    expect(decision).toMatchObject({ tier: 'human', reason: 'low_confidence', reply: { kind: 'handoff', confidence: 0.5 } });
    expect(decision.reply.kind === 'handoff' && ids(decision.reply.candidates)).toEqual(['en1', 'en2']);
  });

  it('leaves a sure answer alone, whatever its language (the matcher chose it)', () => {
    expect(decide('zh', faq('en1', 0.95, 'en')).reply).toMatchObject({ kind: 'answer', faq: { faqId: 'en1' } });
  });

  it.each([
    [undefined, 'zh', true], ['zh', 'zh', true], ['zh-Hans-CN', 'zh', true], ['en', 'zh', false], ['en-GB', 'en', true], ['', 'en', true],
  ] as const)('inLanguage(%s, %s) = %s', (locale, reply, expected) => {
    expect(inLanguage(locale === undefined ? {} : { locale }, reply)).toBe(expected);
  });
});
