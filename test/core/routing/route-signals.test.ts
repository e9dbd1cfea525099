import { describe, expect, it } from 'vitest';
import type { BotProposal, RankedFaq } from '../../../core/bot-contract.ts';
import { DEFAULT_ROUTING_RULES, routingPolicySchema, type RoutingPolicy } from '../../../core/routing/policy.ts';
import { complaintThreshold, route, type RoutingInput } from '../../../core/routing/route.ts';

const faq: RankedFaq = { faqId: 'a', confidence: 0.9, question: 'Q?', answer: 'A.', category: 'shipping' };
const matched: BotProposal = { kind: 'matched', candidates: [faq], asksForHuman: false, locale: 'en' };
const answering = { answerThreshold: 0.7, suggestThreshold: 0.2, closeRunnerUp: 0.3 };
const policy = (rules: Record<string, unknown> = {}): RoutingPolicy => ({ ...routingPolicySchema.parse(rules), answering });
const input = (overrides: Partial<RoutingInput> = {}): RoutingInput => ({
  proposal: matched, context: {}, signals: { complaintRisk: null }, contact: { vip: false }, now: new Date('2026-12-01T10:00:00Z'),
  load: { waitingEscalations: 0, agentsOnline: 1 }, policy: policy(), ...overrides,
});
const PEAK = { windows: [{ from: '2026-11-11T00:00:00+08:00', to: '2026-11-12T00:00:00+08:00' }], raiseBy: 0.1 };

describe('route: customer, peak and load signals', () => {
  // [case, input, tier, reason]
  const table: Array<[string, RoutingInput, string, string]> = [
    ['default threshold 0.8: risk 0.79 stays with the bot', input({ signals: { complaintRisk: 0.79 } }), 'bot', 'faq_answer'],
    ['default threshold 0.8: risk 0.8 goes to a person', input({ signals: { complaintRisk: 0.8 } }), 'human', 'complaint_risk'],
    ['a large order goes to a person', input({ contact: { vip: false, orderValue: 5000 }, policy: policy({ orderValueToHuman: 2000 }) }), 'human', 'order_value'],
    ['a small order does not', input({ contact: { vip: false, orderValue: 100 }, policy: policy({ orderValueToHuman: 2000 }) }), 'bot', 'faq_answer'],
    ['a tagged contact goes to a person', input({ contact: { vip: false, tags: ['wholesale'] }, policy: policy({ tagsToHuman: ['wholesale'] }) }), 'human', 'contact_tag'],
    ['peak window: 0.85 no longer enough', input({ now: new Date('2026-11-11T12:00:00+08:00'), signals: { complaintRisk: 0.85 }, policy: policy({ peakMode: PEAK }) }), 'bot', 'faq_answer'],
    ['peak window: 0.9 still goes to a person', input({ now: new Date('2026-11-11T12:00:00+08:00'), signals: { complaintRisk: 0.9 }, policy: policy({ peakMode: PEAK }) }), 'human', 'complaint_risk'],
    ['after the peak window: 0.85 goes to a person', input({ now: new Date('2026-11-12T00:00:00+08:00'), signals: { complaintRisk: 0.85 }, policy: policy({ peakMode: PEAK }) }), 'human', 'complaint_risk'],
    ['busy desk (6 waiting, 1 agent): 0.85 stays with the bot', input({ load: { waitingEscalations: 6, agentsOnline: 1 }, signals: { complaintRisk: 0.85 } }), 'bot', 'faq_answer'],
    ['same queue over 2 agents: 0.85 goes to a person', input({ load: { waitingEscalations: 6, agentsOnline: 2 }, signals: { complaintRisk: 0.85 } }), 'human', 'complaint_risk'],
    ['complaint signal off', input({ signals: { complaintRisk: 0.99 }, policy: policy({ complaintRiskToHuman: null }) }), 'bot', 'faq_answer'],
  ];
  it.each(table)('%s', (_case, given, tier, reason) => {
    expect(route(given)).toMatchObject({ tier, reason });
  });

  it('caps the load shift and never passes 1', () => {
    expect(complaintThreshold(input({ load: { waitingEscalations: 100, agentsOnline: 1 } }))).toBeCloseTo(0.95);
    expect(complaintThreshold(input({ load: { waitingEscalations: 100, agentsOnline: 0 }, policy: policy({ complaintRiskToHuman: 0.95, peakMode: { ...PEAK, raiseBy: 0.5 } }), now: new Date('2026-11-11T12:00:00+08:00') }))).toBe(1);
  });

  it('refuses business hours without an open day and malformed times', () => {
    expect(routingPolicySchema.safeParse({ businessHours: { utcOffsetMinutes: 480, days: {} } }).success).toBe(false);
    expect(routingPolicySchema.safeParse({ businessHours: { utcOffsetMinutes: 480, days: { 1: ['9:00', '18:00'] } } }).success).toBe(false);
    expect(DEFAULT_ROUTING_RULES.renotifyAfterSeconds).toBe(300);
  });
});
