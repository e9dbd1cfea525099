/**
 * The hub's decision for one question in the shape the bot tests assert on: the bot's proposal routed by
 * core/routing with the given thresholds (no other policy), and the reply text the customer would get.
 */
import type { AnswerEngine } from '../../bot/answer-engine.ts';
import { botLines, replyLocaleOf } from '../../bot/compose-reply.ts';
import type { KnowledgeSnapshot } from '../../bot/knowledge-base.ts';
import type { BotProposal, ConversationContext, RankedFaq, SmallTalkAct } from '../../core/bot-contract.ts';
import { DEFAULT_ROUTING_RULES, type AnswerThresholds } from '../../core/routing/policy.ts';
import { route } from '../../core/routing/route.ts';

type Candidate = { faqId: string; confidence: number };
export type Decision =
  | { kind: 'answer'; text: string; faqId: string; confidence: number; pickedFromOffer?: true }
  | { kind: 'clarify'; text: string; suggestions: string[]; candidates: Candidate[]; confidence: number }
  | { kind: 'escalate'; text: string; candidates: Candidate[]; confidence: number; reason: string }
  | { kind: 'small_talk'; act: SmallTalkAct; text: string; confidence: number }
  | { kind: 'notice'; text: string; confidence: number };

const plain = (candidates: readonly RankedFaq[]): Candidate[] => candidates.map(({ faqId, confidence }) => ({ faqId, confidence }));

async function decisionOf(proposal: BotProposal, context: ConversationContext, thresholds: AnswerThresholds, phrase: (faq: RankedFaq) => Promise<string>): Promise<Decision> {
  const decision = route({
    proposal, context, signals: { complaintRisk: null }, contact: { vip: false }, now: new Date(), load: { waitingEscalations: 0, agentsOnline: 0 },
    policy: { ...DEFAULT_ROUTING_RULES, answering: thresholds },
  });
  const reply = decision.reply;
  switch (reply.kind) {
    case 'answer':
      return { kind: 'answer', text: reply.pickedFromOffer ? reply.faq.answer : await phrase(reply.faq), faqId: reply.faq.faqId, confidence: reply.confidence, ...(reply.pickedFromOffer ? { pickedFromOffer: true as const } : {}) };
    case 'clarify':
      return { kind: 'clarify', text: botLines.clarifyIntro(proposal.locale), suggestions: reply.offered.map((faq) => faq.question), candidates: plain(reply.offered), confidence: reply.confidence };
    case 'handoff':
      return { kind: 'escalate', text: reply.notice ?? botLines.handoffNotice(proposal.locale), candidates: plain(reply.candidates), confidence: reply.confidence, reason: decision.reason };
    case 'small_talk':
      return { kind: 'small_talk', act: reply.act, text: reply.text, confidence: 1 };
    case 'notice':
      return { kind: 'notice', text: reply.text, confidence: 1 };
    case 'none':
      return { kind: 'small_talk', act: proposal.kind === 'small_talk' ? proposal.act : 'acknowledgement', text: '', confidence: 1 };
  }
}

/** What the hub does with `question` in a conversation, through the engine (its rules, encoder and phrasing). */
export async function decide(engine: AnswerEngine, question: string, thresholds: AnswerThresholds, context: ConversationContext = { offered: [] }): Promise<Decision> {
  const proposal = await engine.propose(question, context);
  const candidates = proposal.kind === 'matched' ? proposal.candidates : [];
  return decisionOf(proposal, context, thresholds, (faq) => engine.phrase(question, faq, candidates));
}

/** The plain matcher's decision: its three best candidates, routed by confidence alone (no conversation rules). */
export async function plainDecision(question: string, snapshot: KnowledgeSnapshot, thresholds: AnswerThresholds): Promise<Decision> {
  const candidates = snapshot.matcher.match(question, 3).candidates.flatMap(({ faqId, confidence }) => {
    const entry = snapshot.entries.get(faqId);
    return entry ? [{ faqId, confidence, question: entry.question, answer: entry.answer, category: entry.category }] : [];
  });
  const proposal: BotProposal = { kind: 'matched', candidates, asksForHuman: false, locale: replyLocaleOf(question) };
  return decisionOf(proposal, { offered: [] }, thresholds, async (faq) => faq.answer);
}
