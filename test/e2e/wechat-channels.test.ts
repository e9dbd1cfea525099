/**
 * The three WeChat channels through the whole hub, on both stacks: signed (and encrypted) callbacks built as
 * Tencent documents them, the hub started in-process with its config file, and the WeCom / Official Account
 * APIs as loopback servers. What a channel would see is what is asserted: the API calls and the webhook body.
 */
import { createCipheriv } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decryptMessage, wechatSignature, encryptMessage } from '../../adapters/wechat-shared/crypto.ts';
import { readWeChatXml, xmlText } from '../../adapters/wechat-shared/xml.ts';
import { startHub, type HubOverrides, type RunningHub } from '../../app/hub.ts';
import { DEFAULT_WELCOME_MESSAGE } from '../../core/config/config.ts';
import { loadSampleFaqs } from '../../prisma/seed/faq-ecommerce.ts';
import { buildOfficialPush, startOfficialApi, type OfficialApi } from '../loopback/wechat-official-api.ts';
import { buildWeComCallback, kfCallbackXml, startWeComApi, type WeComApi } from '../loopback/wecom-api.ts';
import { eventually, sleep, STACKS, stackConfig, stackEnvironment, WAIT_MS } from '../support/hub-stacks.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

const sample = new Map(loadSampleFaqs().map((faq) => [faq.id, faq]));
const answerOf = (id: string) => sample.get(id)!.answer;

// wecom.md §10 and wechat-official.md §7 configurations (fresh vectors, not production keys).
const CORP = { corpId: 'ww46771939afcbc44c', secret: 'wecom-app-secret-0123456789abcdef', token: 'eAUuJ18GCfHq0Jea', encodingAesKey: 'Weqxu1ClKk124PZeBGZ7ZIMaTqeoGOUrncO7JcZi4T8' };
const OPEN_KF_ID = 'wkTestAccount01';
const AGENT_ID = 1000002;
const OA = { appId: 'wx9ba34a95e3d93b64', appSecret: 'oa-app-secret-0123456789abcdef01', token: 'lM6mHvYMovIX', encodingAesKey: 'C8fsAkQYxJ4sv3iDmHTNQvdR0c69iWPXlzNGImqKG2Q' };
const OPENID = 'oQx7D5-ZkR2pV9mLw3Ht8Ya1bC4E';

const CONFIG_FILE = 'wechat.config.json';

function configJson(wecomApiUrl: string, officialApiUrl: string): string {
  return JSON.stringify({
    inboxes: [
      { key: 'kf', channel: 'wechat_kf', settings: { ...CORP, openKfId: OPEN_KF_ID, apiUrl: wecomApiUrl } },
      { key: 'oa', channel: 'wechat_official', settings: { ...OA, mode: 'safe', apiUrl: officialApiUrl } },
      { key: 'wecom', channel: 'wecom', settings: { ...CORP, agentId: AGENT_ID, apiUrl: wecomApiUrl } },
    ],
  });
}

function textPushXml(text: string, msgId: string, createTime = 1761234567): string {
  return `<xml><ToUserName><![CDATA[gh_3f9a2b7c1d4e]]></ToUserName><FromUserName><![CDATA[${OPENID}]]></FromUserName><CreateTime>${createTime}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${text}]]></Content><MsgId>${msgId}</MsgId></xml>`;
}

function wecomTextXml(text: string, msgId: string, from = 'LiLei'): string {
  return `<xml><ToUserName><![CDATA[${CORP.corpId}]]></ToUserName><FromUserName><![CDATA[${from}]]></FromUserName><CreateTime>1765400000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${text}]]></Content><MsgId>${msgId}</MsgId><AgentID>${AGENT_ID}</AgentID></xml>`;
}

