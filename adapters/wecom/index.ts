/**
 * The WeCom self-built app channel: employees write to the app, the hub answers with `message/send`.
 * The callback is answered with an empty 200 (WeCom's "will answer later"), so no passive reply is rendered.
 */
import type { ChannelFactory } from '../wechat-shared/contract.ts';
import { WECHAT_TEXT_LIMIT_CHARS } from '../wechat-shared/text.ts';
import { createWeComClient } from '../wechat-shared/wecom-client.ts';
import { parseWeComRequest } from './parse.ts';
import { sendWeComMessage } from './send.ts';
import { wecomSettingsSchema, type WeComSettings } from './settings.ts';
import { verifyWeComRequest } from './verify.ts';

export { wecomSettingsSchema, DEFAULT_WECOM_API_URL } from './settings.ts';
export type { WeComSettings, WeComSettingsInput } from './settings.ts';

export const wecomChannel: ChannelFactory<WeComSettings> = {
  kind: 'wecom',
  settingsSchema: wecomSettingsSchema,
  create(deps) {
    const client = createWeComClient(deps);
    return {
      kind: 'wecom',
      capabilities: () => ({ textLimit: WECHAT_TEXT_LIMIT_CHARS, buttons: false }),
      verify: (request, inbox) => verifyWeComRequest(request, inbox),
      parse: (request, inbox) => parseWeComRequest(request, inbox),
      respond: () => ({ status: 200, contentType: 'text/plain; charset=utf-8', body: '' }),
      send: (reference, message, inbox, context) => sendWeComMessage(client, reference, message, inbox, context),
    };
  },
};
