import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Bot, ConversationContext } from '../bot-contract.ts';
import { createConversationService, deliverJobId, type ConversationService } from '../conversation/service.ts';
import type { Logger } from '../logger.ts';
import type { Attachment, ConversationReference } from '../messages.ts';
import type { ContactEnricher } from '../contacts/enrichment.ts';
import { PermanentJobError, RetryLaterError, type JobQueue } from '../queue/job-queue.ts';
import type { RoutingPolicy } from '../routing/policy.ts';
import { route, type RoutingDecision } from '../routing/route.ts';
import type { Db, DbTransaction } from '../storage/database.ts';
import { isUniqueViolation } from '../storage/unique-violation.ts';
import { lastOutgoingBefore, previousIncoming, readInboundForAnswer } from '../storage/answer-reads.ts';
import type { DirectSql } from '../storage/direct/direct-sql.ts';
import { jsonStrings } from '../storage/json-strings.ts';
import { replyText } from './reply-text.ts';
import { forwardToAgents } from '../handoff/customer-waiting.ts';
import { csatThanks, localeOfText, readCsatScore } from '../handoff/customer-lines.ts';
import { notifyJobs } from '../handoff/notify-jobs.ts';
import { storedAction } from '../storage/customer-action.ts';
import { readDeskLoad, type DeskLoad } from './desk-load.ts';
import { sendRoomOf, type SendRulesOf } from './send-room.ts';
import { confidenceOf, handsOverWithNotice, repliesByItself, round, storeBotReply, storeDecision, storeHandoff, type DecisionToStore, type Routed, type StoredReply } from './decision-writes.ts';

export interface AnswerDependencies {
  db: Db;
  /** Plain SQL for what every answer reads (core/storage/answer-reads.ts) and for a reply the bot sends by itself (core/storage/bot-replies.ts). */
  direct: DirectSql;
  queue: JobQueue;
  logger: Logger;
  /** Customer attributes from the business's own system (core/contacts/enrichment.ts). @defaultValue none */
  enrichContact?: ContactEnricher;
  /** What the bot makes of a message (core/bot-contract.ts); bot/ implements it. */
  bot: Pick<Bot, 'propose' | 'phrase' | 'complaintRisk' | 'lines'>;
  /** The routing policy of an inbox (its own answer threshold, or the hub's). */
  policyFor: (inboxId: string) => RoutingPolicy;
  /** @defaultValue a service over the same db and queue */
  conversations?: ConversationService;
  now?: () => Date;
  /**
   * How long a webhook of this inbox waits for the reply to put it in its response
   * (ChannelCapabilities.syncReplyDeadlineMs). The deliver job is held back until that wait is over, so the
   * webhook, not the job, gets the first chance to claim a fast reply. @defaultValue none
   */
  syncReplyDeadlineMs?: (inboxId: string) => number | undefined;
  /**
   * The send rules of an inbox's channel (window, budget, and how a text is split), so routing never plans a
   * reply the channel would refuse. @defaultValue none: every reply fits
   */
  sendRulesFor?: SendRulesOf;
  /**
   * The desk's load for routing (waiting escalations, agents online); the composition root shares one
   * short-lived reading among answers (cachedDeskLoad). @defaultValue read for every answer
   */
  deskLoad?: () => Promise<DeskLoad>;
  /** Told each decision on a message (the composition root counts them for /metrics). */
  onDecision?: (decision: AnswerOutcome) => void;
  /**
   * Sends a reply this job just stored, in this job (the deliver job's work: claim, send, record), instead of
   * queueing a deliver job for it: one queue round trip less per message. A send that fails is handed to
   * the deliver job, with the channel's wait; a crash mid-send re-runs this job, which queues it.
   * @defaultValue none: every reply goes through a deliver job
   */
  deliverNow?: (replyId: string) => Promise<void>;
}

/** The labels of `kefu_answers_total`: core/routing's tier and reason, or `skipped` and why. */
export interface AnswerOutcome {
  tier: RoutingDecision['tier'] | 'skipped';
  reason: RoutingDecision['reason'] | 'with_human' | 'double_send';
}

