/** A small, realistic hub history for the admin page's browser tests and screenshots. */
import type { Db } from '../../../core/storage/database.ts';
import { createFaq } from '../../../admin/faqs/faq-store.ts';

export const HOSTILE_TEXT = '<script>window.__pwned = 1</script><b>bold?</b> 我的订单到哪了';

export async function seedHub(db: Db, now: Date): Promise<{ conversationId: string; refundFaqId: string }> {
  const by = 'seed@example.com';
  const refund = await createFaq(db, { question: '怎么申请退款？', alternatives: ['如何退款', '退款怎么操作', '我要退钱'], answer: '在订单详情页点击“申请退款”，1–3 个工作日到账。', category: 'refunds', locale: 'zh', tier: null, enabled: true }, by);
  await createFaq(db, { question: 'How long does delivery take?', alternatives: ['when will my parcel arrive', 'shipping time', 'delivery time'], answer: 'Orders ship within 24 hours and arrive in 2–4 days.', category: 'shipping', locale: 'en', tier: null, enabled: true }, by);
  await createFaq(db, { question: '可以开发票吗？', alternatives: ['怎么开发票', '发票怎么开', '要发票'], answer: '在“我的订单”里申请电子发票。', category: 'invoices', locale: 'zh', tier: 'bot', enabled: true }, by);
  await createFaq(db, { question: 'What are your opening hours?', alternatives: ['when are you open', 'opening times', 'business hours'], answer: 'We answer 09:00–18:00, Monday to Friday.', category: 'general', locale: 'en', tier: null, enabled: true }, by);

  const inbox = await db.inbox.create({ data: { key: 'telegram', channel: 'telegram', name: 'Shop bot' } });
  await db.inbox.create({ data: { key: 'website', channel: 'http', name: 'Website chat' } });
  const agent = await db.agent.create({ data: { name: '王芳', slackUserId: 'U0123ABC', wecomUserId: 'wangfang', capacity: 4 } });
  await db.agent.create({ data: { name: 'Sam Lee', slackUserId: 'U0456DEF', capacity: 6 } });
  const contact = await db.contact.create({ data: { displayName: '李雷', locale: 'zh' } });
  const at = (minutes: number) => new Date(now.getTime() - 3600_000 + minutes * 60_000);
  const conversation = await db.conversation.create({
    data: { inboxId: inbox.id, contactId: contact.id, externalConversationId: 'chat-1', reference: {}, status: 'agent', tier: 'human', assigneeId: agent.id, createdAt: at(0), lastMessageAt: at(6), escalatedAt: at(2), claimedAt: at(4) },
  });
  const msg = (minutes: number, author: string, text: string, extra: Record<string, unknown> = {}) =>
    db.message.create({ data: { conversationId: conversation.id, inboxId: inbox.id, direction: author === 'customer' ? 'incoming' : 'outgoing', author, text, status: author === 'customer' ? 'answered' : 'sent', createdAt: at(minutes), ...extra } });
  await msg(0, 'customer', HOSTILE_TEXT, { externalId: 'm1', complaintRisk: 0.12 });
  await msg(1, 'bot', '您是不是想问：1. 怎么申请退款？ 2. 可以开发票吗？', { confidence: 0.31 });
  await msg(2, 'customer', '转人工', { externalId: 'm2', complaintRisk: 0.4 });
  await db.escalation.create({ data: { conversationId: conversation.id, reason: 'customer_asked', tier: 'human', status: 'claimed', agentId: agent.id, createdAt: at(2), claimedAt: at(4) } });
  await db.conversationEvent.create({ data: { conversationId: conversation.id, type: 'escalate', fromStatus: 'bot', toStatus: 'pending_agent', actor: 'bot', details: { reason: 'customer_asked', tier: 'human' }, at: at(2) } });
  await db.conversationEvent.create({ data: { conversationId: conversation.id, type: 'claim', fromStatus: 'pending_agent', toStatus: 'agent', actor: agent.id, details: {}, at: at(4) } });
  await msg(6, 'agent', '您好，我来帮您查一下订单。', { agentId: agent.id });

  // Unanswered: one group of four about a lost parcel, one about gift cards whose askers picked the refund FAQ.
  const unanswered = [
    ['包裹丢了怎么办', null], ['包裹丢了怎么办？', null], ['我的包裹丢了怎么办', null], ['我的包裹丢了怎么办？', null],
    ['礼品卡能退吗', refund.id], ['礼品卡能退吗？', refund.id], ['do you sell gift cards', null],
  ] as const;
  for (const [i, [text, picked]] of unanswered.entries()) {
    const m = await msg(10 + i, 'customer', text, { externalId: `u${i}` });
    await db.unansweredQuestion.create({ data: { inboxId: inbox.id, conversationId: conversation.id, messageId: m.id, text, confidence: 0.1, createdAt: at(10 + i), pickedFaqId: picked } });
  }
  return { conversationId: conversation.id, refundFaqId: refund.id };
}
