import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { ChannelApiError } from '../../../core/errors.ts';
import { KF_EVENT_CODE_PREFIX, wechatKfChannel, wechatKfSettingsSchema, type WeChatKfSettings } from '../../../adapters/wechat-kf/index.ts';
import type { ChannelAdapter, InboxOf, RawRequest } from '../../../adapters/wechat-shared/contract.ts';
import { buildWeComCallback, buildWeComUrlVerification, kfCallbackXml, startWeComApi, type KfMessage, type WeComApi } from '../../loopback/wecom-api.ts';
import { createMemoryTokenStore } from '../../support/memory-token-store.ts';
import { WECOM_FRESH } from '../wechat-shared/vectors.ts';

const SECRET = 'Kf7Sec2x0W3xY9vP2q8LkMnBvCxZaSdFgHjKlQwErTyU';
const KF = 'wkAbCdEf123';
const keys = { token: WECOM_FRESH.token, encodingAesKey: WECOM_FRESH.encodingAesKey, corpId: WECOM_FRESH.corpId };
const request = (method: string, query: Record<string, string>, body: Buffer = Buffer.alloc(0)): RawRequest => ({ method, path: '', headers: {}, query, body });

function inbox(apiUrl: string, overrides: Record<string, unknown> = {}): InboxOf<WeChatKfSettings> {
  return { id: 'inbox-kf', key: 'kf', name: 'kf', settings: wechatKfSettingsSchema.parse({ corpId: keys.corpId, secret: SECRET, token: keys.token, encodingAesKey: keys.encodingAesKey, openKfId: KF, apiUrl, ...overrides }) };
}
const text = (msgid: string, user: string, content: string, kfid = KF): KfMessage =>
  ({ msgid, open_kfid: kfid, external_userid: user, send_time: 1765400000, origin: 3, servicer_userid: '', msgtype: 'text', text: { content } });

let api: WeComApi;
let channel: ChannelAdapter<WeChatKfSettings>;
beforeEach(async () => {
  api = await startWeComApi({ corpId: keys.corpId, secret: SECRET, pageSize: 2 });
  channel = wechatKfChannel.create({ fetch, now: () => new Date(), tokens: createMemoryTokenStore(), logger: pino({ level: 'silent' }) });
});
afterEach(async () => { await api.close(); });

describe('callback', () => {
  it('URL verification answers the decrypted echostr', () => {
    expect(channel.parse(request('GET', buildWeComUrlVerification(keys, '998877')), inbox(api.apiUrl))).toMatchObject({ kind: 'handshake', responseBody: '998877' });
  });
  it('kf_msg_or_event becomes a pull with the Token as hint; another kf account is ignored', () => {
    const own = buildWeComCallback(keys, kfCallbackXml(keys.corpId, 'ENCApHxnGDNAVNY4', KF));
    channel.verify(request('POST', own.query, own.body), inbox(api.apiUrl), new Date());
    expect(channel.parse(request('POST', own.query, own.body), inbox(api.apiUrl))).toEqual({ kind: 'pull', hint: 'ENCApHxnGDNAVNY4' });
    const other = buildWeComCallback(keys, kfCallbackXml(keys.corpId, 'T', 'wkOther'));
    expect(channel.parse(request('POST', other.query, other.body), inbox(api.apiUrl))).toMatchObject({ kind: 'messages', messages: [], ignored: 'callback for another kf account' });
    expect(channel.respond?.(request('POST', own.query, own.body), inbox(api.apiUrl), {})).toMatchObject({ status: 200, body: '' });
  });
  it('declares the kf rules', () => {
    expect(channel.capabilities(inbox(api.apiUrl).settings)).toEqual({ textLimit: 682, buttons: false, sendWindowHours: 48, sendBudgetPerInbound: 5 });
  });
});

