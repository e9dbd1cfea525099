import { describe, expect, it } from 'vitest';
import type { BotProposal, RankedFaq } from '../../../core/bot-contract.ts';
import { confidenceTier } from '../../../core/routing/confidence.ts';
import { DEFAULT_ROUTING_RULES, type RoutingPolicy } from '../../../core/routing/policy.ts';
import { route, type RoutingInput } from '../../../core/routing/route.ts';

const faq = (id: string, confidence: number, category = 'shipping'): RankedFaq => ({ faqId: id, confidence, question: `Question ${id}?`, answer: `Answer ${id}.`, category });
const matched = (...candidates: RankedFaq[]): BotProposal => ({ kind: 'matched', candidates, asksForHuman: false, locale: 'en' });
const policy: RoutingPolicy = { ...DEFAULT_ROUTING_RULES, answering: { answerThreshold: 0.7, suggestThreshold: 0.2, closeRunnerUp: 0.3 } };
const input = (proposal: BotProposal, overrides: Partial<RoutingInput> = {}): RoutingInput => ({
  proposal, context: {}, signals: { complaintRisk: null }, contact: { vip: false }, now: new Date('2026-12-01T10:00:00Z'),
  load: { waitingEscalations: 0, agentsOnline: 0 }, policy, ...overrides,
});

describe('route', () => {
  // [case, input, tier, reason, reply kind]
  const table: Array<[string, RoutingInput, string, string, string]> = [
    ['a confident match is answered by the bot', input(matched(faq('a', 0.8), faq('b', 0.1))), 'bot', 'faq_answer', 'answer'],
    ['between the thresholds: "did you mean"', input(matched(faq('a', 0.5), faq('b', 0.1))), 'bot', 'did_you_mean', 'clarify'],
    ['a close runner-up turns an answer into "did you mean"', input(matched(faq('a', 0.72), faq('b', 0.22))), 'bot', 'did_you_mean', 'clarify'],
    ['the runner-up below that share: answered', input(matched(faq('a', 0.72), faq('b', 0.21))), 'bot', 'faq_answer', 'answer'],
    ['below the suggest threshold: a person', input(matched(faq('a', 0.15), faq('b', 0.14))), 'human', 'low_confidence', 'handoff'],
    ['no candidate at all: a person', input(matched()), 'human', 'low_confidence', 'handoff'],
    ['an explicit ask for a person wins over a good match', input({ kind: 'matched', candidates: [faq('a', 0.9)], asksForHuman: true, locale: 'zh' }), 'human', 'customer_asked', 'handoff'],
    ['the FAQ the bot just answered, again: a person', input(matched(faq('a', 0.9)), { context: { answeredFaqId: 'a' } }), 'human', 'answer_repeated', 'handoff'],
    ['a pick from "did you mean"', input({ kind: 'picked', faq: faq('b', 1), locale: 'en' }), 'bot', 'picked_from_offer', 'answer'],
    ['"none of these"', input({ kind: 'declined_offer', locale: 'zh' }), 'human', 'suggestions_declined', 'handoff'],
    ['a greeting', input({ kind: 'small_talk', act: 'greeting', text: 'Hello!', locale: 'en' }), 'bot', 'small_talk', 'small_talk'],
    ['an acknowledgement: no reply', input({ kind: 'small_talk', act: 'acknowledgement', text: '', locale: 'en' }), 'bot', 'small_talk', 'none'],
    ['a category the policy drafts', input(matched(faq('c', 0.9, 'coupons')), { policy: { ...policy, categoryTiers: { coupons: 'bot_draft' } } }), 'bot_draft', 'category', 'answer'],
    ['a category the policy gives to people', input(matched(faq('c', 0.9, 'complaints')), { policy: { ...policy, categoryTiers: { complaints: 'human' } } }), 'human', 'category', 'handoff'],
    ['complaint risk at the policy threshold', input(matched(faq('a', 0.9)), { signals: { complaintRisk: 0.9 }, policy: { ...policy, complaintRiskToHuman: 0.85 } }), 'human', 'complaint_risk', 'handoff'],
    ['complaint risk is not a signal when the policy turns it off', input(matched(faq('a', 0.9)), { signals: { complaintRisk: 0.99 }, policy: { ...policy, complaintRiskToHuman: null } }), 'bot', 'faq_answer', 'answer'],
    ['a VIP under a VIP policy', input(matched(faq('a', 0.9)), { contact: { vip: true }, policy: { ...policy, vipToHuman: true } }), 'human', 'vip', 'handoff'],
  ];

  it.each(table)('%s', (_case, routingInput, tier, reason, reply) => {
    const decision = route(routingInput);
    expect({ tier: decision.tier, reason: decision.reason, reply: decision.reply.kind }).toEqual({ tier, reason, reply });
  });

  it('keeps the candidates for the agent on a handoff, and offers every candidate in a "did you mean"', () => {
    const low = route(input(matched(faq('a', 0.15), faq('b', 0.1))));
    expect(low.reply).toEqual({ kind: 'handoff', candidates: [faq('a', 0.15), faq('b', 0.1)], confidence: 0.15 });
    const clarify = route(input(matched(faq('a', 0.5), faq('b', 0.15), faq('c', 0.05))));
    expect(clarify.reply).toMatchObject({ kind: 'clarify', offered: [faq('a', 0.5), faq('b', 0.15), faq('c', 0.05)], confidence: 0.5 });
  });
});

describe('confidenceTier', () => {
  const ranked = (...pairs: Array<[string, number]>) => pairs.map(([faqId, confidence]) => ({ faqId, confidence }));
  it('answers alone, or leaves a question below the suggest threshold to a person whatever the runner-up', () => {
    expect(confidenceTier(ranked(['a', 0.9]), policy.answering)).toEqual({ kind: 'answer', best: { faqId: 'a', confidence: 0.9 } });
    expect(confidenceTier(ranked(['a', 0.15], ['b', 0.14]), policy.answering)).toEqual({ kind: 'escalate' });
    expect(confidenceTier(ranked(['a', 0.72], ['b', 0.28]), { ...policy.answering, closeRunnerUp: 0 })).toEqual({ kind: 'answer', best: { faqId: 'a', confidence: 0.72 } });
  });
});
