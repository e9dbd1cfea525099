/**
 * Who handles one customer message, decided in one place: a pure function of the bot's proposal, the
 * message's signals, the contact, the clock, the desk's load and the policy. The pipeline stores the
 * decision (tier and reason) with the message, so agents and admins see why.
 */
import type { BotProposal, ConversationContext, RankedFaq, SmallTalkAct } from '../bot-contract.ts';
import type { CustomerAction } from '../messages.ts';
import { confidenceTier } from './confidence.ts';
import type { RoutingPolicy, Tier } from './policy.ts';

/** What goes back to the customer now. */
export type ReplyPlan =
  | { kind: 'answer'; faq: RankedFaq; confidence: number; pickedFromOffer: boolean }
  | { kind: 'clarify'; offered: RankedFaq[]; confidence: number }
  | { kind: 'small_talk'; act: SmallTalkAct; text: string }
  /**
   * A person takes over; the candidates become the agent's suggestions. `notice` replaces the usual handoff
   * line; `silent` when the channel's send rules leave no room for any line (the escalation still opens).
   */
  | { kind: 'handoff'; candidates: RankedFaq[]; confidence: number; notice?: string; silent?: true }
  /** A fixed line of the bot's (media received), nothing matched. */
  | { kind: 'notice'; text: string }
  /** An acknowledgement ("ok", "好的"): nothing to say, nothing for a person. */
  | { kind: 'none' };

/** Why a message went where it went. Handoff reasons are also the escalation's reason. */
export type RoutingReason =
  | 'faq_answer'
  | 'picked_from_offer'
  | 'did_you_mean'
  | 'small_talk'
  | 'low_confidence'
  | 'customer_asked'
  | 'answer_repeated'
  | 'suggestions_declined'
  | 'complaint_risk'
  | 'vip'
  | 'order_value'
  | 'contact_tag'
  | 'category'
  | 'media_only'
  | 'menu'
  | 'send_budget'
  | 'send_window'
  | 'bot_failed';

export interface RoutingDecision {
  tier: Tier;
  reason: RoutingReason;
  reply: ReplyPlan;
}

/**
 * The room the channel's send rules leave (core/routing/send-allowance.ts): messages still allowed before the
 * customer writes again (undefined = no budget), and whether the reply window is open.
 */
export interface SendRoom {
  remaining?: number;
  windowOpen: boolean;
}

/** The facts routing reads besides the proposal. */
export interface RoutingInput {
  proposal: BotProposal;
  /** What the customer did instead of typing (a menu click), when the message stands for an action. */
  action?: CustomerAction;
  /** undefined when the channel has no window and no budget. */
  send?: SendRoom;
  context: Pick<ConversationContext, 'answeredFaqId'>;
  signals: { complaintRisk: number | null };
  contact: { vip: boolean; orderValue?: number; tags?: readonly string[] };
  now: Date;
  load: { waitingEscalations: number; agentsOnline: number };
  policy: RoutingPolicy;
}

export function route(input: RoutingInput): RoutingDecision {
  return withinSendRules(decide(input), input.send);
}

/**
 * A reply the channel would refuse is not planned: the bot stays quiet (and says why), a handoff still opens
 * for a person, without a customer line. A draft waits for an agent, who sees the channel's answer then.
 */
function withinSendRules(decision: RoutingDecision, send: SendRoom | undefined): RoutingDecision {
  if (send === undefined || decision.reply.kind === 'none') return decision;
  const blocked = !send.windowOpen ? 'send_window' : send.remaining === 0 ? 'send_budget' : undefined;
  if (!blocked) return decision;
  if (decision.reply.kind === 'handoff') return { ...decision, reply: { ...decision.reply, silent: true } };
  if (decision.tier === 'bot_draft') return decision;
  return { tier: 'bot', reason: blocked, reply: { kind: 'none' } };
}

