/**
 * How the answer job stores a routing decision: the reply, the question marked answered, the unanswered
 * question an admin may turn into an FAQ, and the escalation. The common decisions (the bot answers by
 * itself, a person takes over and the customer is told) are one plain-SQL transaction each; the rest go
 * through Prisma and the conversation service.
 */
import type { ConversationService } from '../conversation/service.ts';
import { transition } from '../conversation/state-machine.ts';
import type { RoutingDecision } from '../routing/route.ts';
import { conversationStateOf, recordTransitionFrom, recordTransitionFromSql } from '../storage/conversation-events.ts';
import type { DbTransaction } from '../storage/database.ts';
import type { DirectTransaction } from '../storage/direct/direct-sql.ts';
import { insertBotReply, insertUnansweredQuestion, markAnswered, recordPickedFaq } from '../storage/bot-replies.ts';
import { openEscalation } from '../storage/escalations.ts';

/** The routing facts stored on a customer message. */
export interface Routed {
  complaintRisk?: number | null;
  tier?: string;
  routingReason?: string;
}

export interface StoredInbound {
  id: string;
  inboxId: string;
  conversationId: string;
  text: string;
  /** The conversation as read when the job began: the transition starts from it (checked, not read again). */
  conversation: Parameters<typeof conversationStateOf>[0];
}

export interface StoredReply {
  id: string;
  status: string;
}

/** The reply's confidence as stored: the best candidate's (1 for a pick, for small talk). */
export function confidenceOf(decision: RoutingDecision): number {
  const reply = decision.reply;
  return reply.kind === 'small_talk' || reply.kind === 'none' || reply.kind === 'notice' ? 1 : reply.confidence;
}

export async function storeDecision(
  tx: DbTransaction,
  conversations: ConversationService,
  message: StoredInbound,
  decision: RoutingDecision,
  text: string,
  replyKey: string,
  now: Date,
  routed: Routed,
): Promise<StoredReply | undefined> {
  const reply = decision.reply;
  const faqId = reply.kind === 'answer' ? reply.faq.faqId : null;
  const confidence = confidenceOf(decision);
  const offered = reply.kind === 'clarify' ? reply.offered : [];
  // A handoff with a line for the customer is storeHandoff's (plain SQL).
  if (reply.kind === 'handoff' && !reply.silent) throw new Error('a handoff with a notice is stored by storeHandoff');
  if (reply.kind === 'handoff') {
    // No line the channel would take: a person picks it up without one. The status guard keeps a re-run from escalating twice.
    const taken = await tx.message.updateMany({ where: { id: message.id, status: 'received' }, data: { status: 'answered', faqId, confidence, ...routed } });
    if (taken.count === 0) return undefined;
    const suggestions = roundedSuggestions(reply.candidates);
    if (decision.reason === 'low_confidence') await recordUnanswered(tx, message, confidence, reply.candidates, now);
    await conversations.escalate(message.conversationId, { reason: decision.reason, tier: 'human', suggestions, actor: 'bot' }, tx);
    return undefined;
  }
  const stored = await tx.message.create({
    select: { id: true, status: true },
    data: {
      conversationId: message.conversationId,
      inboxId: message.inboxId,
      direction: 'outgoing',
      author: 'bot',
      text,
      suggestions: offered.map((faq) => faq.question),
      offeredFaqIds: offered.map((faq) => faq.faqId),
      replyKey,
      inReplyToId: message.id,
      // The middle tier: an agent approves (or edits, or rejects) the bot's answer before it goes out.
      status: decision.tier === 'bot_draft' ? 'draft' : 'queued',
      faqId,
      confidence,
      tier: decision.tier,
      createdAt: now,
    },
  });
  await tx.message.update({ where: { id: message.id }, data: { status: 'answered', faqId, confidence, ...routed } });

  // "Did you mean…?" is a low-confidence answer too: an admin should see it among the unanswered questions.
  if (reply.kind === 'clarify') await recordUnanswered(tx, message, confidence, reply.offered, now);
  if (decision.tier === 'bot_draft' && reply.kind === 'answer') {
    await conversations.escalate(message.conversationId, { reason: decision.reason, tier: 'bot_draft', suggestions: [{ faqId: reply.faq.faqId, confidence: round(reply.confidence) }], actor: 'bot' }, tx);
    return stored;
  }
  const read = conversationStateOf(message.conversation);
  const result = transition(read, { type: 'bot_replied' }, now);
  // Refused, or the row changed since it was read (an agent claimed it meanwhile): keep their state, the
  // reply still goes out.
  if (result.ok) await recordTransitionFrom(tx, { conversationId: message.conversationId, read, next: result.next, event: { type: 'bot_replied' }, at: now, actor: 'bot' });
  return stored;
}

/** One decision of the answer job, as the plain-SQL paths store it (storeBotReply, storeHandoff). */
export interface DecisionToStore {
  message: StoredInbound;
  decision: RoutingDecision;
  text: string;
  replyKey: string;
  now: Date;
  routed: { complaintRisk: number; tier: string; routingReason: string };
  /** The customer picked this FAQ from the bot's "did you mean" to that question. */
  pick: { questionId: string; faqId: string } | undefined;
}

