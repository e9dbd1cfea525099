import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { AuthenticityError, ChannelApiError, InboundParseError } from '../../../core/errors.ts';
import { wecomChannel, wecomSettingsSchema, type WeComSettings } from '../../../adapters/wecom/index.ts';
import type { InboxOf, RawRequest } from '../../../adapters/wechat-shared/contract.ts';
import { buildWeComCallback, buildWeComUrlVerification, startWeComApi, type WeComApi } from '../../loopback/wecom-api.ts';
import { createMemoryTokenStore } from '../../support/memory-token-store.ts';
import { TENCENT, WECOM_FRESH } from '../wechat-shared/vectors.ts';

const SECRET = 'Zt3Cr6x0W3xY9vP2q8LkMnBvCxZaSdFgHjKlQwErTyU';
const keys = { token: WECOM_FRESH.token, encodingAesKey: WECOM_FRESH.encodingAesKey, corpId: WECOM_FRESH.corpId };

function inbox(apiUrl = 'https://qyapi.weixin.qq.com', overrides: Partial<Record<string, unknown>> = {}): InboxOf<WeComSettings> {
  const settings = wecomSettingsSchema.parse({ corpId: keys.corpId, agentId: 1000002, secret: SECRET, token: keys.token, encodingAesKey: keys.encodingAesKey, apiUrl, ...overrides });
  return { id: 'inbox-wecom', key: 'wecom', name: 'WeCom', settings };
}
const request = (method: string, query: Record<string, string>, body: Buffer = Buffer.alloc(0)): RawRequest => ({ method, path: '', headers: {}, query, body });
const adapter = (fetchFn: typeof fetch = fetch, now = () => new Date('2025-12-10T21:00:00Z')) =>
  wecomChannel.create({ fetch: fetchFn, now, tokens: createMemoryTokenStore(), logger: pino({ level: 'silent' }) });

describe('settings', () => {
  it.each([
    ['missing token', { token: undefined }],
    ['short EncodingAESKey', { encodingAesKey: 'abc' }],
    ['44-char EncodingAESKey', { encodingAesKey: `${WECOM_FRESH.encodingAesKey}x` }],
    ['weak secret', { secret: 'short' }],
    ['bad corp id', { corpId: 'corp' }],
  ])('refuses %s', (_name, overrides) => {
    expect(() => inbox(undefined, overrides)).toThrow();
  });
  it('defaults the API URL', () => expect(inbox().settings.apiUrl).toBe('https://qyapi.weixin.qq.com'));
});

