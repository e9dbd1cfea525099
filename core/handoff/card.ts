/**
 * Builds an escalation's card from the database: who, where, why, a work-order summary, the last messages,
 * up to three knowledge-base suggestions with their answers, and the bot's draft for the middle tier.
 * The summary comes from an injected function (bot/assist/work-order-summary.ts in the hub), so core stays
 * free of bot/.
 */
import type { EscalationCard } from '../agent-desk.ts';
import type { ChannelKind } from '../messages.ts';
import type { Db } from '../storage/database.ts';

export interface SummaryInput {
  transcript: Array<{ author: 'customer' | 'bot' | 'agent' | 'system'; text: string }>;
  bestFaq?: { question: string; category?: string };
  complaintRisk: number;
}
export type Summarize = (input: SummaryInput) => EscalationCard['summary'];

/** A suggestion as the card shows it. */
export type CardSuggestion = EscalationCard['suggestions'][number];

const LAST_MESSAGES = 6;
const TRANSCRIPT_MESSAGES = 50;
const MAX_SUGGESTIONS = 3;

/** The FAQ rows behind stored `{faqId, confidence}` pairs, in order; deleted FAQs are left out. */
export async function suggestionsOf(db: Db, stored: unknown): Promise<CardSuggestion[]> {
  const pairs = (Array.isArray(stored) ? stored : [])
    .filter((item): item is { faqId: string; confidence: number } => typeof item === 'object' && item !== null && typeof (item as { faqId?: unknown }).faqId === 'string')
    .slice(0, MAX_SUGGESTIONS);
  if (pairs.length === 0) return [];
  const faqs = await db.faq.findMany({ where: { id: { in: pairs.map((pair) => pair.faqId) } }, select: { id: true, question: true, answer: true, category: true } });
  const byId = new Map(faqs.map((faq) => [faq.id, faq]));
  return pairs.flatMap((pair) => {
    const faq = byId.get(pair.faqId);
    return faq ? [{ faqId: faq.id, question: faq.question, answer: faq.answer, confidence: Number(pair.confidence) || 0 }] : [];
  });
}

export async function buildEscalationCard(db: Db, summarize: Summarize, escalationId: string): Promise<EscalationCard | undefined> {
  const escalation = await db.escalation.findUnique({
    where: { id: escalationId },
    include: { agent: { select: { id: true, name: true } }, conversation: { include: { inbox: true, contact: true } } },
  });
  if (!escalation) return undefined;
  const { conversation } = escalation;
  const messages = await db.message.findMany({
    where: { conversationId: conversation.id, direction: { in: ['incoming', 'outgoing'] }, status: { notIn: ['draft', 'rejected'] } },
    orderBy: { createdAt: 'desc' },
    take: TRANSCRIPT_MESSAGES,
    select: { author: true, text: true, createdAt: true, complaintRisk: true },
  });
  messages.reverse();
  const suggestions = await suggestionsOf(db, escalation.suggestions);
  const best = suggestions[0] ? await db.faq.findUnique({ where: { id: suggestions[0].faqId }, select: { question: true, category: true } }) : null;
  const risks = messages.filter((m) => m.author === 'customer').map((m) => m.complaintRisk ?? 0);
  const summary = summarize({
    transcript: messages.map((m) => ({ author: authorOf(m.author, 'system'), text: m.text })),
    ...(best ? { bestFaq: best } : {}),
    complaintRisk: risks.length > 0 ? Math.max(...risks) : 0,
  });
  const draft = escalation.tier === 'bot_draft'
    ? await db.message.findFirst({ where: { conversationId: conversation.id, status: 'draft' }, orderBy: { createdAt: 'desc' }, select: { id: true, text: true } })
    : null;
  return {
    escalationId: escalation.id,
    number: escalation.number ?? 0,
    conversationId: conversation.id,
    customer: { ...(conversation.contact.displayName ? { name: conversation.contact.displayName } : {}), channel: conversation.inbox.channel as ChannelKind, inboxName: conversation.inbox.name },
    tier: escalation.tier === 'bot_draft' ? 'bot_draft' : 'human',
    reason: escalation.reason,
    status: cardStatus(escalation.status),
    ...(escalation.agent ? { holder: { agentId: escalation.agent.id, name: escalation.agent.name } } : {}),
    summary,
    lastMessages: messages.slice(-LAST_MESSAGES).flatMap((m) => (m.author === 'system' ? [] : [{ author: authorOf(m.author, 'bot') as 'customer' | 'bot' | 'agent', text: m.text, at: m.createdAt }])),
    suggestions,
    ...(draft ? { draft: { messageId: draft.id, text: draft.text } } : {}),
  };
}

function authorOf<F extends 'system' | 'bot'>(author: string, fallback: F): 'customer' | 'bot' | 'agent' | F {
  return author === 'customer' || author === 'bot' || author === 'agent' ? author : fallback;
}

function cardStatus(status: string): EscalationCard['status'] {
  return status === 'claimed' || status === 'resolved' || status === 'handed_back' ? status : 'open';
}
