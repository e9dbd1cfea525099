/**
 * route() never plans a reply the channel would refuse: with no send budget left or the reply window closed,
 * the bot stays quiet (saying why) and a handoff still opens, without a customer line.
 */
import { describe, expect, it } from 'vitest';
import type { BotProposal, RankedFaq } from '../../../core/bot-contract.ts';
import { DEFAULT_ROUTING_RULES, type RoutingPolicy } from '../../../core/routing/policy.ts';
import { route, type RoutingInput, type SendRoom } from '../../../core/routing/route.ts';

const faq = (id: string, confidence: number, category = 'shipping'): RankedFaq => ({ faqId: id, confidence, question: `Question ${id}?`, answer: `Answer ${id}.`, category });
const matched = (...candidates: RankedFaq[]): BotProposal => ({ kind: 'matched', candidates, asksForHuman: false, locale: 'en' });
const policy: RoutingPolicy = { ...DEFAULT_ROUTING_RULES, answering: { answerThreshold: 0.7, suggestThreshold: 0.2, closeRunnerUp: 0.3 } };
const input = (proposal: BotProposal, send: SendRoom | undefined, overrides: Partial<RoutingInput> = {}): RoutingInput => ({
  proposal, ...(send ? { send } : {}), context: {}, signals: { complaintRisk: null }, contact: { vip: false }, now: new Date('2026-12-01T10:00:00Z'),
  load: { waitingEscalations: 0, agentsOnline: 0 }, policy, ...overrides,
});

const spent: SendRoom = { remaining: 0, windowOpen: true };
const closed: SendRoom = { remaining: 5, windowOpen: false };
const oneLeft: SendRoom = { remaining: 1, windowOpen: true };
const noBudget: SendRoom = { windowOpen: true };
const answer = matched(faq('a', 0.9));
const clarify = matched(faq('a', 0.5), faq('b', 0.1));
const low = matched(faq('a', 0.1));
const greeting: BotProposal = { kind: 'small_talk', act: 'greeting', text: 'Hello!', locale: 'en' };
const picture: BotProposal = { kind: 'media_only', media: 'image', text: 'Thanks for the picture.', toHuman: false, locale: 'en' };
const voice: BotProposal = { kind: 'media_only', media: 'audio', text: 'A person will listen.', toHuman: true, locale: 'en' };
const asks: BotProposal = { kind: 'matched', candidates: [faq('a', 0.9)], asksForHuman: true, locale: 'en' };

describe('route within the channel\'s send rules', () => {
  // [case, input, tier, reason, reply kind, silent handoff]
  const table: Array<[string, RoutingInput, string, string, string, boolean]> = [
    ['no rules on the channel: answered', input(answer, undefined), 'bot', 'faq_answer', 'answer', false],
    ['budget left: answered', input(answer, oneLeft), 'bot', 'faq_answer', 'answer', false],
    ['a window but no budget on the channel: answered', input(answer, noBudget), 'bot', 'faq_answer', 'answer', false],
    ['budget spent: no answer planned', input(answer, spent), 'bot', 'send_budget', 'none', false],
    ['window closed: no answer planned', input(answer, closed), 'bot', 'send_window', 'none', false],
    ['window closed and budget spent: the window is the reason', input(answer, { remaining: 0, windowOpen: false }), 'bot', 'send_window', 'none', false],
    ['budget spent: no "did you mean"', input(clarify, spent), 'bot', 'send_budget', 'none', false],
    ['budget spent: no greeting', input(greeting, spent), 'bot', 'send_budget', 'none', false],
    ['budget spent: no media notice', input(picture, spent), 'bot', 'send_budget', 'none', false],
    ['budget spent: a low-confidence question still goes to a person, silently', input(low, spent), 'human', 'low_confidence', 'handoff', true],
    ['window closed: an ask for a person still opens a handoff, silently', input(asks, closed), 'human', 'customer_asked', 'handoff', true],
    ['budget spent: a voice message still goes to a person, silently', input(voice, spent), 'human', 'media_only', 'handoff', true],
    ['budget left: the handoff has its line', input(low, oneLeft), 'human', 'low_confidence', 'handoff', false],
    ['budget spent: a draft still waits for an agent', input(matched(faq('c', 0.9, 'coupons')), spent, { policy: { ...policy, categoryTiers: { coupons: 'bot_draft' } } }), 'bot_draft', 'category', 'answer', false],
    ['an acknowledgement stays a plain acknowledgement', input({ kind: 'small_talk', act: 'acknowledgement', text: '', locale: 'en' }, spent), 'bot', 'small_talk', 'none', false],
  ];

  it.each(table)('%s', (_case, routingInput, tier, reason, reply, silent) => {
    const decision = route(routingInput);
    expect({ tier: decision.tier, reason: decision.reason, reply: decision.reply.kind }).toEqual({ tier, reason, reply });
    expect(decision.reply.kind === 'handoff' && decision.reply.silent === true).toBe(silent);
  });
});

describe('route of a customer action (a menu click)', () => {
  const table: Array<[string, RoutingInput, string, string, string]> = [
    ['"a person" hands over whatever the text matched', input(answer, undefined, { action: { type: 'human' } }), 'human', 'menu', 'handoff'],
    ['an FAQ the bot found: its answer', input({ kind: 'picked', faq: faq('f', 1), locale: 'zh' }, undefined, { action: { type: 'faq', faqId: 'f' } }), 'bot', 'menu', 'answer'],
    ['an FAQ deleted since: the click\'s text is matched as usual', input(answer, undefined, { action: { type: 'faq', faqId: 'gone' } }), 'bot', 'faq_answer', 'answer'],
    ['"a person" with the budget spent: a silent handoff', input(answer, spent, { action: { type: 'human' } }), 'human', 'menu', 'handoff'],
  ];
  it.each(table)('%s', (_case, routingInput, tier, reason, reply) => {
    const decision = route(routingInput);
    expect({ tier: decision.tier, reason: decision.reason, reply: decision.reply.kind }).toEqual({ tier, reason, reply });
  });
});
