/**
 * The `pull` job of "come and fetch" channels (WeChat kf): reads the inbox's pages from its stored cursor,
 * stores and queues every message (deduped by external id like webhook messages), and saves the cursor after
 * each page. One puller per inbox at a time, across processes (a lease); a pull that finds the lease taken
 * retries shortly, so a callback that arrives while another pull finishes is never lost.
 */
import { randomUUID } from 'node:crypto';
import type { ChannelEvent, WiredInbox } from '../channel-adapter.ts';
import type { Logger } from '../logger.ts';
import { RetryLaterError } from '../queue/job-queue.ts';
import type { Db } from '../storage/database.ts';
import { acquireLease, releaseLease } from '../storage/leases.ts';
import type { IngestInbound } from './webhook-receiver.ts';

export interface PullDependencies {
  db: Db;
  logger: Logger;
  inboxesById: ReadonlyMap<string, WiredInbox>;
  ingest: IngestInbound;
  recordEvents?: (inbox: WiredInbox, events: readonly ChannelEvent[]) => Promise<void>;
  now?: () => Date;
  /** @defaultValue 60000 */
  leaseMs?: number;
  /** Pages read per job, so one busy inbox cannot hold a worker forever. @defaultValue 50 */
  maxPages?: number;
}

const CURSOR_NAME = 'pull';

export async function pullMessages(deps: PullDependencies, inboxId: string, hint: string | undefined): Promise<void> {
  const inbox = deps.inboxesById.get(inboxId);
  if (!inbox?.canPull) return;
  const now = () => deps.now?.() ?? new Date();
  const holder = randomUUID();
  const leaseKey = `pull:${inboxId}`;
  if (!(await acquireLease(deps.db, leaseKey, holder, now(), deps.leaseMs ?? 60_000))) {
    throw new RetryLaterError('another process is pulling this inbox', 2000);
  }
  const log = deps.logger.child({ inbox: inbox.key });
  try {
    let pulled = 0;
    for (let page = 0; page < (deps.maxPages ?? 50); page++) {
      const stored = await deps.db.channelCursor.findUnique({ where: { inboxId_name: { inboxId, name: CURSOR_NAME } } });
      const result = await inbox.pull(stored?.value, hint);
      for (const message of result.messages) await deps.ingest(inbox, message);
      if (result.events?.length && deps.recordEvents) await deps.recordEvents(inbox, result.events);
      // Saved only after the page's messages are stored: a crash re-reads the page, and dedupe drops repeats.
      await deps.db.channelCursor.upsert({
        where: { inboxId_name: { inboxId, name: CURSOR_NAME } },
        create: { inboxId, name: CURSOR_NAME, value: result.nextCursor },
        update: { value: result.nextCursor },
      });
      pulled += result.messages.length;
      if (!result.hasMore) break;
    }
    log.info({ pulled }, 'pulled messages');
  } finally {
    await releaseLease(deps.db, leaseKey, holder);
  }
}
