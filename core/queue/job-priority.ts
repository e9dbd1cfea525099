/**
 * Which waiting job runs first when a worker has a free slot: replies to customers before new questions.
 * Answer and deliver jobs shared one first-in-first-out line, so under a backlog a finished answer waited
 * behind every question that came in after it (1.5 answers/s reached customers while 46/s were decided).
 * A reply is the end of work already paid for; a question is the start of new work.
 *
 * Lower runs first, as BullMQ's `priority` reads it; the in-process queue honours the same order. Within
 * one priority, jobs run in the order they were added.
 */
import type { JobName } from './job-queue.ts';

export const JOB_PRIORITY: Readonly<Record<JobName, number>> = {
  deliver: 1,
  // Fetching a "come and fetch" inbox is a webhook's other half: the channel's messages wait on it.
  pull: 2,
  // Telling agents about an escalation comes before new questions: a person is waiting on it.
  notify: 2,
  answer: 3,
};
