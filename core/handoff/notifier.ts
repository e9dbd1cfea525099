/**
 * The `notify` job: keeps every configured desk's view of an escalation current. A new escalation's card is
 * posted to each desk and its DeskRef stored on the escalation (per desk, as each succeeds, so a retry after
 * one desk failed does not post twice to the other); state changes update the card; customer messages go
 * into the card's thread with fresh suggestions; an unclaimed escalation is re-announced, then louder.
 */
import type { AgentDesk, EscalationCard } from '../agent-desk.ts';
import type { Logger } from '../logger.ts';
import type { JobPayloads, JobQueue } from '../queue/job-queue.ts';
import type { Db } from '../storage/database.ts';
import { buildEscalationCard, type CardSuggestion, type Summarize } from './card.ts';
import { readDeskRefs, writeDeskRefs, type DeskKind } from './external-ref.ts';
import { notifyJobs } from './notify-jobs.ts';

/** What the notifier uses of a desk. */
export type NotifiedDesk = Pick<AgentDesk, 'kind' | 'postCard' | 'updateCard' | 'postToThread'>;

export interface HandoffNotifierOptions {
  db: Db;
  queue: JobQueue;
  desks: readonly NotifiedDesk[];
  summarize: Summarize;
  /** Fresh knowledge-base suggestions for a customer message (the bot's matcher in the hub). */
  suggest: (text: string) => Promise<CardSuggestion[]>;
  /** Wait before an unclaimed escalation is announced again (and again, louder). */
  renotifyAfterMs: number;
  logger: Logger;
  now?: () => Date;
}

/** Reminder rounds: the first a plain reminder, the second louder; then the card stays as it is. */
export const RENOTIFY_ROUNDS = 2;

export function createHandoffNotifier(options: HandoffNotifierOptions): (data: JobPayloads['notify']) => Promise<void> {
  const { db, desks, logger } = options;
  const now = options.now ?? (() => new Date());

  async function postCard(escalationId: string): Promise<void> {
    const card = await buildEscalationCard(db, options.summarize, escalationId);
    if (!card) return;
    for (const desk of desks) {
      const current = readDeskRefs((await db.escalation.findUniqueOrThrow({ where: { id: escalationId }, select: { externalRef: true } })).externalRef);
      if (current[desk.kind]) continue;
      const ref = await desk.postCard(card);
      await db.escalation.update({ where: { id: escalationId }, data: { externalRef: writeDeskRefs({ ...current, [desk.kind]: ref }) } });
    }
    if (card.status === 'open') await notifyJobs.renotify(options.queue, escalationId, 1, options.renotifyAfterMs);
  }

  /** Runs `act` on every desk that shows the card; a desk whose card is not posted yet makes the job retry. */
  async function onEachCard(escalationId: string, act: (desk: NotifiedDesk, ref: Record<string, string>, card: EscalationCard) => Promise<void>): Promise<void> {
    const card = await buildEscalationCard(db, options.summarize, escalationId);
    if (!card) return;
    const refs = readDeskRefs((await db.escalation.findUniqueOrThrow({ where: { id: escalationId }, select: { externalRef: true } })).externalRef);
    const missing: DeskKind[] = [];
    for (const desk of desks) {
      const ref = refs[desk.kind];
      if (ref) await act(desk, ref, card);
      else missing.push(desk.kind);
    }
    if (missing.length > 0) throw new Error(`escalation card not posted yet on ${missing.join(', ')}`);
  }

  return async (data) => {
    switch (data.kind) {
      case 'card':
        return postCard(data.escalationId);
      case 'update':
        return onEachCard(data.escalationId, (desk, ref, card) => desk.updateCard(ref, card));
      case 'customer_message': {
        const message = await db.message.findUnique({ where: { id: data.customerMessageId ?? '' }, select: { text: true } });
        if (!message) return;
        const suggestions = await options.suggest(message.text);
        return onEachCard(data.escalationId, (desk, ref, card) => desk.postToThread(ref, customerMessageText(card.customer.name, message.text, suggestions)));
      }
      case 'relay_failed': {
        const failed = await db.message.findUnique({ where: { id: data.failedMessageId ?? '' }, select: { text: true, failureReason: true } });
        if (!failed) return;
        return onEachCard(data.escalationId, (desk, ref, card) => desk.postToThread(ref, relayFailedText(card.number, failed.text, failed.failureReason)));
      }
      case 'renotify': {
        const escalation = await db.escalation.findUnique({ where: { id: data.escalationId }, select: { status: true, createdAt: true } });
        if (escalation?.status !== 'open') return;
        const round = data.round ?? 1;
        const minutes = Math.max(1, Math.round((now().getTime() - escalation.createdAt.getTime()) / 60_000));
        logger.info({ escalationId: data.escalationId, round }, 'escalation still unclaimed: notifying again');
        await onEachCard(data.escalationId, (desk, ref, card) => desk.postToThread(ref, reminderText(card.number, minutes, round)));
        if (round < RENOTIFY_ROUNDS) await notifyJobs.renotify(options.queue, data.escalationId, round + 1, options.renotifyAfterMs);
        return;
      }
    }
  };
}

/** The reminder; the second round is louder (the desks escape markup, so "louder" is in the words). */
export function reminderText(number: number, minutes: number, round: number): string {
  return round <= 1
    ? `⏰ #${number} is still waiting for someone to claim it (${minutes} min). / #${number} 仍无人认领`
    : `🚨🚨 URGENT: #${number} has waited ${minutes} min and NOBODY has claimed it. Please claim it now! / 紧急：#${number} 仍无人认领！`;
}

/** An agent's reply that never reached the customer: said where the agent works, with the channel's reason. */
export function relayFailedText(number: number, reply: string, reason: string | null): string {
  const quoted = reply.length > 80 ? `${reply.slice(0, 79)}…` : reply;
  return `⚠️ #${number}: this reply did NOT reach the customer / 回复未送达客户: "${quoted}"\nReason / 原因: ${reason ?? 'unknown'}`;
}

/** A customer's later message for the card's thread, with fresh suggestions numbered like the card's. */
export function customerMessageText(name: string | undefined, text: string, suggestions: readonly CardSuggestion[]): string {
  const lines = [`${name ?? 'Customer'}: ${text}`];
  if (suggestions.length > 0) {
    lines.push('', 'Suggestions / 推荐答案:');
    suggestions.slice(0, 3).forEach((s, i) => lines.push(`${i + 1}. ${s.question} (${Math.round(s.confidence * 100)}%)`, `   ${s.answer}`));
  }
  return lines.join('\n');
}
