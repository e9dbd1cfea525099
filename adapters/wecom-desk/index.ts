/**
 * The WeCom agent desk (issue 19): escalations are posted as markdown with a short `#N` to an agents'
 * group (an appchat group or a group robot — both send-only, wecom.md §6), and agents act by messaging the
 * app 1:1 (`#N <text>`, `#N 接`, …), answered through message/send. Implements `AgentDesk`.
 */
import type { AgentDesk, DeskRef, EscalationCard } from '../../core/agent-desk.ts';
import type { Logger } from '../../core/logger.ts';
import type { DedupeStore } from '../desk-shared/dedupe.ts';
import { neutralize, renderWeComMarkdown, renderWeComStatusLine, fitBytes, WECOM_APPCHAT_LIMIT_BYTES, WECOM_ROBOT_MARKDOWN_LIMIT_BYTES } from './card-text.ts';
import { appChatPoster, groupRobotPoster } from './group-poster.ts';
import type { WeComAppApi, WeComCallbackCrypto } from './ports.ts';
import { createWeComRouter } from './router.ts';
import type { WeComDeskSettings } from './settings.ts';

export { readWeComDeskSettings, weComDeskSettingsSchema, DEFAULT_WECOM_API_URL } from './settings.ts';
export type { WeComDeskSettings } from './settings.ts';
export type { WeComAppApi, WeComCallbackCrypto } from './ports.ts';
export { parseAgentMessage, WECOM_AGENT_HELP } from './command-parser.ts';
export { renderWeComMarkdown, renderWeComText } from './card-text.ts';
export { WECOM_AGENTS_PATH } from './router.ts';

export interface WeComDeskDependencies {
  fetch: typeof fetch;
  now: () => Date;
  logger: Logger;
  dedupe: DedupeStore;
  /** The app's API with its shared, cached access token (adapters/wechat-shared's WeCom client). */
  api: WeComAppApi;
  crypto: WeComCallbackCrypto;
  /** Agents are matched by WeCom userid; the hub answers from its Agent records. */
  isAgent: (userId: string) => Promise<boolean>;
}

export function createWeComDesk(settings: WeComDeskSettings, deps: WeComDeskDependencies): AgentDesk {
  const robot = settings.groupRobotUrl !== undefined;
  const poster = settings.groupRobotUrl !== undefined
    ? groupRobotPoster(settings.groupRobotUrl, deps.fetch)
    : appChatPoster(deps.api, settings.agentChatId!);
  const limit = robot ? WECOM_ROBOT_MARKDOWN_LIMIT_BYTES : WECOM_APPCHAT_LIMIT_BYTES;
  const target = robot ? 'robot' : `appchat:${settings.agentChatId}`;
  return {
    kind: 'wecom',
    async postCard(card: EscalationCard): Promise<DeskRef> {
      await poster.postMarkdown(renderWeComMarkdown(card, limit));
      return { target, number: String(card.number) };
    },
    /** Group messages cannot be edited: a changed card becomes one status line under its number. */
    async updateCard(_ref, card) {
      await poster.postMarkdown(renderWeComStatusLine(card));
    },
    async postToThread(ref, text) {
      const prefix = ref.number !== undefined ? `#${ref.number} ` : '';
      await poster.postMarkdown(fitBytes(`${prefix}${neutralize(text)}`, limit));
    },
    router: (handle) => createWeComRouter({
      agentId: settings.agentId,
      crypto: deps.crypto,
      now: deps.now,
      logger: deps.logger,
      dedupe: deps.dedupe,
      isAgent: deps.isAgent,
      tellAgent: async (userId, text) => {
        await deps.api.post('message/send', {
          touser: userId, msgtype: 'text', agentid: settings.agentId, text: { content: fitBytes(text, WECOM_APPCHAT_LIMIT_BYTES) }, safe: 0,
        });
      },
    }, handle),
  };
}
