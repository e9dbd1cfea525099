/**
 * Queues the desks' notices. Each is a durable `notify` job (retried like any job) so a Slack or WeCom
 * outage delays a card instead of losing it. Job ids make a repeated request a no-op where it should be.
 */
import type { JobQueue } from '../queue/job-queue.ts';

let sequence = 0;

/** The card job's id: one per escalation, so a repeated request (or the recovery sweep) is a no-op while it lives. */
export const cardJobId = (escalationId: string) => `notify:card:${escalationId}`;

export const notifyJobs = {
  /** The card of a new escalation (once per escalation). */
  card: (queue: JobQueue, escalationId: string) => queue.add('notify', { escalationId, kind: 'card' }, { jobId: cardJobId(escalationId) }),
  /** The card again after a change of state (claim, resolve, hand back, draft decided): one per change. */
  update: (queue: JobQueue, escalationId: string) =>
    queue.add('notify', { escalationId, kind: 'update' }, { jobId: `notify:update:${escalationId}:${Date.now()}:${++sequence}` }),
  /** A customer message written while people hold the conversation, into the card's thread. */
  customerMessage: (queue: JobQueue, escalationId: string, customerMessageId: string) =>
    queue.add('notify', { escalationId, kind: 'customer_message', customerMessageId }, { jobId: `notify:message:${customerMessageId}` }),
  /** An agent's reply the customer's channel refused for good or that was given up, reported in the thread. */
  relayFailed: (queue: JobQueue, escalationId: string, failedMessageId: string) =>
    queue.add('notify', { escalationId, kind: 'relay_failed', failedMessageId }, { jobId: `notify:relay_failed:${failedMessageId}` }),
  /** A reminder for an escalation still unclaimed after `delayMs`. */
  renotify: (queue: JobQueue, escalationId: string, round: number, delayMs: number) =>
    queue.add('notify', { escalationId, kind: 'renotify', round }, { jobId: `notify:renotify:${escalationId}:${round}`, delayMs }),
};