/**
 * The `answer` job: asks the bot for a proposal on one stored customer message, routes it (core/routing),
 * stores the reply, the routing decision and the conversation's transition in one transaction, then queues
 * the reply's delivery.
 *
 * Idempotent: a message is answered only while it is `received`, and the reply's unique `replyKey` makes a
 * concurrent or repeated run store one reply; a repeated run re-queues delivery of that same reply.
 */
export async function answerMessage(deps: AnswerDependencies, messageId: string): Promise<void> {
  const now = deps.now?.() ?? new Date();
  const message = await readInboundForAnswer(deps.direct, messageId);
  if (!message || message.direction !== 'incoming') return;
  const log = deps.logger.child({ messageId, conversationId: message.conversationId });
  const replyKey = `bot:${message.id}`;

  if (message.status === 'received' && message.conversation.status !== 'bot') {
    // People hold the conversation: the bot stays quiet, the agents see the message, the customer is told.
    const policy = deps.policyFor(message.inboxId);
    const forwarded = await forwardToAgents(
      { db: deps.db, queue: deps.queue, now, ...(policy.businessHours ? { businessHours: policy.businessHours } : {}), ...(deps.sendRulesFor ? { sendRules: deps.sendRulesFor(message.inboxId) } : {}) },
      message,
      { complaintRisk: round(deps.bot.complaintRisk(message.text)), locale: message.conversation.contact.locale },
    );
    if (!forwarded) await markSkipped(deps.db, message.id, `conversation is ${message.conversation.status}`);
    deps.onDecision?.({ tier: 'skipped', reason: 'with_human' });
    log.info({ status: message.conversation.status, forwarded }, 'bot skipped: conversation is with a human');
    return;
  }
  const scored = message.status === 'received' && (await recordScore(deps, message, replyKey, now));
  if (scored) log.info('satisfaction score recorded');
  if (!scored && message.status === 'received' && (await isDoubleSend(deps.direct, message))) {
    await markSkipped(deps.db, message.id, 'sent twice: the first one is answered');
    deps.onDecision?.({ tier: 'skipped', reason: 'double_send' });
    log.info('bot skipped: the same message twice in a row');
    return;
  }
  // The reply this run stored, if it stored one: then there is no need to look it up again.
  let stored: StoredReply | undefined;
  if (!scored && message.status === 'received') {
    const { previous, offerQuestionId } = await lastReplyBefore(deps.direct, message);
    const { locale: customerLocale, vip, attributes } = message.conversation.contact;
    const attachments = attachmentKinds(message.attachments);
    const action = storedAction(message);
    const context: ConversationContext = {
      ...previous,
      ...(customerLocale ? { customerLocale } : {}),
      ...(attachments.length > 0 ? { attachments } : {}),
      ...(action?.type === 'faq' ? { chosenFaqId: action.faqId } : {}),
    };
    const proposal = await deps.bot.propose(message.text, context);
    // The matcher and the complaint detector are CPU work on this thread: a turn of the event loop between
    // them lets waiting webhooks be acknowledged instead of queueing behind a batch of answers.
    await nextTurn();
    const complaintRisk = round(deps.bot.complaintRisk(message.text));
    await nextTurn();
    const send = await sendRoomOf(deps.db, message.conversationId, deps.sendRulesFor?.(message.inboxId), now);
    const decision = route({
      proposal,
      ...(action ? { action } : {}),
      ...(send ? { send } : {}),
      context,
      signals: { complaintRisk },
      contact: { vip, ...contactFacts(attributes), ...(deps.enrichContact ? await deps.enrichContact(message.conversation.contact, message.conversation.reference as unknown as ConversationReference) : {}) },
      now,
      load: await (deps.deskLoad?.() ?? readDeskLoad(deps.db)),
      policy: deps.policyFor(message.inboxId),
    });
    const routed = { complaintRisk, tier: decision.tier, routingReason: decision.reason };
    if (decision.reply.kind === 'none') {
      // "ok", "好的", "👍": nothing to say back, and nothing for a person to pick up.
      await markSkipped(deps.db, message.id, QUIET_BECAUSE[decision.reason] ?? 'acknowledgement: no reply due', routed);
      deps.onDecision?.({ tier: decision.tier, reason: decision.reason });
      log.info({ tier: decision.tier, reason: decision.reason }, 'bot stayed quiet');
      return;
    }
    const text = await replyText(decision.reply, proposal, deps.bot, message.text);
    const conversations = deps.conversations ?? createConversationService({ db: deps.db, queue: deps.queue, logger: deps.logger, now: () => now });
    try {
      // The customer picked from the bot's "did you mean": the question it was about learns its FAQ.
      const pick = offerQuestionId && decision.reason === 'picked_from_offer' && decision.reply.kind === 'answer' ? { questionId: offerQuestionId, faqId: decision.reply.faq.faqId } : undefined;
      let escalationId: string | undefined;
      const toStore: DecisionToStore = { message, decision, text, replyKey, now, routed, pick };
      if (repliesByItself(decision)) stored = await deps.direct.transaction((tx) => storeBotReply(tx, toStore));
      else if (handsOverWithNotice(decision)) ({ stored, escalationId } = await deps.direct.transaction((tx) => storeHandoff(tx, toStore)));
      else {
        stored = await deps.db.$transaction(async (tx) => {
          const reply = await storeDecision(tx, conversations, message, decision, text, replyKey, now, routed);
          if (pick) await recordPick(tx, pick.questionId, pick.faqId);
          return reply;
        });
      }
      if (escalationId) await notifyJobs.card(deps.queue, escalationId);
      else if (decision.tier !== 'bot') {
        // After the commit, so the notify job finds the escalation.
        const escalation = await deps.db.escalation.findFirst({ where: { conversationId: message.conversationId, status: 'open' }, orderBy: { createdAt: 'desc' }, select: { id: true } });
        if (escalation) await notifyJobs.card(deps.queue, escalation.id);
      }
      log.info({ tier: decision.tier, reason: decision.reason, reply: decision.reply.kind, confidence: round(confidenceOf(decision)), complaintRisk }, 'bot decided');
      deps.onDecision?.({ tier: decision.tier, reason: decision.reason });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // A concurrent run of this job stored the reply: fine. Any other collision (two handoffs numbering
      // their escalations at once) stored nothing: fail so the job runs again, or the message is lost.
      const existing = await deps.db.message.findUnique({ where: { replyKey }, select: { id: true, status: true } });
      if (!existing) throw error;
      stored = existing;
    }
  }
  const reply = stored ?? (await deps.db.message.findUnique({ where: { replyKey }, select: { id: true, status: true } }));
  // 'sending' on a re-run: this job died mid-send; the deliver job takes the claim over once it is old.
  if (reply?.status !== 'queued' && reply?.status !== 'sending') return;
  let delayMs = syncReplyWaitLeft(deps.syncReplyDeadlineMs?.(message.inboxId), message.createdAt, deps.now?.() ?? new Date());
  if (stored && reply.status === 'queued' && delayMs === 0 && deps.deliverNow) {
    try {
      await deps.deliverNow(reply.id);
      return;
    } catch (error) {
      // Refused for good: recorded on the reply by the send itself, nothing to retry.
      if (error instanceof PermanentJobError) return;
      if (error instanceof RetryLaterError) delayMs = error.delayMs;
      log.warn({ err: error, replyId: reply.id }, 'sending at once failed: the deliver job retries it');
    }
  }
  await deps.queue.add('deliver', { messageId: reply.id }, { jobId: deliverJobId(reply.id), ...(delayMs > 0 ? { delayMs } : {}) });
}

