/**
 * The synchronous reply slot: a channel that takes the answer inside the webhook response (WeChat OA's
 * passive reply, 5-second rule) gets it there when the bot is done in time. The reply is claimed first
 * (queued → sending), exactly as the deliver job claims it, so it goes out at most once either way.
 */
import type { ConversationReference, OutboundMessage } from '../messages.ts';
import { jsonColumn, textColumn, type DirectSql } from '../storage/direct/direct-sql.ts';
import { jsonStrings } from '../storage/json-strings.ts';
import { claimForSending, markSent, releaseClaim } from '../storage/outgoing-claims.ts';
import type { ClaimedReply } from './webhook-receiver.ts';

export interface SyncReplyOptions {
  /** Plain SQL: a waiting webhook asks every `pollEveryMs`. */
  direct: DirectSql;
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
      const reply = await options.direct.one(
        'SELECT m."id", m."status", m."text", m."suggestions", c."reference" FROM "Message" m JOIN "Conversation" c ON c."id" = m."conversationId" WHERE m."replyKey" = ?',
        [`bot:${messageId}`],
      );
      if (reply) {
        const replyId = textColumn(reply.id);
        if (reply.status !== 'queued' || !(await claimForSending(options.direct, replyId, now()))) return undefined;
        const message: OutboundMessage = { text: textColumn(reply.text), suggestions: jsonStrings(jsonColumn(reply.suggestions)) };
        return {
          reference: jsonColumn(reply.reference) as ConversationReference,
          message,
          confirm: () => markSent(options.direct, replyId, now(), undefined),
          release: () => releaseClaim(options.direct, replyId),
        };
      }
      await sleep(pollEveryMs);
    }
    return undefined;
  };
}
