/**
 * The Slack agent desk (issue 19): each escalation is a Block Kit card in the agents' channel; agents
 * claim, resolve, hand back, send suggestions and approve drafts with its buttons, and answer the customer
 * by replying in its thread (`//` = internal note). Implements `AgentDesk`; the hub mounts `router()` on its
 * express app and calls `postCard` / `updateCard` / `postToThread`.
 */
import type { AgentDesk, DeskRef, EscalationCard } from '../../core/agent-desk.ts';
import type { Logger } from '../../core/logger.ts';
import type { DedupeStore } from '../desk-shared/dedupe.ts';
import type { DeskThreadIndex } from '../desk-shared/thread-index.ts';
import { renderSlackCard } from './card-blocks.ts';
import { escapeMrkdwn } from './mrkdwn.ts';
import { createSlackRouter } from './router.ts';
import type { SlackDeskSettings } from './settings.ts';
import { createSlackWebApi, type SlackWebApi } from './web-api.ts';

export { readSlackDeskSettings, slackDeskSettingsSchema, DEFAULT_SLACK_API_URL } from './settings.ts';
export type { SlackDeskSettings } from './settings.ts';
export { SLACK_ACTION_IDS, renderSlackCard } from './card-blocks.ts';
export { SLACK_EVENTS_PATH } from './router.ts';
export { verifySlackRequest, signSlackRequest } from './verify.ts';

export interface SlackDeskDependencies {
  fetch: typeof fetch;
  now: () => Date;
  logger: Logger;
  /** Shared across processes (database-backed in the hub). */
  dedupe: DedupeStore;
  /** Card DeskRef → escalation id, from the hub's stored `Escalation.externalRef`. */
  threads: DeskThreadIndex;
}

/** Builds the desk; no I/O until a card is posted or a request arrives. */
export function createSlackDesk(settings: SlackDeskSettings, deps: SlackDeskDependencies): AgentDesk {
  const api = createSlackWebApi({ token: settings.botToken, apiUrl: settings.apiUrl, fetch: deps.fetch });
  const botUserId = cachedBotUserId(api, deps.logger);
  const post = async (ref: DeskRef, mrkdwn: string): Promise<void> => {
    await api.call('chat.postMessage', { channel: requireRef(ref, 'channel'), thread_ts: requireRef(ref, 'ts'), text: mrkdwn, unfurl_links: false, unfurl_media: false });
  };
  return {
    kind: 'slack',
    async postCard(card: EscalationCard): Promise<DeskRef> {
      const message = renderSlackCard(card);
      const result = await api.call('chat.postMessage', { channel: settings.agentChannel, ...message, unfurl_links: false, unfurl_media: false });
      return { channel: String(result.channel ?? settings.agentChannel), ts: String(result.ts) };
    },
    async updateCard(ref, card) {
      await api.call('chat.update', { channel: requireRef(ref, 'channel'), ts: requireRef(ref, 'ts'), ...renderSlackCard(card) });
    },
    postToThread: (ref, text) => post(ref, escapeMrkdwn(text)),
    router: (handle) => createSlackRouter({
      signingSecret: settings.signingSecret,
      agentChannel: settings.agentChannel,
      now: deps.now,
      logger: deps.logger,
      dedupe: deps.dedupe,
      threads: deps.threads,
      botUserId,
      postStatus: post,
    }, handle),
  };
}

/** Our bot user id from auth.test, asked once; a failure is retried on the next request. */
function cachedBotUserId(api: SlackWebApi, logger: Logger): () => Promise<string | undefined> {
  let pending: Promise<string | undefined> | undefined;
  return () => {
    pending ??= api.call('auth.test', {}).then(
      (result) => (typeof result.user_id === 'string' ? result.user_id : undefined),
      (error: unknown) => {
        logger.warn({ err: error }, 'slack desk: auth.test failed; relying on bot_id to skip our own messages');
        pending = undefined;
        return undefined;
      },
    );
    return pending;
  };
}

function requireRef(ref: DeskRef, field: 'channel' | 'ts'): string {
  const value = ref[field];
  if (value === undefined || value === '') throw new Error(`Slack desk ref has no ${field}`);
  return value;
}
