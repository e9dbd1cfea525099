/**
 * The WeChat Official Account channel. The answer goes back inside the webhook response when ready within
 * the 5-second rule (core waits up to `syncReplyDeadlineMs`, then `respond` renders the passive reply),
 * otherwise the push is answered `success` and the answer is sent by custom/send.
 */
import type { ChannelFactory } from '../wechat-shared/contract.ts';
import { WECHAT_TEXT_LIMIT_CHARS } from '../wechat-shared/text.ts';
import { parseOfficialRequest } from './parse.ts';
import { respondOfficial } from './respond.ts';
import { createOfficialSender } from './send.ts';
import { wechatOfficialSettingsSchema, type WeChatOfficialSettings } from './settings.ts';
import { verifyOfficialRequest } from './verify.ts';

export { wechatOfficialSettingsSchema, DEFAULT_WECHAT_OFFICIAL_API_URL } from './settings.ts';
export type { WeChatOfficialSettings, WeChatOfficialSettingsInput } from './settings.ts';

/** WeChat gives up after 5 s; 4 s leaves a second for the response to travel. */
export const OFFICIAL_SYNC_REPLY_DEADLINE_MS = 4000;

export const wechatOfficialChannel: ChannelFactory<WeChatOfficialSettings> = {
  kind: 'wechat_official',
  settingsSchema: wechatOfficialSettingsSchema,
  create(deps) {
    const send = createOfficialSender(deps);
    return {
      kind: 'wechat_official',
      capabilities: () => ({
        textLimit: WECHAT_TEXT_LIMIT_CHARS,
        buttons: false,
        sendWindowHours: 48,
        sendBudgetPerInbound: 5,
        syncReplyDeadlineMs: OFFICIAL_SYNC_REPLY_DEADLINE_MS,
      }),
      verify: (request, inbox) => verifyOfficialRequest(request, inbox),
      parse: (request, inbox) => parseOfficialRequest(request, inbox),
      respond: (request, inbox, outcome) => respondOfficial(request, inbox, outcome, deps.now()),
      send,
    };
  },
};
