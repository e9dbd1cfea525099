/**
 * A customer writes while people hold the conversation: the bot stays out of it, the message goes into the
 * card's thread, and once per handoff the customer is told a person will reply and roughly when (or, out
 * of hours, when the team is back).
 */
import { deliverJobId } from '../conversation/service.ts';
import type { JobQueue } from '../queue/job-queue.ts';
import type { BusinessHours } from '../routing/policy.ts';
import type { Db } from '../storage/database.ts';
import { isUniqueViolation } from '../storage/unique-violation.ts';
import { hasRoom, sendRoomOf, type SendRulesOf } from '../pipeline/send-room.ts';
import { closedLine, localeOfText, waitingLine } from './customer-lines.ts';
import { notifyJobs } from './notify-jobs.ts';
import { estimateWaitMinutes, loadWaitFacts, localTime, nextOpening } from './wait-estimate.ts';

export interface WaitingDependencies {
  db: Db;
  queue: JobQueue;
  businessHours?: BusinessHours;
  now: Date;
  /** The channel's send rules: no acknowledgement the channel would refuse (it is given on a later message then). */
  sendRules?: ReturnType<SendRulesOf>;
}

export interface WaitingMessage {
  id: string;
  inboxId: string;
  conversationId: string;
  text: string;
}

/** @returns false when the conversation has no live escalation (nothing to forward to). */
export async function forwardToAgents(
  deps: WaitingDependencies,
  message: WaitingMessage,
  extra: { complaintRisk: number | null; locale?: string | null },
): Promise<boolean> {
  const { db, queue, now } = deps;
  const escalation = await db.escalation.findFirst({
    where: { conversationId: message.conversationId, status: { in: ['open', 'claimed'] } },
    orderBy: { createdAt: 'desc' },
    select: { id: true, status: true },
  });
  if (!escalation) return false;
  await db.message.updateMany({
    where: { id: message.id, status: 'received' },
    data: { status: 'answered', tier: 'human', routingReason: 'forwarded_to_agent', complaintRisk: extra.complaintRisk },
  });
  await notifyJobs.customerMessage(queue, escalation.id, message.id);
  if (escalation.status === 'open') await acknowledgeOnce(deps, message, escalation.id, localeOfText(message.text, extra.locale));
  return true;
}

async function acknowledgeOnce(deps: WaitingDependencies, message: WaitingMessage, escalationId: string, locale: 'zh' | 'en'): Promise<void> {
  if (!hasRoom(await sendRoomOf(deps.db, message.conversationId, deps.sendRules, deps.now))) return;
  const back = nextOpening(deps.now, deps.businessHours);
  const text = back && deps.businessHours ? closedLine(locale, localTime(back, deps.businessHours)) : waitingLine(locale, estimateWaitMinutes(await loadWaitFacts(deps.db)));
  try {
    const ack = await deps.db.message.create({
      data: { conversationId: message.conversationId, inboxId: message.inboxId, direction: 'outgoing', author: 'system', text, replyKey: `ack:${escalationId}`, inReplyToId: message.id, status: 'queued', createdAt: deps.now },
      select: { id: true },
    });
    await deps.queue.add('deliver', { messageId: ack.id }, { jobId: deliverJobId(ack.id) });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error; // already acknowledged during this handoff
  }
}