/**
 * What is left of the webhook's wait for a reply to the message received at `receivedAt`: 0 once the webhook
 * has answered without it (a slow reply is then sent at once), or when the channel has no such wait.
 */
export function syncReplyWaitLeft(deadlineMs: number | undefined, receivedAt: Date, now: Date): number {
  if (!deadlineMs) return 0;
  return Math.max(0, receivedAt.getTime() + deadlineMs - now.getTime());
}

/** Why the bot left a message without a reply, by routing reason (anything else: an acknowledgement). */
const QUIET_BECAUSE: Partial<Record<RoutingDecision['reason'], string>> = {
  send_budget: 'send budget used: the channel allows no more messages until the customer writes again',
  send_window: "outside the channel's reply window: the customer must write again first",
};


/** Marks a received message as one the bot leaves without a reply, and why. */
async function markSkipped(db: Db, messageId: string, reason: string, extra: Routed = {}): Promise<void> {
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
async function isDoubleSend(direct: DirectSql, message: SentText): Promise<boolean> {
  const textOnly = (sent: Pick<SentText, 'text' | 'attachments'>) => sent.text.trim() !== '' && !(Array.isArray(sent.attachments) && sent.attachments.length > 0);
  // Two pictures, or two empty texts, are two messages.
  if (!textOnly(message)) return false;
  const before = await previousIncoming(direct, message.conversationId, message.createdAt, new Date(message.createdAt.getTime() - DOUBLE_SEND_MS));
  return before !== undefined && textOnly(before) && before.text.trim() === message.text.trim();
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
async function lastReplyBefore(direct: DirectSql, message: { conversationId: string; createdAt: Date }): Promise<LastReply> {
  const last = await lastOutgoingBefore(direct, message.conversationId, message.createdAt);
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
 * which FAQ that phrasing belongs to (app/cli/unanswered.ts).
 */
async function recordPick(tx: DbTransaction, questionId: string, faqId: string): Promise<void> {
  await tx.unansweredQuestion.updateMany({ where: { messageId: questionId }, data: { pickedFaqId: faqId } });
}


/** The kinds of a stored message's attachments (JSON written from InboundMessage.attachments). */
function attachmentKinds(stored: unknown): Attachment['kind'][] {
  if (!Array.isArray(stored)) return [];
  return stored.flatMap((item: unknown) => {
    const kind = (item as { kind?: unknown } | null)?.kind;
    return typeof kind === 'string' && ATTACHMENT_KINDS.has(kind) ? [kind as Attachment['kind']] : [];
  });
}

const ATTACHMENT_KINDS: ReadonlySet<string> = new Set<Attachment['kind']>(['image', 'audio', 'video', 'file', 'location', 'sticker']);

/** Order value and tags from the contact's attributes (kept there by the business's own system). */
function contactFacts(attributes: unknown): { orderValue?: number; tags?: string[] } {
  if (typeof attributes !== 'object' || attributes === null) return {};
  const { orderValue, tags } = attributes as { orderValue?: unknown; tags?: unknown };
  return {
    ...(typeof orderValue === 'number' && Number.isFinite(orderValue) ? { orderValue } : {}),
    ...(Array.isArray(tags) ? { tags: tags.filter((tag): tag is string => typeof tag === 'string') } : {}),
  };
}

/**
 * The customer's answer to the score question asked at resolve: stored as the conversation's csatScore and
 * thanked. Anything else (or a second answer) is a new question for the bot.
 */
async function recordScore(deps: AnswerDependencies, message: { id: string; inboxId: string; conversationId: string; text: string; createdAt: Date; conversation: { csatScore: number | null; contact: { locale: string | null } } }, replyKey: string, now: Date): Promise<boolean> {
  if (message.conversation.csatScore !== null) return false;
  const score = readCsatScore(message.text);
  if (score === undefined) return false;
  const asked = await lastOutgoingBefore(deps.direct, message.conversationId, message.createdAt);
  if (!asked?.replyKey?.startsWith('csat:')) return false;
  const thanks = await deps.db.$transaction(async (tx) => {
    const taken = await tx.message.updateMany({ where: { id: message.id, status: 'received' }, data: { status: 'answered', routingReason: 'csat_score' } });
    if (taken.count === 0) return undefined;
    await tx.conversation.update({ where: { id: message.conversationId }, data: { csatScore: score } });
    await tx.conversationEvent.create({ data: { conversationId: message.conversationId, type: 'csat', actor: 'customer', details: { score }, at: now } });
    return tx.message.create({
      data: { conversationId: message.conversationId, inboxId: message.inboxId, direction: 'outgoing', author: 'system', text: csatThanks(localeOfText(message.text, message.conversation.contact.locale)), replyKey, inReplyToId: message.id, status: 'queued', createdAt: now },
      select: { id: true },
    });
  });
  return thanks !== undefined;
}

