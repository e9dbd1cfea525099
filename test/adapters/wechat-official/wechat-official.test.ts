import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { AuthenticityError, ChannelApiError, InboundParseError } from '../../../core/errors.ts';
import { wechatOfficialChannel, wechatOfficialSettingsSchema, type WeChatOfficialSettings } from '../../../adapters/wechat-official/index.ts';
import type { ChannelAdapter, InboxOf, RawRequest } from '../../../adapters/wechat-shared/contract.ts';
import { decryptMessage, wechatSignature } from '../../../adapters/wechat-shared/crypto.ts';
import { readWeChatXml, xmlText } from '../../../adapters/wechat-shared/xml.ts';
import { buildOfficialPush, buildOfficialUrlVerification, startOfficialApi, type OfficialApi } from '../../loopback/wechat-official-api.ts';
import { createMemoryTokenStore } from '../../support/memory-token-store.ts';
import { OA_FRESH } from '../wechat-shared/vectors.ts';

const SECRET = 'a3f09c1d2e4b5f6a7b8c9d0e1f2a3b4c';
const keys = { token: OA_FRESH.token, appId: OA_FRESH.appId, encodingAesKey: OA_FRESH.encodingAesKey };
const request = (method: string, query: Record<string, string>, body: Buffer = Buffer.alloc(0)): RawRequest => ({ method, path: '', headers: {}, query, body });
function inbox(overrides: Record<string, unknown> = {}, apiUrl = 'https://api.weixin.qq.com'): InboxOf<WeChatOfficialSettings> {
  return { id: 'inbox-oa', key: 'oa', name: 'OA', settings: wechatOfficialSettingsSchema.parse({ appId: keys.appId, appSecret: SECRET, token: keys.token, encodingAesKey: keys.encodingAesKey, apiUrl, menu: { FAQ_RETURN: '退货怎么办理？' }, ...overrides }) };
}
const textXml = (content: string, msgId = '24839201746583920') =>
  `<xml><ToUserName><![CDATA[gh_3f9a2b7c1d4e]]></ToUserName><FromUserName><![CDATA[oQx7D5-ZkR2pV9mLw3Ht8Ya1bC4E]]></FromUserName><CreateTime>1761234567</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${content}]]></Content><MsgId>${msgId}</MsgId></xml>`;
const eventXml = (event: string, key = '') =>
  `<xml><ToUserName><![CDATA[gh_3f9a2b7c1d4e]]></ToUserName><FromUserName><![CDATA[oQx7D5-ZkR2pV9mLw3Ht8Ya1bC4E]]></FromUserName><CreateTime>1761234600</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[${event}]]></Event><EventKey><![CDATA[${key}]]></EventKey></xml>`;

let channel: ChannelAdapter<WeChatOfficialSettings>;
beforeEach(() => {
  channel = wechatOfficialChannel.create({ fetch, now: () => new Date(1761234568_000), tokens: createMemoryTokenStore(), logger: pino({ level: 'silent' }) });
});

describe('settings', () => {
  it('derives the mode from the key and refuses safe mode without one', () => {
    expect(inbox().settings.mode).toBe('safe');
    expect(inbox({ encodingAesKey: undefined }).settings.mode).toBe('plain');
    expect(() => inbox({ encodingAesKey: undefined, mode: 'safe' })).toThrow();
    expect(() => inbox({ appSecret: 'weak' })).toThrow();
    expect(() => inbox({ token: undefined })).toThrow();
  });
});

