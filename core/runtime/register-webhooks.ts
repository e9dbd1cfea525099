import type { ChannelAdapter } from '../channel-adapter.ts';
import type { Logger } from '../logger.ts';

/** An inbox as registration needs it: its key (the URL path) and its adapter with validated settings. */
export interface RegisteringInbox {
  key: string;
  adapter: ChannelAdapter<unknown>;
  settings: unknown;
}

/**
 * Tells channels that push webhooks where the hub lives (`PUBLIC_URL/webhooks/<inbox key>`). A failure is
 * logged, not fatal: the hub still serves the other inboxes, and the next start tries again.
 */
export async function registerChannelWebhooks(inboxes: readonly RegisteringInbox[], publicUrl: string, logger: Logger): Promise<void> {
  for (const inbox of inboxes) {
    if (!inbox.adapter.registerWebhook) continue;
    const url = `${publicUrl}/webhooks/${inbox.key}`;
    try {
      await inbox.adapter.registerWebhook(url, inbox.settings);
      logger.info({ inbox: inbox.key, url }, 'webhook registered');
    } catch (error) {
      logger.error({ inbox: inbox.key, err: error }, 'webhook registration failed');
    }
  }
}
