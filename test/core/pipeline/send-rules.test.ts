/**
 * The deliver job enforces the channel's declared window and budget (WeChat kf: 48 h, 5 messages per
 * customer message) before sending: the real kf adapter against the WeCom loopback, a clock injected.
 */
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { wechatKfChannel, wechatKfSettingsSchema } from '../../../adapters/wechat-kf/index.ts';
import { wireInbox, type WiredInbox } from '../../../core/channel-adapter.ts';
import { deliverMessage } from '../../../core/pipeline/deliver-message.ts';
import { PermanentJobError } from '../../../core/queue/job-queue.ts';
import { recordInboundMessage } from '../../../core/storage/inbound-messages.ts';
import { startWeComApi, type WeComApi } from '../../loopback/wecom-api.ts';
import { createMemoryTokenStore } from '../../support/memory-token-store.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.ts';

const logger = pino({ level: 'silent' });
const CORP = { corpId: 'ww46771939afcbc44c', secret: 'wecom-app-secret-0123456789abcdef', token: 'eAUuJ18GCfHq0Jea', encodingAesKey: 'Weqxu1ClKk124PZeBGZ7ZIMaTqeoGOUrncO7JcZi4T8' };
const OPEN_KF_ID = 'wkTestAccount01';
const wrote = new Date('2025-03-01T08:00:00.000Z');
const hoursLater = (hours: number) => new Date(wrote.getTime() + hours * 3600 * 1000);

for (const provider of ['sqlite', 'postgresql'] as const) {
  describe(`send windows and budgets in the deliver job, on ${provider}`, () => {
    let testDb: TestDatabase;
    let wecom: WeComApi;
    let inbox: WiredInbox;
    let conversationId: string;

    beforeEach(async () => {
      testDb = await createTestDatabase(provider);
      wecom = await startWeComApi({ corpId: CORP.corpId, secret: CORP.secret });
      const db = testDb.database.prisma;
      const stored = await db.inbox.create({ data: { key: 'kf', channel: 'wechat_kf', name: 'kf' } });
      const settings = wechatKfSettingsSchema.parse({ ...CORP, openKfId: OPEN_KF_ID, apiUrl: wecom.apiUrl });
      const adapter = wechatKfChannel.create({ fetch: globalThis.fetch, now: () => new Date(), tokens: createMemoryTokenStore(), logger });
      inbox = wireInbox(adapter, { id: stored.id, key: stored.key, name: stored.name, settings });
      const reference = { channel: 'wechat_kf' as const, inboxId: stored.id, externalConversationId: `${OPEN_KF_ID}:wmCustomer`, externalUserId: 'wmCustomer' };
      const recorded = await recordInboundMessage(testDb.database.direct, stored.id, { reference, from: { externalUserId: 'wmCustomer' }, externalMessageId: 'in-1', text: 'hello', attachments: [], sentAt: wrote }, wrote);
      conversationId = recorded.conversationId;
    });

    afterEach(async () => {
      await wecom?.close();
      await testDb?.drop();
    });

    const queueReply = (text: string, extra: { author?: string; status?: string; sentAt?: Date; inReplyToId?: string } = {}) =>
      testDb.database.prisma.message.create({
        data: { conversationId, inboxId: inbox.id, direction: 'outgoing', author: extra.author ?? 'bot', text, status: extra.status ?? 'queued', createdAt: hoursLater(0.1), ...(extra.sentAt ? { sentAt: extra.sentAt } : {}), ...(extra.inReplyToId ? { inReplyToId: extra.inReplyToId } : {}) },
      });
    const deliver = (messageId: string, now: Date) => deliverMessage({ db: testDb.database.prisma, direct: testDb.database.direct, logger, inboxesById: new Map([[inbox.id, inbox]]), now: () => now }, messageId);
    const stored = (id: string) => testDb.database.prisma.message.findUniqueOrThrow({ where: { id } });
    const sends = () => wecom.calls.filter((call) => call.path.startsWith('/cgi-bin/kf/send_msg'));

    it('sends inside the window with budget left', async () => {
      const reply = await queueReply('On its way.');
      await deliver(reply.id, hoursLater(47));
      expect(await stored(reply.id)).toMatchObject({ status: 'sent' });
      expect(sends()).toHaveLength(1);
    });

    it('refuses after the 48-hour window, for good and with a readable reason, without calling the channel', async () => {
      const reply = await queueReply('Sorry for the wait.');
      await expect(deliver(reply.id, hoursLater(49))).rejects.toBeInstanceOf(PermanentJobError);
      const failed = await stored(reply.id);
      expect(failed.status).toBe('failed');
      expect(failed.failureReason).toMatch(/48-hour reply window/);
      expect(sends()).toHaveLength(0);
    });

    it('refuses a sixth message since the customer last wrote; welcomes and earlier messages do not count', async () => {
      for (let i = 0; i < 5; i++) await queueReply(`sent ${i}`, { status: 'sent', sentAt: hoursLater(1) });
      await queueReply('welcome', { author: 'system', status: 'sent', sentAt: hoursLater(1) });
      const sixth = await queueReply('one more');
      await expect(deliver(sixth.id, hoursLater(2))).rejects.toBeInstanceOf(PermanentJobError);
      expect((await stored(sixth.id)).failureReason).toMatch(/send budget used/);

      // The customer writes again: a fresh budget.
      const db = testDb.database.prisma;
      const reference = { channel: 'wechat_kf' as const, inboxId: inbox.id, externalConversationId: `${OPEN_KF_ID}:wmCustomer`, externalUserId: 'wmCustomer' };
      await recordInboundMessage(testDb.database.direct, inbox.id, { reference, from: { externalUserId: 'wmCustomer' }, externalMessageId: 'in-2', text: 'and?', attachments: [], sentAt: hoursLater(3) }, hoursLater(3));
      const next = await queueReply('Here you go.');
      await deliver(next.id, hoursLater(3.5));
      expect(await stored(next.id)).toMatchObject({ status: 'sent' });
    });

    it('sends a welcome that answers a channel event whatever the window (the event grants it), with the event\'s reply handle', async () => {
      const code = wecom.issueWelcomeCode();
      const event = await testDb.database.prisma.conversationEvent.create({ data: { conversationId, type: 'channel:enter_session', details: { replyToExternalMessageId: `kf_event_code:${code}` } } });
      const welcome = await queueReply('欢迎！', { author: 'system', inReplyToId: event.id });
      await deliver(welcome.id, hoursLater(100));
      expect(await stored(welcome.id)).toMatchObject({ status: 'sent' });
      expect(sends().map((call) => call.path)).toEqual(['/cgi-bin/kf/send_msg_on_event']);
      expect(sends()[0]!.body).toMatchObject({ code });
    });
  });
}
