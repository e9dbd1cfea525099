import type { WiredInbox } from '../core/channel-adapter.ts';
import type { Logger } from '../core/logger.ts';

/** An inbox as registration needs it: its key (the URL path) and its channel's registration, if any. */
export type RegisteringInbox = Pick<WiredInbox, 'key' | 'registerWebhook'>;

/**
 * Tells channels that push webhooks where the hub lives (`PUBLIC_URL/webhooks/<inbox key>`). A failure is
 * logged, not fatal: the hub still serves the other inboxes, and the next start tries again.
 */
export async function registerChannelWebhooks(inboxes: readonly RegisteringInbox[], publicUrl: string, logger: Logger): Promise<void> {
  for (const inbox of inboxes) {
    if (!inbox.registerWebhook) continue;
    const url = `${publicUrl}/webhooks/${inbox.key}`;
    try {
      await inbox.registerWebhook(url);
      logger.info({ inbox: inbox.key, url }, 'webhook registered');
    } catch (error) {
      logger.error({ inbox: inbox.key, err: error }, 'webhook registration failed');
    }
  }
}