describe('verify and parse', () => {
  const channel = adapter();
  it('answers the fresh-vector URL verification with the decrypted echostr', () => {
    const v = WECOM_FRESH.verify;
    const req = request('GET', { msg_signature: v.msgSignature, timestamp: v.timestamp, nonce: v.nonce, echostr: v.echostr });
    channel.verify(req, inbox(), new Date());
    expect(channel.parse(req, inbox())).toEqual({ kind: 'handshake', responseBody: v.echoPlain, contentType: 'text/plain; charset=utf-8' });
  });
  it('answers Tencent’s published sample (2014 timestamp: no replay window)', () => {
    const v = TENCENT.verify;
    const tencentInbox = inbox(undefined, { corpId: TENCENT.corpId, token: TENCENT.token, encodingAesKey: TENCENT.encodingAesKey });
    const req = request('GET', { msg_signature: v.msgSignature, timestamp: v.timestamp, nonce: v.nonce, echostr: v.echostr });
    expect(channel.parse(req, tencentInbox)).toMatchObject({ kind: 'handshake', responseBody: v.echoPlain });
    const m = TENCENT.message;
    const body = Buffer.from(`<xml><ToUserName><![CDATA[${TENCENT.corpId}]]></ToUserName><Encrypt><![CDATA[${m.encrypt}]]></Encrypt><AgentID><![CDATA[218]]></AgentID></xml>`);
    const parsed = channel.parse(request('POST', { msg_signature: m.msgSignature, timestamp: m.timestamp, nonce: m.nonce }, body), { ...tencentInbox, settings: { ...tencentInbox.settings, agentId: 218 } });
    expect(parsed).toMatchObject({ kind: 'messages', messages: [{ externalMessageId: '4561255354251345929', text: 'hello', from: { externalUserId: 'mycreate' } }] });
  });
  it('reads the fresh-vector message exactly as sent', () => {
    const m = WECOM_FRESH.message;
    const body = Buffer.from(`<xml><ToUserName><![CDATA[${keys.corpId}]]></ToUserName><Encrypt><![CDATA[${m.encrypt}]]></Encrypt><AgentID><![CDATA[1000002]]></AgentID></xml>`);
    const req = request('POST', { msg_signature: m.msgSignature, timestamp: m.timestamp, nonce: m.nonce }, body);
    channel.verify(req, inbox(), new Date());
    expect(channel.parse(req, inbox())).toEqual({
      kind: 'messages',
      messages: [{
        reference: { channel: 'wecom', inboxId: 'inbox-wecom', externalConversationId: 'LiLei', externalUserId: 'LiLei' },
        from: { externalUserId: 'LiLei' },
        externalMessageId: '7391826450192837465',
        text: '我的订单什么时候发货？order #A1024',
        attachments: [],
        sentAt: new Date(1765400000 * 1000),
      }],
    });
  });
  it.each([
    ['image', '<MsgType><![CDATA[image]]></MsgType><PicUrl><![CDATA[http://p]]></PicUrl><MediaId><![CDATA[media_1]]></MediaId><MsgId>1</MsgId>', { text: '', attachments: [{ kind: 'image', ref: 'media_1' }] }],
    ['voice', '<MsgType><![CDATA[voice]]></MsgType><MediaId><![CDATA[media_2]]></MediaId><Format><![CDATA[amr]]></Format><MsgId>2</MsgId>', { text: '', attachments: [{ kind: 'audio', ref: 'media_2', mimeType: 'audio/amr' }] }],
    ['video', '<MsgType><![CDATA[video]]></MsgType><MediaId><![CDATA[media_3]]></MediaId><ThumbMediaId><![CDATA[t]]></ThumbMediaId><MsgId>3</MsgId>', { attachments: [{ kind: 'video', ref: 'media_3' }] }],
    ['location', '<MsgType><![CDATA[location]]></MsgType><Location_X>23.134</Location_X><Location_Y>113.358</Location_Y><Scale>20</Scale><Label><![CDATA[广州]]></Label><MsgId>4</MsgId>', { attachments: [{ kind: 'location', ref: '23.134,113.358', name: '广州' }] }],
  ])('parses %s as an attachment message', (_type, inner, expected) => {
    const xml = `<xml><ToUserName><![CDATA[${keys.corpId}]]></ToUserName><FromUserName><![CDATA[LiLei]]></FromUserName><CreateTime>1765400000</CreateTime>${inner}<AgentID>1000002</AgentID></xml>`;
    const { query, body } = buildWeComCallback(keys, xml);
    const parsed = channel.parse(request('POST', query, body), inbox());
    expect(parsed.kind === 'messages' && parsed.messages[0]).toMatchObject(expected);
  });
  it('turns subscribe into a welcome event and enter_agent into a recorded event', () => {
    const xml = (event: string) => `<xml><ToUserName><![CDATA[${keys.corpId}]]></ToUserName><FromUserName><![CDATA[LiLei]]></FromUserName><CreateTime>1408091189</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[${event}]]></Event><EventKey><![CDATA[]]></EventKey><AgentID>1000002</AgentID></xml>`;
    const sub = buildWeComCallback(keys, xml('subscribe'));
    expect(channel.parse(request('POST', sub.query, sub.body), inbox())).toMatchObject({ kind: 'messages', messages: [], events: [{ type: 'subscribe', externalUserId: 'LiLei', details: { welcome: true, eventId: 'LiLei:1408091189:subscribe' } }] });
    const enter = buildWeComCallback(keys, xml('enter_agent'));
    expect(channel.parse(request('POST', enter.query, enter.body), inbox())).toMatchObject({ events: [{ type: 'enter_agent' }] });
  });
  it.each([
    ['forged signature', () => { const c = buildWeComCallback(keys, '<xml/>'); return request('POST', { ...c.query, msg_signature: '0'.repeat(40) }, c.body); }, AuthenticityError],
    ['no signature', () => { const c = buildWeComCallback(keys, '<xml/>'); return request('POST', { timestamp: c.query.timestamp!, nonce: c.query.nonce! }, c.body); }, AuthenticityError],
    ['wrong receiveid', () => { const c = buildWeComCallback({ ...keys, corpId: 'ww0000000000000000' }, '<xml/>'); return request('POST', c.query, c.body); }, AuthenticityError],
    ['other AES key', () => { const c = buildWeComUrlVerification({ ...keys, encodingAesKey: TENCENT.encodingAesKey }, 'x'); return request('GET', c); }, AuthenticityError],
    ['malformed envelope', () => request('POST', { msg_signature: 'x', timestamp: '1', nonce: '1' }, Buffer.from('<xml><Encrypt>')), InboundParseError],
    ['XML bomb envelope', () => request('POST', { msg_signature: 'x', timestamp: '1', nonce: '1' }, Buffer.from('<!DOCTYPE x [<!ENTITY a "aaaa">]><xml><Encrypt>&a;</Encrypt></xml>')), InboundParseError],
    ['PUT', () => request('PUT', { msg_signature: 'x', timestamp: '1', nonce: '1' }), AuthenticityError],
  ] as Array<[string, () => RawRequest, typeof AuthenticityError | typeof InboundParseError]>)('refuses %s', (_name, make, errorClass) => {
    expect(() => channel.verify(make(), inbox(), new Date())).toThrow(errorClass);
  });
  it('declares a text-only channel within 2048 bytes and answers with an empty 200', () => {
    expect(channel.capabilities(inbox().settings)).toEqual({ textLimit: 682, buttons: false });
    expect(channel.respond?.(request('POST', {}), inbox(), {})).toEqual({ status: 200, contentType: 'text/plain; charset=utf-8', body: '' });
  });
});

