import type { BotDecision } from '../../bot/compose-reply.ts';
import type { ConversationContext } from '../../bot/answer-engine.ts';
import { transition, type ConversationEvent } from '../conversation/state-machine.ts';
import type { Logger } from '../logger.ts';
import type { JobQueue } from '../queue/job-queue.ts';
import { conversationStateOf, recordTransition } from '../storage/conversation-events.ts';
import type { Db, DbTransaction } from '../storage/database.ts';
import { isUniqueViolation } from '../storage/unique-violation.ts';
import { jsonStrings } from '../storage/json-strings.ts';

export interface AnswerDependencies {
  db: Db;
  queue: JobQueue;
  logger: Logger;
  /**
   * The bot's decision for a question in an inbox (knowledge base + thresholds), knowing the conversation:
   * its previous reply (a "did you mean" the question may pick from, an answer it may repeat) and the
   * customer's language.
   */
  decide: (question: string, inboxId: string, context: ConversationContext) => Promise<BotDecision>;
  /**
   * Complaint / anger risk of a customer message, 0..1, stored on it for the routing policy (#3) and the
   * numbers. @defaultValue none (not recorded)
   */
  complaintRisk?: (text: string) => number;
  now?: () => Date;
}

/**
 * The `answer` job: decides the bot's reply to one stored customer message, stores the reply and the
 * conversation's transition in one transaction, then queues its delivery.
 *
 * Idempotent: a message is answered only while it is `received`, and the reply's unique `replyKey` makes a
 * concurrent or repeated run store one reply; a repeated run re-queues delivery of that same reply.
 */
