/**
 * The synchronous reply slot: a channel that takes the answer inside the webhook response (WeChat OA's
 * passive reply, 5-second rule) gets it there when the bot is done in time. The reply is claimed first
 * (queued → sending), exactly as the deliver job claims it, so it goes out at most once either way.
 */
import type { ConversationReference, OutboundMessage } from '../messages.ts';
import type { Db } from '../storage/database.ts';
import { jsonStrings } from '../storage/json-strings.ts';
import { claimForSending, markSent, releaseClaim } from '../storage/outgoing-claims.ts';
import type { ClaimedReply } from './webhook-receiver.ts';

export interface SyncReplyOptions {
  db: Db;
  now?: () => Date;
  /** How often the database is asked whether the reply exists. @defaultValue 50 */
  pollEveryMs?: number;
  /** @defaultValue setTimeout-based sleep */
  sleep?: (ms: number) => Promise<void>;
}

export function createSyncReplyWaiter(options: SyncReplyOptions): (messageId: string, deadlineMs: number) => Promise<ClaimedReply | undefined> {
  const now = options.now ?? (() => new Date());
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const pollEveryMs = options.pollEveryMs ?? 50;
  return async (messageId, deadlineMs) => {
    const giveUpAt = Date.now() + deadlineMs;
    while (Date.now() < giveUpAt) {
      const reply = await options.db.message.findUnique({
        where: { replyKey: `bot:${messageId}` },
        select: { id: true, status: true, text: true, suggestions: true, conversation: { select: { reference: true } } },
      });
      if (reply) {
        if (reply.status !== 'queued' || !(await claimForSending(options.db, reply.id, now()))) return undefined;
        const message: OutboundMessage = { text: reply.text, suggestions: jsonStrings(reply.suggestions) };
        return {
          reference: reply.conversation.reference as unknown as ConversationReference,
          message,
          confirm: () => markSent(options.db, reply.id, now(), undefined),
          release: () => releaseClaim(options.db, reply.id),
        };
      }
      await sleep(pollEveryMs);
    }
    return undefined;
  };
}
