/**
 * A message without words (image, voice WeChat did not transcribe, file, unknown content) is not matched as
 * an empty question: the bot says it arrived, and a voice message goes to a person.
 */
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createAnswerEngine } from '../../bot/answer-engine.ts';
import type { ConversationContext } from '../../core/bot-contract.ts';
import { replyText } from '../../core/pipeline/reply-text.ts';
import { DEFAULT_ROUTING_RULES, DEFAULT_THRESHOLDS } from '../../core/routing/policy.ts';
import { route } from '../../core/routing/route.ts';
import { botLines } from '../../bot/compose-reply.ts';

// The knowledge base is never read for a message without words: reading it fails the test.
const engine = createAnswerEngine({ knowledge: { current: () => Promise.reject(new Error('matched an empty question')) }, logger: pino({ level: 'silent' }) });

async function handle(text: string, context: ConversationContext) {
  const proposal = await engine.propose(text, context);
  const decision = route({
    proposal, context, signals: { complaintRisk: null }, contact: { vip: false }, now: new Date(), load: { waitingEscalations: 0, agentsOnline: 0 },
    policy: { ...DEFAULT_ROUTING_RULES, answering: DEFAULT_THRESHOLDS },
  });
  if (decision.reply.kind === 'none') throw new Error('no reply');
  return { proposal, decision, text: await replyText(decision.reply, proposal, { phrase: async () => '', lines: botLines }, text) };
}

describe('messages without words', () => {
  it.each([
    { why: 'an image: received, please describe', text: '', attachments: ['image'] as const, locale: undefined, tier: 'bot', says: [/我们已收到您的图片/, /We received your image/] },
    { why: 'voice without transcript: received, and a person takes over', text: '', attachments: ['audio'] as const, locale: undefined, tier: 'human', says: [/我们已收到您的语音/, /转接人工/, /A person will listen/] },
    { why: 'a file, customer known to read English: English only', text: '  ', attachments: ['file'] as const, locale: 'en-US', tier: 'bot', says: [/^We received your file\. Please describe/] },
    { why: 'a video, customer known to read Chinese', text: '', attachments: ['video'] as const, locale: 'zh-CN', tier: 'bot', says: [/^我们已收到您的视频。请用文字描述/] },
    { why: 'a location', text: '', attachments: ['location'] as const, locale: undefined, tier: 'bot', says: [/位置/, /location/] },
    { why: 'content the channel could not give us (no text, no attachment)', text: '', attachments: [] as const, locale: undefined, tier: 'bot', says: [/无法识别/, /can't read this kind of content/] },
  ])('$why', async ({ text, attachments, locale, tier, says }) => {
    const { proposal, decision, text: reply } = await handle(text, { offered: [], attachments: [...attachments], ...(locale ? { customerLocale: locale } : {}) });
    expect(proposal.kind).toBe('media_only');
    expect(decision.tier).toBe(tier);
    expect(decision.reason).toBe('media_only');
    for (const line of says) expect(reply).toMatch(line);
  });

  it('a voice message WeChat transcribed is a question like any other (the knowledge base is asked)', async () => {
    await expect(engine.propose('我想退货', { offered: [], attachments: ['audio'] })).rejects.toThrow(/matched an empty question/);
  });

  it('a handoff for voice carries no FAQ suggestions and is not an unanswered question', async () => {
    const { decision } = await handle('', { offered: [], attachments: ['audio'] });
    expect(decision.reply).toMatchObject({ kind: 'handoff', candidates: [] });
  });
});
