import { ChannelApiError, ChannelNetworkError } from '../../core/errors.ts';
import type { WeComAppApi } from './ports.ts';

/** Where escalations are posted: the app's own group chat, or a group robot (send-only either way, wecom.md §6). */
export interface GroupPoster {
  /** Posts markdown (neither API returns an id that could address the message later). */
  postMarkdown(markdown: string): Promise<void>;
}

/** `appchat/send` to WECOM_AGENT_CHAT_ID (a group this app created). */
export function appChatPoster(api: WeComAppApi, chatId: string): GroupPoster {
  return {
    async postMarkdown(markdown) {
      await api.post('appchat/send', { chatid: chatId, msgtype: 'markdown', markdown: { content: markdown }, safe: 0 });
    },
  };
}

/** Robot errcodes that a retry can fix: system busy, and the 20-messages-a-minute limit. */
const ROBOT_RETRYABLE = new Set([-1, 45009]);

/**
 * `webhook/send?key=…` (WECOM_GROUP_ROBOT_URL). The key in the URL is the robot's only credential: errors
 * name the API, never the URL.
 */
export function groupRobotPoster(url: string, fetchFn: typeof fetch): GroupPoster {
  return {
    async postMarkdown(markdown) {
      let response: Response;
      try {
        response = await fetchFn(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ msgtype: 'markdown', markdown: { content: markdown } }),
          signal: AbortSignal.timeout(30_000),
        });
      } catch (error) {
        throw new ChannelNetworkError(`WeCom webhook/send: ${(error as Error).name}`, { cause: error });
      }
      let body: { errcode?: unknown; errmsg?: unknown };
      try {
        body = (await response.json()) as typeof body;
      } catch {
        throw new ChannelNetworkError(`WeCom webhook/send: HTTP ${response.status} without a JSON answer`);
      }
      const code = typeof body.errcode === 'number' ? body.errcode : -1;
      if (code !== 0) {
        throw new ChannelApiError(`WeCom webhook/send failed: ${code} ${String(body.errmsg ?? '')}`, {
          status: response.status, apiCode: code, permanent: !ROBOT_RETRYABLE.has(code), ...(code === 45009 ? { retryAfterSeconds: 60 } : {}),
        });
      }
    },
  };
}
