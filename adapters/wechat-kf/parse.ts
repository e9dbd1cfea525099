/**
 * The kf callback says only "new messages" (`kf_msg_or_event` with a Token valid 10 minutes): it becomes a
 * `pull` request carrying the Token as the hint, and the messages arrive through `pull` (sync_msg).
 */
import type { InboxOf, ParsedRequest, RawRequest } from '../wechat-shared/contract.ts';
import { openEncryptedCallback } from '../wechat-shared/callback.ts';
import { xmlText } from '../wechat-shared/xml.ts';
import type { WeChatKfSettings } from './settings.ts';

export function parseWeChatKfRequest(request: RawRequest, inbox: InboxOf<WeChatKfSettings>): ParsedRequest {
  const opened = openEncryptedCallback(request, inbox.settings);
  if (opened.kind === 'handshake') return { kind: 'handshake', responseBody: opened.echo, contentType: 'text/plain; charset=utf-8' };
  const event = xmlText(opened.fields, 'Event');
  if (event !== 'kf_msg_or_event') return { kind: 'messages', messages: [], ignored: `event ${event ?? '(none)'} is not for customer service` };
  const openKfId = xmlText(opened.fields, 'OpenKfId');
  if (inbox.settings.openKfId !== undefined && openKfId !== undefined && openKfId !== inbox.settings.openKfId) {
    return { kind: 'messages', messages: [], ignored: 'callback for another kf account' };
  }
  const token = xmlText(opened.fields, 'Token');
  return token ? { kind: 'pull', hint: token } : { kind: 'pull' };
}