export async function answerMessage(deps: AnswerDependencies, messageId: string): Promise<void> {
  const now = deps.now?.() ?? new Date();
  const message = await deps.db.message.findUnique({
    where: { id: messageId },
    include: { conversation: { include: { contact: { select: { locale: true } } } } },
  });
  if (!message || message.direction !== 'incoming') return;
  const log = deps.logger.child({ messageId, conversationId: message.conversationId });
  const replyKey = `bot:${message.id}`;

  if (message.status === 'received' && message.conversation.status !== 'bot') {
    // A human owns the conversation; the bot stays quiet. (#3 forwards the message to the agent.)
    await markSkipped(deps.db, message.id, `conversation is ${message.conversation.status}`);
    log.info({ status: message.conversation.status }, 'bot skipped: conversation is with a human');
    return;
  }
  if (message.status === 'received' && (await isDoubleSend(deps.db, message))) {
    await markSkipped(deps.db, message.id, 'sent twice: the first one is answered');
    log.info('bot skipped: the same message twice in a row');
    return;
  }
  if (message.status === 'received') {
    const { previous, offerQuestionId } = await lastReplyBefore(deps.db, message);
    const customerLocale = message.conversation.contact.locale;
    const decision = await deps.decide(message.text, message.inboxId, { ...previous, ...(customerLocale ? { customerLocale } : {}) });
    const complaintRisk = deps.complaintRisk ? round(deps.complaintRisk(message.text)) : null;
    if (decision.kind === 'small_talk' && decision.text === '') {
      // "ok", "好的", "👍": nothing to say back, and nothing for a person to pick up.
      await markSkipped(deps.db, message.id, 'acknowledgement: no reply due', { complaintRisk });
      log.info({ decision: decision.kind, act: decision.act }, 'bot stayed quiet');
      return;
    }
    try {
      await deps.db.$transaction(async (tx) => {
        await storeDecision(tx, message, decision, replyKey, now, complaintRisk);
        if (offerQuestionId && decision.kind === 'answer' && decision.pickedFromOffer) await recordPick(tx, offerQuestionId, decision.faqId);
      });
      log.info({ decision: decision.kind, confidence: round(decision.confidence), complaintRisk }, 'bot decided');
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }
  const reply = await deps.db.message.findUnique({ where: { replyKey }, select: { id: true, status: true } });
  if (reply?.status === 'queued') await deps.queue.add('deliver', { messageId: reply.id }, { jobId: `deliver:${reply.id}` });
}

/** Marks a received message as one the bot leaves without a reply, and why. */
async function markSkipped(db: Db, messageId: string, reason: string, extra: { complaintRisk?: number | null } = {}): Promise<void> {
  await db.message.updateMany({ where: { id: messageId, status: 'received' }, data: { status: 'skipped', failureReason: reason, ...extra } });
}

/** The same text again within this time is one message sent twice (a double tap, a flaky network's retry). */
const DOUBLE_SEND_MS = 10 * 1000;

interface SentText {
  conversationId: string;
  createdAt: Date;
  text: string;
  attachments: unknown;
}

/** Whether `message` repeats the customer's previous message word for word, moments later: one reply covers both. */
async function isDoubleSend(db: Db, message: SentText): Promise<boolean> {
  const textOnly = (sent: Pick<SentText, 'text' | 'attachments'>) => sent.text.trim() !== '' && !(Array.isArray(sent.attachments) && sent.attachments.length > 0);
  // Two pictures, or two empty texts, are two messages.
  if (!textOnly(message)) return false;
  const before = await db.message.findFirst({
    where: { conversationId: message.conversationId, direction: 'incoming', createdAt: { lt: message.createdAt, gte: new Date(message.createdAt.getTime() - DOUBLE_SEND_MS) } },
    orderBy: { createdAt: 'desc' },
    select: { text: true, attachments: true },
  });
  return before !== null && textOnly(before) && before.text.trim() === message.text.trim();
}

/**
 * When an answer counts as just given: the same question again in this window means the answer did not
 * help. It opens a little after the answer, so a rephrasing sent before the answer could be read gets the
 * answer again rather than a person (the very same words within seconds are a double send, skipped above).
 */
const REPEAT_WINDOW_MS = { from: 15 * 1000, to: 60 * 60 * 1000 };

/** The bot's previous reply, and the customer message its "did you mean" (if it was one) was about. */
interface LastReply {
  previous: Pick<ConversationContext, 'offered' | 'answeredFaqId'>;
  offerQuestionId?: string;
}

/**
 * The conversation's last reply before `message`, as the bot's next decision needs it: nothing when an
 * agent spoke last (a "2" then is not a pick, a repeated question is for the agent).
 */
async function lastReplyBefore(db: Db, message: { conversationId: string; createdAt: Date }): Promise<LastReply> {
  const last = await db.message.findFirst({
    where: { conversationId: message.conversationId, direction: 'outgoing', createdAt: { lt: message.createdAt } },
    orderBy: { createdAt: 'desc' },
    select: { author: true, suggestions: true, offeredFaqIds: true, inReplyToId: true, faqId: true, createdAt: true },
  });
  if (last?.author !== 'bot') return { previous: { offered: [] } };
  const questions = jsonStrings(last.suggestions);
  const faqIds = jsonStrings(last.offeredFaqIds);
  // Both lists are written together; a reply from before offeredFaqIds existed has none.
  const offered = faqIds.length === questions.length ? faqIds.map((faqId, i) => ({ faqId, question: questions[i]! })) : [];
  const sinceReply = message.createdAt.getTime() - last.createdAt.getTime();
  const recent = sinceReply >= REPEAT_WINDOW_MS.from && sinceReply <= REPEAT_WINDOW_MS.to;
  return {
    previous: { offered, ...(last.faqId && recent ? { answeredFaqId: last.faqId } : {}) },
    ...(offered.length > 0 && last.inReplyToId ? { offerQuestionId: last.inReplyToId } : {}),
  };
}

/**
 * Notes on the unanswered question behind a "did you mean" which FAQ the customer picked: the admin sees
 * which FAQ that phrasing belongs to (bot/unanswered/report-cli.ts).
 */
async function recordPick(tx: DbTransaction, questionId: string, faqId: string): Promise<void> {
  await tx.unansweredQuestion.updateMany({ where: { messageId: questionId }, data: { pickedFaqId: faqId } });
}

interface StoredInbound {
  id: string;
  inboxId: string;
  conversationId: string;
  text: string;
}

async function storeDecision(
  tx: DbTransaction,
  message: StoredInbound,
  decision: BotDecision,
  replyKey: string,
  now: Date,
  complaintRisk: number | null,
): Promise<void> {
  const faqId = decision.kind === 'answer' ? decision.faqId : null;
  await tx.message.create({
    data: {
      conversationId: message.conversationId,
      inboxId: message.inboxId,
      direction: 'outgoing',
      author: 'bot',
      text: decision.text,
      suggestions: decision.kind === 'clarify' ? decision.suggestions : [],
      offeredFaqIds: decision.kind === 'clarify' ? decision.candidates.map((candidate) => candidate.faqId) : [],
      replyKey,
      inReplyToId: message.id,
      status: 'queued',
      faqId,
      confidence: decision.confidence,
      createdAt: now,
    },
  });
  await tx.message.update({ where: { id: message.id }, data: { status: 'answered', faqId, confidence: decision.confidence, complaintRisk } });

  // "Did you mean…?" is a low-confidence answer too: an admin should see it among the unanswered questions.
  // A request for a person is not a question an FAQ could answer.
  if (decision.kind === 'clarify' || (decision.kind === 'escalate' && decision.reason === 'low_confidence')) await recordUnanswered(tx, message, decision, now);

  const conversation = await tx.conversation.findUniqueOrThrow({ where: { id: message.conversationId } });
  const event: ConversationEvent = decision.kind === 'escalate' ? { type: 'escalate', reason: decision.reason } : { type: 'bot_replied' };
  const result = transition(conversationStateOf(conversation), event, now);
  if (!result.ok) return; // e.g. an agent claimed it meanwhile: keep their state, the reply still goes out.
  await recordTransition(tx, conversation.id, conversation.status, result.next, event, now, 'bot');
  if (decision.kind === 'escalate') await recordEscalation(tx, message, decision, now);
}

/** The handoff record, with the top suggestions for the agent. */
async function recordEscalation(tx: DbTransaction, message: StoredInbound, decision: Extract<BotDecision, { kind: 'escalate' }>, now: Date) {
  await tx.escalation.create({
    data: { conversationId: message.conversationId, reason: decision.reason, tier: 'human', suggestions: suggestionsOf(decision), status: 'open', createdAt: now },
  });
}

/** The question an admin may turn into a new FAQ (grouped with its near-duplicates by bot/unanswered). */
async function recordUnanswered(tx: DbTransaction, message: StoredInbound, decision: Unanswered, now: Date) {
  await tx.unansweredQuestion.create({
    data: {
      inboxId: message.inboxId,
      conversationId: message.conversationId,
      messageId: message.id,
      text: message.text,
      confidence: decision.confidence,
      suggestions: suggestionsOf(decision),
      createdAt: now,
    },
  });
}

/** A decision that leaves the question unanswered: "did you mean", or a handoff. */
type Unanswered = Extract<BotDecision, { kind: 'clarify' | 'escalate' }>;

function suggestionsOf(decision: Unanswered) {
  return decision.candidates.map((candidate) => ({ faqId: candidate.faqId, confidence: round(candidate.confidence) }));
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