describe('pull (sync_msg)', () => {
  it('pages with the cursor until has_more is 0, passing token, limit and open_kfid, reading nothing twice', async () => {
    const hint = api.addKfMessage(text('m1', 'wmAnn', '你好'));
    api.addKfMessage(text('m2', 'wmBob', '退货', 'wkOther'));
    api.addKfMessage(text('m3', 'wmAnn', '在吗'));
    api.addKfMessage({ msgid: 'm4', open_kfid: KF, external_userid: 'wmAnn', send_time: 1765400100, origin: 3, msgtype: 'voice', voice: { media_id: 'MEDIA_V' } });
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    for (;;) {
      const page = await channel.pull!(inbox(api.apiUrl), cursor, hint);
      pages += 1;
      seen.push(...page.messages.map((message) => message.externalMessageId));
      cursor = page.nextCursor;
      if (!page.hasMore) break;
    }
    expect(seen).toEqual(['m1', 'm3', 'm4']);
    expect(pages).toBe(2);
    const first = api.calls.find((call) => call.path === '/cgi-bin/kf/sync_msg')!;
    expect(first.body).toEqual({ cursor: '', token: hint, limit: 1000, voice_format: 0, open_kfid: KF });
    // A later callback continues from the stored cursor: only the new message.
    const next = api.addKfMessage(text('m5', 'wmAnn', '谢谢'));
    const later = await channel.pull!(inbox(api.apiUrl), cursor, next);
    expect(later.messages.map((message) => message.externalMessageId)).toEqual(['m5']);
  });
  it('maps a customer message and the documented events', async () => {
    const hint = api.addKfMessage(text('m1', 'wmAnn', '你好'));
    api.addKfMessage({ msgid: 'e1', open_kfid: KF, send_time: 1765400001, origin: 4, msgtype: 'event', event: { event_type: 'enter_session', open_kfid: KF, external_userid: 'wmAnn', scene: 'sc', scene_param: 'p', welcome_code: 'WELCOME1' } });
    const result = await channel.pull!(inbox(api.apiUrl), undefined, hint);
    expect(result.messages[0]).toEqual({
      reference: { channel: 'wechat_kf', inboxId: 'inbox-kf', externalConversationId: `${KF}:wmAnn`, externalUserId: 'wmAnn' },
      from: { externalUserId: 'wmAnn' }, externalMessageId: 'm1', text: '你好', attachments: [], sentAt: new Date(1765400000 * 1000),
    });
    expect(result.events).toEqual([{
      type: 'enter_session', externalUserId: 'wmAnn', externalConversationId: `${KF}:wmAnn`,
      details: { eventId: 'e1', open_kfid: KF, external_userid: 'wmAnn', scene: 'sc', scene_param: 'p', welcome_code: 'WELCOME1', welcome: true, replyToExternalMessageId: `${KF_EVENT_CODE_PREFIX}WELCOME1` },
    }]);
    api.addKfMessage({ msgid: 'e2', open_kfid: KF, origin: 4, msgtype: 'event', event: { event_type: 'msg_send_fail', open_kfid: KF, external_userid: 'wmAnn', fail_msgid: 'x', fail_type: 4 } });
    api.addKfMessage({ msgid: 'e3', open_kfid: KF, origin: 4, msgtype: 'event', event: { event_type: 'session_status_change', open_kfid: KF, external_userid: 'wmAnn', change_type: 3 } });
    api.addKfMessage({ msgid: 's1', open_kfid: KF, external_userid: 'wmAnn', origin: 5, servicer_userid: 'zhangsan', msgtype: 'text', text: { content: '人工回复' } });
    api.addKfMessage({ msgid: 'bad', open_kfid: KF } as unknown as KfMessage);
    const rest = await channel.pull!(inbox(api.apiUrl), result.nextCursor, undefined);
    const more = rest.hasMore ? await channel.pull!(inbox(api.apiUrl), rest.nextCursor, undefined) : { messages: [], events: [] };
    const events = [...(rest.events ?? []), ...(more.events ?? [])];
    expect([...rest.messages, ...more.messages]).toEqual([]);
    expect(events.map((event) => event.type)).toEqual(['msg_send_fail', 'session_status_change', 'servicer_message', 'unreadable_item']);
    expect(events[0]!.details).toMatchObject({ fail_msgid: 'x', fail_type: 4 });
  });
});

describe('send', () => {
  const reference = { channel: 'wechat_kf' as const, inboxId: 'inbox-kf', externalConversationId: `${KF}:wmAnn`, externalUserId: 'wmAnn' };
  it('kf/send_msg with our idempotency key as msgid; a retry with the same key is refused by WeCom', async () => {
    const receipt = await channel.send(reference, { text: '您好', suggestions: ['查订单'] }, inbox(api.apiUrl), { idempotencyKey: 'msg_42' });
    expect(receipt).toEqual({ externalMessageId: 'msg_42' });
    expect(api.calls.find((call) => call.path === '/cgi-bin/kf/send_msg')!.body).toEqual({ touser: 'wmAnn', open_kfid: KF, msgid: 'msg_42', msgtype: 'text', text: { content: '您好\n1. 查订单' } });
    const long = await channel.send(reference, { text: 'x' }, inbox(api.apiUrl), { idempotencyKey: 'cm9z2k1l30000abcdefghijklmnopqrstuvwxyz' });
    expect(long.externalMessageId).toMatch(/^[0-9A-Za-z_-]{32}$/);
  });
  it('a welcome answers enter_session through send_msg_on_event with the code', async () => {
    const code = api.issueWelcomeCode();
    await channel.send(reference, { text: '欢迎光临', replyToExternalMessageId: `${KF_EVENT_CODE_PREFIX}${code}` }, inbox(api.apiUrl));
    expect(api.calls.at(-1)).toMatchObject({ path: '/cgi-bin/kf/send_msg_on_event', body: { code, msgtype: 'text', text: { content: '欢迎光临' } } });
  });
  it('out of window (95001) and over quota are permanent; system busy (-1) retryable', async () => {
    api.queueError('/cgi-bin/kf/send_msg', { errcode: 95001, errmsg: 'send msg count limit' });
    const refused = (await channel.send(reference, { text: 'x' }, inbox(api.apiUrl)).catch((error: unknown) => error)) as ChannelApiError;
    expect(refused).toBeInstanceOf(ChannelApiError);
    expect(refused.details).toMatchObject({ apiCode: 95001, permanent: true });
    api.queueError('/cgi-bin/kf/send_msg', { errcode: -1, errmsg: 'system busy' });
    const busy = (await channel.send(reference, { text: 'x' }, inbox(api.apiUrl)).catch((error: unknown) => error)) as ChannelApiError;
    expect(busy.details).toMatchObject({ apiCode: -1, permanent: false });
  });
});