/** The bot answers by itself: no escalation to open, so its writes take the plain-SQL path (storeBotReply). */
export function repliesByItself(decision: RoutingDecision): boolean {
  return decision.tier === 'bot' && decision.reply.kind !== 'handoff' && decision.reply.kind !== 'none';
}

/**
 * storeDecision for a reply the bot sends by itself (repliesByItself), in one plain-SQL transaction: it runs
 * for most messages, and through Prisma it was the job's most expensive part. Same rows as storeDecision.
 */
export async function storeBotReply(tx: DirectTransaction, { message, decision, text, replyKey, now, routed, pick }: DecisionToStore): Promise<StoredReply> {
  const reply = decision.reply;
  const faqId = reply.kind === 'answer' ? reply.faq.faqId : null;
  const confidence = confidenceOf(decision);
  const offered = reply.kind === 'clarify' ? reply.offered : [];
  const stored = await insertBotReply(tx, {
    conversationId: message.conversationId,
    inboxId: message.inboxId,
    text,
    suggestions: offered.map((faq) => faq.question),
    offeredFaqIds: offered.map((faq) => faq.faqId),
    replyKey,
    inReplyToId: message.id,
    faqId,
    confidence,
    tier: decision.tier,
    createdAt: now,
  });
  await markAnswered(tx, message.id, { faqId, confidence, complaintRisk: routed.complaintRisk, tier: routed.tier, routingReason: routed.routingReason });
  if (reply.kind === 'clarify') {
    await insertUnansweredQuestion(tx, { inboxId: message.inboxId, conversationId: message.conversationId, messageId: message.id, text: message.text, confidence, suggestions: roundedSuggestions(reply.offered), createdAt: now });
  }
  if (pick) await recordPickedFaq(tx, pick.questionId, pick.faqId);
  const read = conversationStateOf(message.conversation);
  const result = transition(read, { type: 'bot_replied' }, now);
  // As in storeDecision: refused, or changed since it was read, keeps the row as it is; the reply still goes out.
  if (result.ok) await recordTransitionFromSql(tx, { conversationId: message.conversationId, read, next: result.next, event: { type: 'bot_replied' }, at: now, actor: 'bot' });
  return stored;
}

/** A person takes over and the customer is told so: the common handoff, stored in plain SQL (storeHandoff). */
export function handsOverWithNotice(decision: RoutingDecision): boolean {
  return decision.reply.kind === 'handoff' && !decision.reply.silent;
}

/**
 * storeDecision for handsOverWithNotice, in one plain-SQL transaction: the notice, the question marked
 * answered (and kept among the unanswered when the bot was unsure), and the escalation. Same rows as
 * storeDecision; an escalation the state machine refuses (an agent has the conversation) opens nothing and
 * the notice still goes out.
 */
export async function storeHandoff(tx: DirectTransaction, { message, decision, text, replyKey, now, routed, pick }: DecisionToStore): Promise<{ stored: StoredReply; escalationId: string | undefined }> {
  const reply = decision.reply;
  if (reply.kind !== 'handoff') throw new Error('storeHandoff stores handoffs only');
  const confidence = confidenceOf(decision);
  const stored = await insertBotReply(tx, {
    conversationId: message.conversationId,
    inboxId: message.inboxId,
    text,
    suggestions: [],
    offeredFaqIds: [],
    replyKey,
    inReplyToId: message.id,
    faqId: null,
    confidence,
    tier: decision.tier,
    createdAt: now,
  });
  await markAnswered(tx, message.id, { faqId: null, confidence, complaintRisk: routed.complaintRisk, tier: routed.tier, routingReason: routed.routingReason });
  const suggestions = roundedSuggestions(reply.candidates);
  if (decision.reason === 'low_confidence') {
    await insertUnansweredQuestion(tx, { inboxId: message.inboxId, conversationId: message.conversationId, messageId: message.id, text: message.text, confidence, suggestions, createdAt: now });
  }
  if (pick) await recordPickedFaq(tx, pick.questionId, pick.faqId);
  const escalationId = await openEscalation(tx, { conversationId: message.conversationId, reason: decision.reason, tier: 'human', suggestions, actor: 'bot', at: now });
  return { stored, escalationId };
}

/** The question an admin may turn into a new FAQ (grouped with its near-duplicates by bot/unanswered). */
async function recordUnanswered(tx: DbTransaction, message: StoredInbound, confidence: number, candidates: ReadonlyArray<{ faqId: string; confidence: number }>, now: Date) {
  await tx.unansweredQuestion.create({
    data: {
      inboxId: message.inboxId,
      conversationId: message.conversationId,
      messageId: message.id,
      text: message.text,
      confidence,
      suggestions: roundedSuggestions(candidates),
      createdAt: now,
    },
  });
}

/** FAQ suggestions as stored (escalations, unanswered questions): id and confidence to three places. */
function roundedSuggestions(candidates: ReadonlyArray<{ faqId: string; confidence: number }>): Array<{ faqId: string; confidence: number }> {
  return candidates.map((candidate) => ({ faqId: candidate.faqId, confidence: round(candidate.confidence) }));
}

export function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
