/**
 * What happens to a customer message whose answer job was given up (the bot kept failing): the conversation
 * goes to a person (reason `bot_failed`) and the customer is told, instead of the message staying
 * `received` with nobody answering it.
 */
import type { ConversationService } from '../conversation/service.ts';
import { deliverJobId } from '../conversation/service.ts';
import type { JobQueue } from '../queue/job-queue.ts';
import type { Db } from '../storage/database.ts';
import { isUniqueViolation } from '../storage/unique-violation.ts';
import { notifyJobs } from '../handoff/notify-jobs.ts';

export interface BotFailedDependencies {
  db: Db;
  queue: JobQueue;
  conversations: ConversationService;
  /** The handoff notice for the customer's message, in their language. */
  notice: (customerText: string) => string;
  now?: () => Date;
}

export async function handOverUnanswerable(deps: BotFailedDependencies, messageId: string): Promise<void> {
  const now = deps.now?.() ?? new Date();
  const message = await deps.db.message.findUnique({ where: { id: messageId } });
  if (!message || message.direction !== 'incoming' || message.status !== 'received') return;
  const replyKey = `bot:${message.id}`;
  let replyId: string | undefined;
  try {
    replyId = await deps.db.$transaction(async (tx) => {
      await tx.message.update({ where: { id: message.id }, data: { status: 'answered', tier: 'human', routingReason: 'bot_failed', failureReason: 'the bot could not answer' } });
      const conversation = await tx.conversation.findUniqueOrThrow({ where: { id: message.conversationId }, select: { status: true } });
      // Already with a person: they see the message; nothing to hand over.
      if (conversation.status !== 'bot') return undefined;
      await deps.conversations.escalate(message.conversationId, { reason: 'bot_failed', tier: 'human', suggestions: [], actor: 'system' }, tx);
      const reply = await tx.message.create({
        data: { conversationId: message.conversationId, inboxId: message.inboxId, direction: 'outgoing', author: 'bot', text: deps.notice(message.text), replyKey, inReplyToId: message.id, status: 'queued', tier: 'human', createdAt: now },
        select: { id: true },
      });
      return reply.id;
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  if (replyId) await deps.queue.add('deliver', { messageId: replyId }, { jobId: deliverJobId(replyId) });
  const escalation = await deps.db.escalation.findFirst({ where: { conversationId: message.conversationId, status: 'open' }, orderBy: { createdAt: 'desc' }, select: { id: true } });
  if (escalation) await notifyJobs.card(deps.queue, escalation.id);
}
