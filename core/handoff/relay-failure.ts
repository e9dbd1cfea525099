/**
 * An agent's reply that failed for good (the customer's channel refused it, or was down past every retry)
 * is reported in the escalation's desk thread, never dropped silently (issue 19). Called from the deliver
 * job's give-up hook, which runs for permanent refusals and for retries used up alike.
 */
import type { JobQueue } from '../queue/job-queue.ts';
import type { Db } from '../storage/database.ts';
import { notifyJobs } from './notify-jobs.ts';

/** @returns whether a report was queued (only for an agent's reply in a conversation that was escalated). */
export async function reportFailedRelay(deps: { db: Db; queue: JobQueue }, messageId: string): Promise<boolean> {
  const message = await deps.db.message.findUnique({ where: { id: messageId }, select: { author: true, status: true, conversationId: true } });
  if (message?.author !== 'agent' || message.status !== 'failed') return false;
  // The latest escalation: the agent replied from its card, whatever its state since (resolved meanwhile).
  const escalation = await deps.db.escalation.findFirst({ where: { conversationId: message.conversationId }, orderBy: { createdAt: 'desc' }, select: { id: true } });
  if (!escalation) return false;
  await notifyJobs.relayFailed(deps.queue, escalation.id, messageId);
  return true;
}