function decide(input: RoutingInput): RoutingDecision {
  const { proposal, policy } = input;
  if (input.action?.type === 'human') return handOff('menu', []);
  // The FAQ the click names, found by the bot; one deleted since is matched on the click's text as usual.
  if (input.action?.type === 'faq' && proposal.kind === 'picked') {
    return { tier: 'bot', reason: 'menu', reply: { kind: 'answer', faq: proposal.faq, confidence: 1, pickedFromOffer: true } };
  }
  switch (proposal.kind) {
    case 'picked':
      // The customer chose it: as sure as the bot can be.
      return { tier: 'bot', reason: 'picked_from_offer', reply: { kind: 'answer', faq: proposal.faq, confidence: 1, pickedFromOffer: true } };
    case 'declined_offer':
      // The question behind the offer is already filed as unanswered; nothing left to suggest.
      return handOff('suggestions_declined', []);
    case 'small_talk':
      return { tier: 'bot', reason: 'small_talk', reply: proposal.text === '' ? { kind: 'none' } : { kind: 'small_talk', act: proposal.act, text: proposal.text } };
    case 'matched':
      return routeQuestion(input, proposal.candidates, proposal.asksForHuman, policy);
    case 'media_only':
      // Nothing the matcher could read: say it arrived, and let a person listen when the bot cannot.
      return proposal.toHuman
        ? { tier: 'human', reason: 'media_only', reply: { kind: 'handoff', candidates: [], confidence: 0, notice: proposal.text } }
        : { tier: 'bot', reason: 'media_only', reply: { kind: 'notice', text: proposal.text } };
  }
}

function routeQuestion(input: RoutingInput, candidates: RankedFaq[], asksForHuman: boolean, policy: RoutingPolicy): RoutingDecision {
  // Still matched: whatever else the message says becomes the agent's suggestions.
  if (asksForHuman) return handOff('customer_asked', candidates);
  if (policy.vipToHuman && input.contact.vip) return handOff('vip', candidates);
  const { orderValue, tags = [] } = input.contact;
  if (policy.orderValueToHuman !== null && orderValue !== undefined && orderValue >= policy.orderValueToHuman) return handOff('order_value', candidates);
  if (tags.some((tag) => policy.tagsToHuman.includes(tag))) return handOff('contact_tag', candidates);
  const risk = input.signals.complaintRisk;
  const threshold = complaintThreshold(input);
  if (threshold !== null && risk !== null && risk >= threshold) return handOff('complaint_risk', candidates);
  const tier = confidenceTier(candidates, policy.answering);
  if (tier.kind === 'escalate') return handOff('low_confidence', candidates);
  const confidence = candidates[0]!.confidence;
  if (tier.kind === 'clarify') {
    // Choices in another language than the question's are no help to the customer ("did you mean" in English
    // under a Chinese question); with none left a person takes it, all candidates as their suggestions.
    const offered = tier.offered.filter((faq) => inLanguage(faq, input.proposal.locale));
    if (offered.length === 0) return handOff('low_confidence', candidates);
    return { tier: 'bot', reason: 'did_you_mean', reply: { kind: 'clarify', offered, confidence } };
  }
  // The customer asks again what the bot just answered: the same answer again would go round in a circle.
  if (tier.best.faqId === input.context.answeredFaqId) return handOff('answer_repeated', candidates);
  const categoryTier = policy.categoryTiers[tier.best.category];
  if (categoryTier === 'human') return handOff('category', candidates);
  const reply: ReplyPlan = { kind: 'answer', faq: tier.best, confidence, pickedFromOffer: false };
  if (categoryTier === 'bot_draft') return { tier: 'bot_draft', reason: 'category', reply };
  return { tier: 'bot', reason: 'faq_answer', reply };
}

/**
 * The complaint threshold now: the policy's, raised during a promotion's peak window and when the escalations
 * waiting per agent online exceed the policy's comfort level (people keep the clear complaints; the bot takes
 * the borderline ones). Never above 1.
 */
export function complaintThreshold(input: Pick<RoutingInput, 'now' | 'load' | 'policy'>): number | null {
  const { policy, now, load } = input;
  if (policy.complaintRiskToHuman === null) return null;
  const at = now.getTime();
  const peak = policy.peakMode.windows.some((w) => Date.parse(w.from) <= at && at < Date.parse(w.to)) ? policy.peakMode.raiseBy : 0;
  const perAgent = load.waitingEscalations / Math.max(1, load.agentsOnline);
  const over = Math.max(0, Math.floor(perAgent - policy.loadShift.waitingPerAgent));
  const busy = Math.min(policy.loadShift.maxRaise, over * policy.loadShift.raiseBy);
  return Math.min(1, policy.complaintRiskToHuman + peak + busy);
}

/** Whether an FAQ is in `locale` (by primary language: `zh-CN` is `zh`); an FAQ without a locale fits any. */
export function inLanguage(faq: Pick<RankedFaq, 'locale'>, locale: BotProposal['locale']): boolean {
  if (faq.locale === undefined || faq.locale === '') return true;
  return faq.locale.toLowerCase().split(/[-_]/u)[0] === locale;
}

function handOff(reason: RoutingReason, candidates: RankedFaq[]): RoutingDecision {
  return { tier: 'human', reason, reply: { kind: 'handoff', candidates, confidence: candidates[0]?.confidence ?? 0 } };
}
