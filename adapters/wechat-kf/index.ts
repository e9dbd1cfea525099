/**
 * The WeChat customer service (微信客服) channel, through WeCom: the callback only announces new messages, the
 * hub pulls them with `kf/sync_msg` (core persists the cursor per inbox, one puller at a time) and answers
 * with `kf/send_msg` within WeChat's rules (48 hours, 5 messages per customer message).
 */
import type { ChannelFactory } from '../wechat-shared/contract.ts';
import { WECHAT_TEXT_LIMIT_CHARS } from '../wechat-shared/text.ts';
import { createWeComClient } from '../wechat-shared/wecom-client.ts';
import { parseWeChatKfRequest } from './parse.ts';
import { sendWeChatKfMessage } from './send.ts';
import { wechatKfSettingsSchema, type WeChatKfSettings } from './settings.ts';
import { mapSyncPage } from './sync.ts';
import { openEncryptedCallback } from '../wechat-shared/callback.ts';

export { wechatKfSettingsSchema, DEFAULT_WECHAT_KF_API_URL } from './settings.ts';
export type { WeChatKfSettings, WeChatKfSettingsInput } from './settings.ts';
export { KF_EVENT_CODE_PREFIX } from './sync.ts';

/** sync_msg's maximum page. */
const SYNC_LIMIT = 1000;

export const wechatKfChannel: ChannelFactory<WeChatKfSettings> = {
  kind: 'wechat_kf',
  settingsSchema: wechatKfSettingsSchema,
  create(deps) {
    const client = createWeComClient(deps);
    return {
      kind: 'wechat_kf',
      capabilities: () => ({ textLimit: WECHAT_TEXT_LIMIT_CHARS, buttons: false, sendWindowHours: 48, sendBudgetPerInbound: 5 }),
      verify: (request, inbox) => void openEncryptedCallback(request, inbox.settings),
      parse: (request, inbox) => parseWeChatKfRequest(request, inbox),
      // WeCom wants 200 with an empty body; there is no passive reply for kf.
      respond: () => ({ status: 200, contentType: 'text/plain; charset=utf-8', body: '' }),
      send: (reference, message, inbox, context) => sendWeChatKfMessage(client, reference, message, inbox, context),
      async pull(inbox, cursor, hint) {
        const answer = await client.post('kf/sync_msg', inbox.settings, {
          cursor: cursor ?? '',
          ...(hint ? { token: hint } : {}),
          limit: SYNC_LIMIT,
          voice_format: 0,
          ...(inbox.settings.openKfId ? { open_kfid: inbox.settings.openKfId } : {}),
        });
        const page = mapSyncPage(answer, inbox.id, inbox.settings.openKfId);
        // An answer without next_cursor leaves the position where it was rather than restarting at 3 days ago.
        const result = page.nextCursor === '' ? { ...page, nextCursor: cursor ?? '' } : page;
        deps.logger.debug({ inboxId: inbox.id, messages: result.messages.length, events: result.events?.length ?? 0, hasMore: result.hasMore }, 'kf sync_msg page');
        return result;
      },
    };
  },
};