describe('verify and parse', () => {
  it('GET verification answers echostr unchanged (fresh vector)', () => {
    const v = OA_FRESH.verify;
    const req = request('GET', { signature: v.signature, timestamp: v.timestamp, nonce: v.nonce, echostr: v.echostr });
    expect(channel.parse(req, inbox())).toEqual({ kind: 'handshake', responseBody: v.echostr, contentType: 'text/plain; charset=utf-8' });
  });
  it('reads the fresh safe-mode push', () => {
    const m = OA_FRESH.message;
    const body = Buffer.from(`<xml><ToUserName><![CDATA[gh_3f9a2b7c1d4e]]></ToUserName><Encrypt><![CDATA[${m.encrypt}]]></Encrypt></xml>`);
    const req = request('POST', { signature: m.signature, timestamp: m.timestamp, nonce: m.nonce, openid: m.openid, encrypt_type: 'aes', msg_signature: m.msgSignature }, body);
    channel.verify(req, inbox(), new Date());
    expect(channel.parse(req, inbox())).toEqual({
      kind: 'messages',
      messages: [{
        reference: { channel: 'wechat_official', inboxId: 'inbox-oa', externalConversationId: m.openid, externalUserId: m.openid },
        from: { externalUserId: m.openid }, externalMessageId: '24839201746583920', text: '退货怎么办理？', attachments: [], sentAt: new Date(1761234567_000),
      }],
    });
  });
  it.each(['plain', 'compatible'] as const)('reads a %s push in compatible mode', (mode) => {
    const push = buildOfficialPush(keys, textXml('你好'), { mode });
    expect(channel.parse(request('POST', push.query, push.body), inbox({ mode: 'compatible' }))).toMatchObject({ messages: [{ text: '你好' }] });
  });
  it('voice with recognition, voice without, image by MediaId', () => {
    const voice = (recognition: string) => `<xml><ToUserName><![CDATA[gh_1]]></ToUserName><FromUserName><![CDATA[oU1]]></FromUserName><CreateTime>1</CreateTime><MsgType><![CDATA[voice]]></MsgType><MediaId><![CDATA[MV]]></MediaId><Format><![CDATA[amr]]></Format>${recognition}<MsgId>9</MsgId></xml>`;
    const plainInbox = inbox({ encodingAesKey: undefined });
    const parse = (xml: string) => { const p = buildOfficialPush(keys, xml); return channel.parse(request('POST', p.query, p.body), plainInbox); };
    expect(parse(voice('<Recognition><![CDATA[查订单]]></Recognition>'))).toMatchObject({ messages: [{ text: '查订单', attachments: [{ kind: 'audio', ref: 'MV' }] }] });
    expect(parse(voice(''))).toMatchObject({ messages: [{ text: '', attachments: [{ kind: 'audio', ref: 'MV' }] }] });
  });
  it('subscribe asks for the welcome; a mapped menu click becomes a message; an unmapped one only an event', () => {
    const parse = (xml: string) => { const p = buildOfficialPush(keys, xml, { mode: 'safe' }); return channel.parse(request('POST', p.query, p.body), inbox()); };
    expect(parse(eventXml('subscribe', 'qrscene_42'))).toMatchObject({ messages: [], events: [{ type: 'subscribe', details: { welcome: true, eventKey: 'qrscene_42' } }] });
    expect(parse(eventXml('CLICK', 'FAQ_RETURN'))).toMatchObject({ messages: [{ text: '退货怎么办理？', externalMessageId: 'click:oQx7D5-ZkR2pV9mLw3Ht8Ya1bC4E:1761234600' }], events: [{ type: 'CLICK' }] });
    expect(parse(eventXml('CLICK', 'UNKNOWN'))).toMatchObject({ messages: [], events: [{ type: 'CLICK', details: { eventKey: 'UNKNOWN' } }] });
  });
  it.each([
    ['wrong signature', () => { const p = buildOfficialPush(keys, textXml('x'), { mode: 'safe' }); return request('POST', { ...p.query, signature: '1'.repeat(40) }, p.body); }, AuthenticityError],
    ['wrong msg_signature', () => { const p = buildOfficialPush(keys, textXml('x'), { mode: 'safe' }); return request('POST', { ...p.query, msg_signature: '1'.repeat(40) }, p.body); }, AuthenticityError],
    ['plain push in safe mode', () => { const p = buildOfficialPush(keys, textXml('x')); return request('POST', p.query, p.body); }, AuthenticityError],
    ['another AppID', () => { const p = buildOfficialPush({ ...keys, appId: 'wx0000000000000000' }, textXml('x'), { mode: 'safe' }); return request('POST', p.query, p.body); }, AuthenticityError],
    ['GET with a wrong signature', () => request('GET', { ...buildOfficialUrlVerification(keys), signature: '0'.repeat(40) }), AuthenticityError],
  ] as Array<[string, () => RawRequest, typeof AuthenticityError]>)('refuses %s', (_name, make, errorClass) => {
    expect(() => channel.verify(make(), inbox(), new Date())).toThrow(errorClass);
  });
  it('property: any body under a valid signature is AuthenticityError or InboundParseError, never a crash', () => {
    const plainInbox = inbox({ encodingAesKey: undefined });
    const query = buildOfficialUrlVerification(keys);
    const bodies = fc.oneof(
      fc.string({ maxLength: 400 }),
      fc.string({ maxLength: 200 }).map((content) => textXml(content)),
      fc.string({ maxLength: 100 }).map((inner) => `<xml><Encrypt><![CDATA[${inner}]]></Encrypt></xml>`),
      fc.constant(`<!DOCTYPE x [<!ENTITY a "${'a'.repeat(100)}">]><xml><Content>&a;&a;</Content></xml>`),
      fc.constant(`<xml><Content>${'x'.repeat(70_000)}</Content></xml>`),
    );
    fc.assert(fc.property(bodies, fc.boolean(), (body, encrypted) => {
      const q = encrypted ? { ...query, encrypt_type: 'aes', msg_signature: wechatSignature(keys.token, query.timestamp!, query.nonce!, 'x') } : query;
      try {
        channel.parse(request('POST', q, Buffer.from(body)), encrypted ? inbox() : plainInbox);
      } catch (error) {
        expect(error instanceof AuthenticityError || error instanceof InboundParseError).toBe(true);
      }
    }), { numRuns: 300 });
  });
});

