/**
 * Channel events: happenings that are not customer messages (WeChat OA `subscribe`, kf `enter_session`,
 * `msg_send_fail`, session-state changes). Each is recorded once as a ConversationEvent on its conversation
 * (deduped by `details.eventId`), and an event that asks for a welcome (`details.welcome === true`) gets
 * the configured welcome text, queued like any reply. Channel-neutral: what an event means for the channel
 * (a kf welcome code to answer through) travels in its details, which the deliver job hands back to the
 * adapter as `replyToExternalMessageId`.
 *
 * Never throws: an event that cannot be recorded is logged, so a webhook or a pull is never failed by one.
 */
import type { ChannelEvent, WiredInbox } from '../channel-adapter.ts';
import { deliverJobId } from '../conversation/service.ts';
import type { Logger } from '../logger.ts';
import type { JobQueue } from '../queue/job-queue.ts';
import type { Db, DbTransaction } from '../storage/database.ts';
import { openConversation } from '../storage/inbound-messages.ts';
import { isUniqueViolation } from '../storage/unique-violation.ts';

export interface ChannelEventDependencies {
  db: Db;
  queue: Pick<JobQueue, 'add'>;
  logger: Logger;
  /** The text a welcome-asking event gets; '' sends none. */
  welcomeText: string;
  now?: () => Date;
}

export type RecordChannelEvents = (inbox: Pick<WiredInbox, 'id' | 'key' | 'kind'>, events: readonly ChannelEvent[]) => Promise<void>;

/** The ConversationEvent type a channel event is stored under. */
export const channelEventType = (event: Pick<ChannelEvent, 'type'>): string => `channel:${event.type}`;

export function createChannelEventRecorder(deps: ChannelEventDependencies): RecordChannelEvents {
  return async (inbox, events) => {
    for (const event of events) {
      const log = deps.logger.child({ inbox: inbox.key, event: event.type });
      try {
        const outcome = await recordEvent(deps, inbox, event);
        if (outcome.welcomeId) await deps.queue.add('deliver', { messageId: outcome.welcomeId }, { jobId: deliverJobId(outcome.welcomeId) });
        log.info({ outcome: outcome.kind, welcome: outcome.welcomeId !== undefined }, 'channel event');
      } catch (error) {
        // A queued welcome whose job was not added is picked up by the recovery sweep.
        log.error({ err: error }, 'channel event could not be recorded');
      }
    }
  };
}

type Outcome = { kind: 'recorded' | 'duplicate' | 'no_conversation'; welcomeId?: string };

async function recordEvent(deps: ChannelEventDependencies, inbox: Pick<WiredInbox, 'id' | 'kind'>, event: ChannelEvent): Promise<Outcome> {
  const now = deps.now?.() ?? new Date();
  const eventId = typeof event.details.eventId === 'string' && event.details.eventId !== '' ? event.details.eventId : undefined;
  const wantsWelcome = event.details.welcome === true && deps.welcomeText.trim() !== '';
  try {
    return await deps.db.$transaction(async (tx) => {
      // First, so a repeated event fails here and the whole transaction is rolled back.
      if (eventId) await tx.processedEvent.create({ data: { key: `channel-event:${inbox.id}:${eventId}`, at: now } });
      const conversationId = await conversationFor(tx, inbox, event, wantsWelcome, now);
      if (!conversationId) return { kind: 'no_conversation' } satisfies Outcome;
      const recorded = await tx.conversationEvent.create({
        data: { conversationId, type: channelEventType(event), actor: 'system', details: { ...event.details } as object, at: now },
        select: { id: true },
      });
      if (!wantsWelcome) return { kind: 'recorded' } satisfies Outcome;
      const welcome = await tx.message.create({
        data: {
          conversationId,
          inboxId: inbox.id,
          direction: 'outgoing',
          author: 'system',
          text: deps.welcomeText,
          replyKey: `welcome:${inbox.id}:${eventId ?? recorded.id}`,
          // Answers the event: the deliver job reads the channel's reply handle (kf welcome code) from it.
          inReplyToId: recorded.id,
          status: 'queued',
          createdAt: now,
        },
        select: { id: true },
      });
      return { kind: 'recorded', welcomeId: welcome.id } satisfies Outcome;
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { kind: 'duplicate' };
    throw error;
  }
}

/** The event's conversation: the customer's latest one; a new one only for a welcome (a first contact). */
async function conversationFor(tx: DbTransaction, inbox: Pick<WiredInbox, 'id' | 'kind'>, event: ChannelEvent, create: boolean, now: Date): Promise<string | undefined> {
  const externalConversationId = event.externalConversationId;
  if (!externalConversationId) return undefined;
  const latest = await tx.conversation.findFirst({ where: { inboxId: inbox.id, externalConversationId }, orderBy: { createdAt: 'desc' }, select: { id: true } });
  if (latest) return latest.id;
  if (!create || !event.externalUserId) return undefined;
  const externalUserId = event.externalUserId;
  const reference = { channel: inbox.kind, inboxId: inbox.id, externalConversationId, externalUserId };
  return (await openConversation(tx, inbox.id, { reference, from: { externalUserId } }, now)).id;
}