describe('send (loopback WeCom API)', () => {
  let api: WeComApi;
  beforeEach(async () => { api = await startWeComApi({ corpId: keys.corpId, secret: SECRET, agentId: 1000002 }); });
  afterEach(async () => { await api.close(); });
  const reference = { channel: 'wecom' as const, inboxId: 'inbox-wecom', externalConversationId: 'LiLei', externalUserId: 'LiLei' };

  it('posts message/send as documented, fetching the token once', async () => {
    const channel = adapter();
    const receipt = await channel.send(reference, { text: '您是想问：', suggestions: ['怎么退货', '运费多少'] }, inbox(api.apiUrl));
    await channel.send(reference, { text: '第二条' }, inbox(api.apiUrl));
    expect(receipt.externalMessageId).toMatch(/^wecom_/);
    expect(api.tokenFetches).toBe(1);
    expect(api.calls.filter((call) => call.path === '/cgi-bin/message/send')[0]!.body).toEqual({
      touser: 'LiLei', msgtype: 'text', agentid: 1000002, text: { content: '您是想问：\n1. 怎么退货\n2. 运费多少' }, safe: 0,
    });
  });
  it('refreshes an expired token once (42001) and retries', async () => {
    const channel = adapter();
    await channel.send(reference, { text: 'a' }, inbox(api.apiUrl));
    api.expireTokens();
    await channel.send(reference, { text: 'b' }, inbox(api.apiUrl));
    expect(api.tokenFetches).toBe(2);
  });
  it('maps errcodes: rate limit retryable, invalid receivers and bad secret permanent', async () => {
    const channel = adapter();
    api.queueError('/cgi-bin/message/send', { errcode: 45009, errmsg: 'api freq out of limit' });
    const limited = await channel.send(reference, { text: 'a' }, inbox(api.apiUrl)).catch((error: unknown) => error);
    expect(limited).toBeInstanceOf(ChannelApiError);
    expect((limited as ChannelApiError).details).toMatchObject({ apiCode: 45009, permanent: false });
    api.queueError('/cgi-bin/message/send', { errcode: 81013, errmsg: 'user & party & tag all invalid' });
    const invalid = (await channel.send(reference, { text: 'a' }, inbox(api.apiUrl)).catch((error: unknown) => error)) as ChannelApiError;
    expect(invalid.details).toMatchObject({ apiCode: 81013, permanent: true });
    const wrongSecret = (await adapter().send(reference, { text: 'a' }, inbox(api.apiUrl, { secret: `${SECRET}x` })).catch((error: unknown) => error)) as ChannelApiError;
    expect(wrongSecret.details).toMatchObject({ apiCode: 40001, permanent: true });
    expect(wrongSecret.message).not.toContain(SECRET);
  });
  it('a refused connection is a ChannelNetworkError', async () => {
    const url = api.apiUrl;
    await api.close();
    await expect(adapter().send(reference, { text: 'a' }, inbox(url))).rejects.toMatchObject({ code: 'channel_network' });
    api = await startWeComApi({ corpId: keys.corpId, secret: SECRET });
  });
});
