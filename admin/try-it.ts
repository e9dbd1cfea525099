/**
 * The "try it" box: a question run through the bot's proposal and the routing policy exactly as the hub
 * would (core/routing), without answering anyone — the top matches, the tier and the reason.
 */
import type { Bot, ConversationContext } from '../core/bot-contract.ts';
import type { RoutingPolicy } from '../core/routing/policy.ts';
import { route } from '../core/routing/route.ts';
import type { TryItResult } from './dependencies.ts';

export function createTryIt(bot: () => Promise<Pick<Bot, 'propose' | 'complaintRisk'>>, policy: RoutingPolicy | (() => Promise<RoutingPolicy>), now: () => Date = () => new Date()): (question: string) => Promise<TryItResult> {
  return async (question) => {
    const running = await bot();
    const rules = typeof policy === 'function' ? await policy() : policy;
    const context: ConversationContext = { offered: [] };
    const proposal = await running.propose(question, context);
    const complaintRisk = running.complaintRisk(question);
    const decision = route({ proposal, context, signals: { complaintRisk }, contact: { vip: false }, now: now(), load: { waitingEscalations: 0, agentsOnline: 0 }, policy: rules });
    const candidates = proposal.kind === 'matched' ? proposal.candidates : proposal.kind === 'picked' ? [proposal.faq] : [];
    const top = candidates[0]?.confidence ?? 0;
    return {
      tier: decision.reply.kind === 'clarify' ? `${decision.tier} (did you mean)` : decision.tier,
      reason: `${decision.reason} (confidence ${top.toFixed(2)}, complaint risk ${complaintRisk.toFixed(2)})`,
      candidates: candidates.map((c) => ({ faqId: c.faqId, question: c.question, confidence: c.confidence })),
    };
  };
}