describe('respond', () => {
  it('answers success when no reply is ready', () => {
    const p = buildOfficialPush(keys, textXml('x'), { mode: 'safe' });
    expect(channel.respond!(request('POST', p.query, p.body), inbox(), {})).toEqual({ status: 200, contentType: 'text/plain; charset=utf-8', body: 'success' });
  });
  it('renders an encrypted passive reply with a valid MsgSignature in safe mode', () => {
    const p = buildOfficialPush(keys, textXml('退货'), { mode: 'safe' });
    const reference = { channel: 'wechat_official' as const, inboxId: 'inbox-oa', externalConversationId: 'oQx7D5-ZkR2pV9mLw3Ht8Ya1bC4E', externalUserId: 'oQx7D5-ZkR2pV9mLw3Ht8Ya1bC4E' };
    const response = channel.respond!(request('POST', p.query, p.body), inbox(), { reply: { reference, message: { text: '请在订单页点击“申请售后”。]]>' } } });
    const envelope = readWeChatXml(response.body);
    const encrypt = xmlText(envelope, 'Encrypt')!;
    expect(xmlText(envelope, 'MsgSignature')).toBe(wechatSignature(keys.token, xmlText(envelope, 'TimeStamp')!, xmlText(envelope, 'Nonce')!, encrypt));
    const inner = readWeChatXml(decryptMessage(encrypt, { encodingAesKey: keys.encodingAesKey, receiveId: keys.appId }));
    expect(inner).toEqual({ ToUserName: reference.externalUserId, FromUserName: 'gh_3f9a2b7c1d4e', CreateTime: '1761234568', MsgType: 'text', Content: '请在订单页点击“申请售后”。]]>' });
  });
  it('renders plain reply XML for a plain push with the suggestions numbered', () => {
    const p = buildOfficialPush(keys, textXml('x'));
    const reference = { channel: 'wechat_official' as const, inboxId: 'inbox-oa', externalConversationId: 'oU', externalUserId: 'oU' };
    const response = channel.respond!(request('POST', p.query, p.body), inbox({ encodingAesKey: undefined }), { reply: { reference, message: { text: '您是想问：', suggestions: ['A', 'B'] } } });
    expect(response.body).toBe('<xml><ToUserName><![CDATA[oU]]></ToUserName><FromUserName><![CDATA[gh_3f9a2b7c1d4e]]></FromUserName><CreateTime>1761234568</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[您是想问：\n1. A\n2. B]]></Content></xml>');
  });
  it('declares the sync-reply deadline', () => {
    expect(channel.capabilities(inbox().settings)).toMatchObject({ buttons: false, syncReplyDeadlineMs: 4000, sendWindowHours: 48 });
  });
});

describe('send (loopback OA API)', () => {
  let api: OfficialApi;
  let clock = 1761234568_000;
  beforeEach(async () => { clock = 1761234568_000; api = await startOfficialApi({ appId: keys.appId, appSecret: SECRET, now: () => clock }); });
  afterEach(async () => { await api.close(); });
  const reference = { channel: 'wechat_official' as const, inboxId: 'inbox-oa', externalConversationId: 'oU1', externalUserId: 'oU1' };

  it('sends custom/send over a stable_token, refreshing once on 42001', async () => {
    api.customerWrote('oU1');
    await channel.send(reference, { text: '您好' }, inbox({}, api.apiUrl), { idempotencyKey: 'k1' });
    api.expireTokens();
    const receipt = await channel.send(reference, { text: '再见' }, inbox({}, api.apiUrl));
    expect(api.tokenFetches).toEqual({ token: 0, stableToken: 2 });
    expect(api.sent).toEqual([{ touser: 'oU1', msgtype: 'text', text: { content: '您好' } }, { touser: 'oU1', msgtype: 'text', text: { content: '再见' } }]);
    expect(api.calls[0]).toMatchObject({ path: '/cgi-bin/stable_token', body: { grant_type: 'client_credential', appid: keys.appId, force_refresh: false } });
    expect(receipt.externalMessageId).toMatch(/^custom:/);
  });
  it('outside 48 hours (45015) and over 5 messages (45047) are permanent with a reason', async () => {
    api.customerWrote('oU1');
    for (let i = 0; i < 5; i++) await channel.send(reference, { text: `m${i}` }, inbox({}, api.apiUrl));
    const over = (await channel.send(reference, { text: 'm6' }, inbox({}, api.apiUrl)).catch((error: unknown) => error)) as ChannelApiError;
    expect(over.details).toMatchObject({ apiCode: 45047, permanent: true });
    api.customerWrote('oU1');
    clock += 49 * 3600 * 1000;
    const late = (await channel.send(reference, { text: 'late' }, inbox({}, api.apiUrl)).catch((error: unknown) => error)) as ChannelApiError;
    expect(late.details).toMatchObject({ apiCode: 45015, permanent: true });
    expect(late.message).toMatch(/48-hour/);
  });
});