/** A ciphertext of `inner` whose last block is padded with `padByte` (0 is never valid PKCS#7). */
function encryptWithPadding(inner: string, receiveId: string, padByte: number): string {
  const key = Buffer.from(`${CORP.encodingAesKey}=`, 'base64');
  const body = Buffer.from(inner, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  const full = Buffer.concat([Buffer.alloc(16, 0x61), length, body, Buffer.from(receiveId)]);
  const n = 32 - (full.length % 32);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
  return Buffer.concat([cipher.update(Buffer.concat([full, Buffer.alloc(n, padByte)])), cipher.final()]).toString('base64');
}

function signedEnvelope(encrypt: string, timestamp = '1765400001', nonce = '6300138417'): { query: Record<string, string>; body: Buffer } {
  const body = `<xml><ToUserName><![CDATA[${CORP.corpId}]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt><AgentID><![CDATA[${AGENT_ID}]]></AgentID></xml>`;
  return { query: { msg_signature: wechatSignature(CORP.token, timestamp, nonce, encrypt), timestamp, nonce }, body: Buffer.from(body) };
}

for (const stack of STACKS) {
  describe(`WeChat channels end to end, on ${stack.name}`, () => {
    let testDb: TestDatabase;
    let wecom: WeComApi;
    let official: OfficialApi;
    let hub: RunningHub | undefined;

    beforeEach(async () => {
      testDb = await createTestDatabase(stack.provider);
      wecom = await startWeComApi({ corpId: CORP.corpId, secret: CORP.secret, agentId: AGENT_ID });
      official = await startOfficialApi({ appId: OA.appId, appSecret: OA.appSecret });
    });

    afterEach(async () => {
      await hub?.close();
      hub = undefined;
      await wecom?.close();
      await official?.close();
      await testDb?.drop();
    });

    async function start(overrides: HubOverrides = {}, extraEnv: Record<string, string> = {}): Promise<RunningHub> {
      const environment = stackEnvironment(stack, testDb.url, {}, { KEFU_CONFIG: CONFIG_FILE, ...extraEnv });
      hub = await startHub(stackConfig(environment, { [CONFIG_FILE]: configJson(wecom.apiUrl, official.apiUrl) }), overrides);
      return hub;
    }

    const post = (key: string, request: { query: Record<string, string>; body: Buffer | string }) =>
      fetch(`http://127.0.0.1:${hub!.port}/webhooks/${key}?${new URLSearchParams(request.query)}`, {
        method: 'POST',
        headers: { 'content-type': 'text/xml' },
        body: typeof request.body === 'string' ? request.body : new Uint8Array(request.body),
      });

    const callsTo = (path: string) => wecom.calls.filter((call) => call.path === path);
    const contentOf = (body: unknown) => ((body as { text?: { content?: string } }).text?.content ?? '');

    it('kf: a callback makes the hub pull with sync_msg and answer with send_msg; the next callback resumes from the stored cursor', async () => {
      await start();
      const customer = 'wmCustomer0001';
      const first = wecom.addKfMessage({ msgid: 'kfmsg1', open_kfid: OPEN_KF_ID, external_userid: customer, send_time: 1765400000, origin: 3, msgtype: 'text', text: { content: 'how long does delivery usually take?' } });
      const response = await post('kf', buildWeComCallback(CORP, kfCallbackXml(CORP.corpId, first, OPEN_KF_ID)));
      expect(response.status).toBe(200);
      expect(await response.text()).toBe('');
      const [sent] = await eventually(() => callsTo('/cgi-bin/kf/send_msg').length > 0 && callsTo('/cgi-bin/kf/send_msg'), WAIT_MS, 'send_msg');
      expect(sent!.body).toMatchObject({ touser: customer, open_kfid: OPEN_KF_ID, msgtype: 'text' });
      expect(contentOf(sent!.body)).toBe(answerOf('shipping-time-en'));
      const [firstSync] = callsTo('/cgi-bin/kf/sync_msg');
      expect(firstSync!.body).toMatchObject({ cursor: '', token: first, open_kfid: OPEN_KF_ID });

      const second = wecom.addKfMessage({ msgid: 'kfmsg2', open_kfid: OPEN_KF_ID, external_userid: customer, send_time: 1765400100, origin: 3, msgtype: 'text', text: { content: 'which payment methods do you accept?' } });
      expect((await post('kf', buildWeComCallback(CORP, kfCallbackXml(CORP.corpId, second, OPEN_KF_ID, 1765400100)))).status).toBe(200);
      await eventually(() => callsTo('/cgi-bin/kf/send_msg').length > 1, WAIT_MS, 'the second send_msg');
      expect(contentOf(callsTo('/cgi-bin/kf/send_msg')[1]!.body)).toBe(answerOf('payment-methods-en'));
      // Resumed where the first pull stopped: kfmsg1 was not handed out again.
      const syncs = callsTo('/cgi-bin/kf/sync_msg');
      const cursorAfterFirst = (syncs[0]!.body as { cursor: string }).cursor;
      expect((syncs.at(-1)!.body as { cursor: string }).cursor).not.toBe(cursorAfterFirst);
      const db = testDb.database.prisma;
      expect(await db.message.count({ where: { direction: 'incoming' } })).toBe(2);
      const stored = await db.channelCursor.findFirstOrThrow();
      expect(stored.value).not.toBe('');
      await sleep(500);
      expect(callsTo('/cgi-bin/kf/send_msg')).toHaveLength(2);
    });

    it('OA: a fast answer goes back inside the webhook response, as encrypted passive-reply XML; WeChat\'s retries are processed once', async () => {
      await start({ syncReplyDeadlineMs: WAIT_MS });
      const push = buildOfficialPush(OA, textPushXml('我想退货，运费谁来出？', '24839201746583920'), { mode: 'safe' });
      const response = await post('oa', push);
      expect(response.status).toBe(200);
      const envelope = readWeChatXml(await response.text());
      const encrypt = xmlText(envelope, 'Encrypt')!;
      expect(xmlText(envelope, 'MsgSignature')).toBe(wechatSignature(OA.token, xmlText(envelope, 'TimeStamp')!, xmlText(envelope, 'Nonce')!, encrypt));
      const reply = readWeChatXml(decryptMessage(encrypt, { encodingAesKey: OA.encodingAesKey, receiveId: OA.appId }));
      expect(xmlText(reply, 'ToUserName')).toBe(OPENID);
      expect(xmlText(reply, 'FromUserName')).toBe('gh_3f9a2b7c1d4e');
      expect(xmlText(reply, 'Content')).toBe(answerOf('returns-shipping-fee-zh'));
      const db = testDb.database.prisma;
      await eventually(async () => (await db.message.findFirst({ where: { direction: 'outgoing', status: 'sent' } })) ?? undefined, WAIT_MS, 'the reply recorded as sent');

      // WeChat retries the same push (it did not see our answer in time): stored once, answered once.
      for (let retry = 0; retry < 3; retry++) {
        const again = await post('oa', push);
        expect(again.status).toBe(200);
        expect(await again.text()).toBe('success');
      }
      await sleep(500);
      expect(await db.message.count({ where: { direction: 'incoming' } })).toBe(1);
      expect(await db.message.count({ where: { direction: 'outgoing' } })).toBe(1);
      expect(official.sent).toHaveLength(0);
    });

    it('OA: a slow answer is sent through message/custom/send after the webhook answered "success"', async () => {
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      await start({ syncReplyDeadlineMs: 200, beforeBotProposes: () => held });
      const response = await post('oa', buildOfficialPush(OA, textPushXml('我想退货，运费谁来出？', '24839201746583921'), { mode: 'safe' }));
      expect(response.status).toBe(200);
      expect(await response.text()).toBe('success');
      release();
      const [sent] = await eventually(() => official.sent.length > 0 && official.sent, WAIT_MS, 'custom/send');
      expect(sent).toMatchObject({ touser: OPENID, msgtype: 'text', text: { content: answerOf('returns-shipping-fee-zh') } });
      await sleep(300);
      expect(official.sent).toHaveLength(1);
    });

    it('WeCom app: a member\'s message is answered with message/send, and a replayed MsgId once', async () => {
      await start();
      const callback = buildWeComCallback(CORP, wecomTextXml('how long does delivery usually take?', '7391826450192837465'));
      const response = await post('wecom', callback);
      expect(response.status).toBe(200);
      expect(await response.text()).toBe('');
      const [sent] = await eventually(() => callsTo('/cgi-bin/message/send').length > 0 && callsTo('/cgi-bin/message/send'), WAIT_MS, 'message/send');
      expect(sent!.body).toMatchObject({ touser: 'LiLei', agentid: AGENT_ID, msgtype: 'text' });
      expect(contentOf(sent!.body)).toBe(answerOf('shipping-time-en'));
      // A replay of the same callback, even freshly signed with another nonce, is the same MsgId.
      expect((await post('wecom', callback)).status).toBe(200);
      expect((await post('wecom', buildWeComCallback(CORP, wecomTextXml('how long does delivery usually take?', '7391826450192837465'), { nonce: '42' }))).status).toBe(200);
      await sleep(500);
      expect(callsTo('/cgi-bin/message/send')).toHaveLength(1);
      expect(await testDb.database.prisma.message.count({ where: { direction: 'incoming' } })).toBe(1);
    });

    it('kf: enter_session gets the welcome through send_msg_on_event with its welcome code; msg_send_fail is recorded on the conversation', async () => {
      await start();
      const customer = 'wmCustomer0002';
      const code = wecom.issueWelcomeCode();
      const token = wecom.addKfMessage({ msgid: 'kfev1', open_kfid: OPEN_KF_ID, origin: 4, msgtype: 'event', event: { event_type: 'enter_session', open_kfid: OPEN_KF_ID, external_userid: customer, scene: 'qrcode', welcome_code: code } });
      expect((await post('kf', buildWeComCallback(CORP, kfCallbackXml(CORP.corpId, token, OPEN_KF_ID)))).status).toBe(200);
      const [welcome] = await eventually(() => callsTo('/cgi-bin/kf/send_msg_on_event').length > 0 && callsTo('/cgi-bin/kf/send_msg_on_event'), WAIT_MS, 'send_msg_on_event');
      expect(welcome!.body).toMatchObject({ code, msgtype: 'text', text: { content: DEFAULT_WELCOME_MESSAGE } });
      const db = testDb.database.prisma;
      await eventually(async () => (await db.message.findFirst({ where: { author: 'system', status: 'sent' } })) ?? undefined, WAIT_MS, 'the welcome recorded as sent');

      const failed = wecom.addKfMessage({ msgid: 'kfev2', open_kfid: OPEN_KF_ID, origin: 4, msgtype: 'event', event: { event_type: 'msg_send_fail', open_kfid: OPEN_KF_ID, external_userid: customer, fail_msgid: 'x1', fail_type: 4 } });
      const stranger = wecom.addKfMessage({ msgid: 'kfev3', open_kfid: OPEN_KF_ID, origin: 4, msgtype: 'event', event: { event_type: 'session_status_change', open_kfid: OPEN_KF_ID, external_userid: 'wmNobody', change_type: 3 } });
      expect((await post('kf', buildWeComCallback(CORP, kfCallbackXml(CORP.corpId, failed, OPEN_KF_ID, 1765400200)))).status).toBe(200);
      expect((await post('kf', buildWeComCallback(CORP, kfCallbackXml(CORP.corpId, stranger, OPEN_KF_ID, 1765400300)))).status).toBe(200);
      const conversation = await db.conversation.findFirstOrThrow({ where: { externalConversationId: `${OPEN_KF_ID}:${customer}` } });
      const event = await eventually(async () => (await db.conversationEvent.findFirst({ where: { conversationId: conversation.id, type: 'channel:msg_send_fail' } })) ?? undefined, WAIT_MS, 'msg_send_fail recorded');
      expect(event.details).toMatchObject({ fail_type: 4, fail_msgid: 'x1' });
      await eventually(async () => (await db.processedEvent.count()) === 3, WAIT_MS, 'all three events seen');
      // The session change of a customer we never talked to: logged, not stored, nothing crashed.
      expect(await db.conversation.count()).toBe(1);
      expect((await fetch(`http://127.0.0.1:${hub!.port}/healthz`)).status).toBe(200);
    });

    it('OA: subscribe gets the welcome through custom/send, once however often WeChat retries the push', async () => {
      await start({}, { WELCOME_MESSAGE: '欢迎关注！\\nWelcome!' });
      const subscribe = `<xml><ToUserName><![CDATA[gh_3f9a2b7c1d4e]]></ToUserName><FromUserName><![CDATA[${OPENID}]]></FromUserName><CreateTime>1761234600</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[subscribe]]></Event></xml>`;
      const push = buildOfficialPush(OA, subscribe, { mode: 'safe' });
      for (let attempt = 0; attempt < 3; attempt++) {
        const response = await post('oa', push);
        expect(response.status).toBe(200);
        expect(await response.text()).toBe('success');
      }
      const [sent] = await eventually(() => official.sent.length > 0 && official.sent, WAIT_MS, 'the welcome');
      expect(sent).toMatchObject({ touser: OPENID, msgtype: 'text', text: { content: '欢迎关注！\nWelcome!' } });
      await sleep(500);
      expect(official.sent).toHaveLength(1);
      const db = testDb.database.prisma;
      expect(await db.conversationEvent.count({ where: { type: 'channel:subscribe' } })).toBe(1);
      expect(await db.message.count({ where: { direction: 'incoming' } })).toBe(0);
    });

    it('kf: an image is stored with its media id and gets the polite media reply via send_msg; a voice message without text goes to a person', async () => {
      await start();
      const db = testDb.database.prisma;
      const customer = 'wmCustomer0003';
      const image = wecom.addKfMessage({ msgid: 'kfimg1', open_kfid: OPEN_KF_ID, external_userid: customer, send_time: 1765400000, origin: 3, msgtype: 'image', image: { media_id: 'MEDIA_IMAGE_0001' } });
      expect((await post('kf', buildWeComCallback(CORP, kfCallbackXml(CORP.corpId, image, OPEN_KF_ID)))).status).toBe(200);
      const [sent] = await eventually(() => callsTo('/cgi-bin/kf/send_msg').length > 0 && callsTo('/cgi-bin/kf/send_msg'), WAIT_MS, 'the media reply');
      expect(sent!.body).toMatchObject({ touser: customer, open_kfid: OPEN_KF_ID, msgtype: 'text' });
      expect(contentOf(sent!.body)).toContain('我们已收到您的图片。');
      expect(contentOf(sent!.body)).toContain('We received your image.');
      const stored = await db.message.findFirstOrThrow({ where: { externalId: 'kfimg1' } });
      expect(stored).toMatchObject({ text: '', tier: 'bot', routingReason: 'media_only' });
      expect(stored.attachments).toEqual([{ kind: 'image', ref: 'MEDIA_IMAGE_0001' }]);
      expect(await db.escalation.count()).toBe(0);

      const voice = wecom.addKfMessage({ msgid: 'kfvoice1', open_kfid: OPEN_KF_ID, external_userid: customer, send_time: 1765400100, origin: 3, msgtype: 'voice', voice: { media_id: 'MEDIA_VOICE_0001' } });
      expect((await post('kf', buildWeComCallback(CORP, kfCallbackXml(CORP.corpId, voice, OPEN_KF_ID, 1765400100)))).status).toBe(200);
      const escalation = await eventually(async () => (await db.escalation.findFirst({ where: { status: 'open' } })) ?? undefined, WAIT_MS, 'the voice message handed to a person');
      expect(escalation.reason).toBe('media_only');
      const voiceStored = await db.message.findFirstOrThrow({ where: { externalId: 'kfvoice1' } });
      expect(voiceStored).toMatchObject({ text: '', tier: 'human', routingReason: 'media_only' });
      expect(voiceStored.attachments).toEqual([{ kind: 'audio', ref: 'MEDIA_VOICE_0001' }]);
      // The customer is told a person will listen, through send_msg too.
      await eventually(() => callsTo('/cgi-bin/kf/send_msg').length > 1, WAIT_MS, 'the voice notice');
      expect(contentOf(callsTo('/cgi-bin/kf/send_msg')[1]!.body)).toContain('A person will listen to it');
      expect((await db.conversation.findFirstOrThrow()).status).not.toBe('bot');
    });

    it('refuses forged, misdirected, badly padded, hostile and oversized callbacks, and stores nothing', async () => {
      await start();
      const inner = wecomTextXml('where is my order?', '1111');
      const good = buildWeComCallback(CORP, inner);
      const statuses: Record<string, number> = {};
      statuses.forgedSignature = (await post('wecom', { query: { ...good.query, msg_signature: '0'.repeat(40) }, body: good.body })).status;
      statuses.noSignature = (await post('wecom', { query: { timestamp: good.query.timestamp!, nonce: good.query.nonce! }, body: good.body })).status;
      statuses.wrongReceiveId = (await post('wecom', signedEnvelope(encryptMessage(inner, { encodingAesKey: CORP.encodingAesKey, receiveId: 'wwSomeoneElse0001' })))).status;
      statuses.badPadding = (await post('wecom', signedEnvelope(encryptWithPadding(inner, CORP.corpId, 0)))).status;
      statuses.outerBomb = (await post('wecom', { query: good.query, body: '<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><xml><Encrypt>&b;</Encrypt></xml>' })).status;
      statuses.innerBomb = (await post('wecom', signedEnvelope(encryptMessage('<!DOCTYPE xml [<!ENTITY a "a">]><xml><FromUserName>&a;</FromUserName></xml>', { encodingAesKey: CORP.encodingAesKey, receiveId: CORP.corpId })))).status;
      statuses.malformed = (await post('wecom', { query: good.query, body: '<xml><Encrypt><![CDATA[abc' })).status;
      statuses.oversized = (await post('wecom', { query: good.query, body: `<xml><Encrypt><![CDATA[${'A'.repeat(2 * 1024 * 1024)}]]></Encrypt></xml>` })).status;
      const oaPush = buildOfficialPush(OA, textPushXml('where is my order?', '2222'), { mode: 'safe' });
      statuses.oaForged = (await post('oa', { query: { ...oaPush.query, signature: 'f'.repeat(40) }, body: oaPush.body })).status;
      statuses.oaPlainInSafeMode = (await post('oa', buildOfficialPush(OA, textPushXml('where is my order?', '3333')))).status;
      expect(statuses).toEqual({
        forgedSignature: 401,
        noSignature: 401,
        wrongReceiveId: 401,
        badPadding: 401,
        outerBomb: 400,
        innerBomb: 400,
        malformed: 400,
        oversized: 413,
        oaForged: 401,
        oaPlainInSafeMode: 401,
      });
      // Still up, and nothing was stored or sent.
      expect((await fetch(`http://127.0.0.1:${hub!.port}/healthz`)).status).toBe(200);
      await sleep(300);
      const db = testDb.database.prisma;
      expect(await db.message.count()).toBe(0);
      expect(await db.conversation.count()).toBe(0);
      expect(wecom.calls.filter((call) => call.path !== '/cgi-bin/gettoken')).toHaveLength(0);
      expect(official.sent).toHaveLength(0);
    });
  });
}
