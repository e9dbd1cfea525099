import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAnswerEngine } from '../../bot/answer-engine.ts';
import { decide, plainDecision } from '../support/decisions.ts';
import type { KnowledgeEntry, KnowledgeSnapshot } from '../../bot/knowledge-base.ts';
import { trainMatcher } from '../../bot/matcher/index.ts';
import { meaningFromConfig } from '../../bot/meaning/from-config.ts';
import { phrasingsOf } from '../../bot/meaning/meaning-matcher.ts';
import { providersFromConfig } from '../../bot/providers/from-config.ts';
import { startOpenAiLoopback, type ChatMessage, type OpenAiLoopback } from '../loopback/openai-server.ts';
import { shopFaq } from './matcher/fixtures/shop-faq.ts';

const API_KEY = 'sk-test-engine-0123456789';
const logger = pino({ level: 'silent' });
const thresholds = { answerThreshold: 0.5, suggestThreshold: 0.2, closeRunnerUp: 0.3 };
const entries = new Map<string, KnowledgeEntry>(
  shopFaq.map((faq) => [faq.id, { ...faq, answer: `The answer about ${faq.id}.`, category: 'shop', locale: 'en' }]),
);
const snapshot: KnowledgeSnapshot = { matcher: trainMatcher([...entries.values()]), entries, fingerprint: 'v1' };
const knowledge = { current: async () => snapshot };
const ANSWERED = 'How long does shipping take?';
const UNRELATED = 'my neighbour parks his tractor on my tulips';

let api: OpenAiLoopback;
beforeEach(async () => {
  api = await startOpenAiLoopback({ apiKey: API_KEY });
});
afterEach(async () => {
  await api.close();
});

/** A generous provider timeout, so a loaded CI machine never turns an answer into a fallback; the timeout test sets its own. */
const aiConfig = (models: { embeddingsModel?: string; chatModel?: string }, timeoutMs = 10_000) => ({ baseUrl: api.baseUrl, apiKey: API_KEY, timeoutMs, ...models });
const engineWith = (models: { chatModel?: string }, timeoutMs?: number) => createAnswerEngine({ knowledge, logger, ...providersFromConfig(aiConfig(models, timeoutMs)) });
/** An engine whose sentence encoder is the embeddings provider, with its matcher built. */
async function engineWithEmbeddings() {
  const meaning = (await meaningFromConfig('use-lite', aiConfig({ embeddingsModel: 'text-embedding-3-small' }), logger))!;
  await meaning.index.ready(snapshot);
  return { engine: createAnswerEngine({ knowledge, logger, meaning }), meaning };
}
const chatRequests = () => api.requests.filter((request) => request.path.endsWith('/chat/completions'));
const embeddingRequests = () => api.requests.filter((request) => request.path.endsWith('/embeddings'));

describe('answer engine without providers', () => {
  it('decides exactly as the plain matcher does', async () => {
    const engine = createAnswerEngine({ knowledge, logger });
    for (const question of [ANSWERED, '怎么退货', UNRELATED]) {
      expect(await decide(engine, question, thresholds)).toEqual(await plainDecision(question, snapshot, thresholds));
    }
  });
});

describe('answer engine after a "did you mean"', () => {
  const engine = createAnswerEngine({ knowledge, logger });
  const [first, second] = [...entries.values()];
  const offered = { offered: [first!, second!].map((entry) => ({ faqId: entry.id, question: entry.question })) };

  it('answers the FAQ a reply picks by position or by its text, sure of it', async () => {
    expect((await plainDecision('2', snapshot, thresholds)).kind).not.toBe('answer');
    expect(await decide(engine, '2', thresholds, offered)).toEqual({ kind: 'answer', text: second!.answer, faqId: second!.id, confidence: 1, pickedFromOffer: true });
    expect(await decide(engine, '第一个', thresholds, offered)).toMatchObject({ kind: 'answer', faqId: first!.id, confidence: 1 });
    expect(await decide(engine, second!.question.toUpperCase(), thresholds, offered)).toMatchObject({ kind: 'answer', faqId: second!.id, confidence: 1 });
  });

  it('hands over a reply that turns every suggestion down, and matches "no" as usual when nothing was offered', async () => {
    expect(await decide(engine, '都不是', thresholds, offered)).toMatchObject({ kind: 'escalate', reason: 'suggestions_declined', candidates: [] });
    expect(await decide(engine, 'none of these', thresholds)).toEqual(await plainDecision('none of these', snapshot, thresholds));
  });

  it('matches a reply that is not a pick, or picks an FAQ deleted since, as a new question', async () => {
    for (const question of ['怎么退货', UNRELATED]) expect(await decide(engine, question, thresholds, offered)).toEqual(await plainDecision(question, snapshot, thresholds));
    expect(await decide(engine, '3', thresholds, offered)).toEqual(await plainDecision('3', snapshot, thresholds));
    const gone = { offered: [{ faqId: 'deleted-faq', question: 'An FAQ removed since' }] };
    expect(await decide(engine, '1', thresholds, gone)).toEqual(await plainDecision('1', snapshot, thresholds));
  });
});

describe('answer engine when the customer asks again', () => {
  const engine = createAnswerEngine({ knowledge, logger });

  it('hands over a question matched to the FAQ it has just answered with, instead of answering it twice', async () => {
    const first = await decide(engine, ANSWERED, thresholds);
    expect(first).toMatchObject({ kind: 'answer', faqId: 'shipping-time' });
    const again = await decide(engine, 'how long does shipping take??', thresholds, { offered: [], answeredFaqId: 'shipping-time' });
    expect(again).toMatchObject({ kind: 'escalate', reason: 'answer_repeated' });
    expect(again.kind === 'escalate' && again.candidates[0]?.faqId).toBe('shipping-time');
  });

  it('answers a different question after an answer as usual', async () => {
    expect(await decide(engine, ANSWERED, thresholds, { offered: [], answeredFaqId: 'returns' })).toMatchObject({ kind: 'answer', faqId: 'shipping-time' });
  });
});

describe('answer engine on small talk', () => {
  const engine = createAnswerEngine({ knowledge, logger });

  it('greets, thanks and says goodbye in the customer’s language, and stays quiet on an acknowledgement', async () => {
    expect((await plainDecision('你好', snapshot, thresholds)).kind).toBe('escalate');
    expect(await decide(engine, '你好', thresholds)).toEqual({ kind: 'small_talk', act: 'greeting', text: '您好，请问有什么可以帮您？', confidence: 1 });
    expect(await decide(engine, 'thanks!', thresholds)).toMatchObject({ kind: 'small_talk', act: 'thanks', text: "You're welcome! Anything else, just ask." });
    expect(await decide(engine, '拜拜', thresholds)).toMatchObject({ kind: 'small_talk', act: 'goodbye', text: '感谢您的咨询，再见！' });
    expect(await decide(engine, 'ok', thresholds)).toMatchObject({ kind: 'small_talk', act: 'acknowledgement', text: '' });
  });

  it('matches a greeting that carries a question as the question', async () => {
    expect(await decide(engine, 'hi, how long does shipping take?', thresholds)).toMatchObject({ kind: 'answer', faqId: 'shipping-time' });
  });
});

describe('answer engine when the customer asks for a person', () => {
  const engine = createAnswerEngine({ knowledge, logger });

  it('hands over whatever the matcher thinks, keeping its candidates for the agent', async () => {
    expect((await plainDecision('转人工 怎么退货', snapshot, thresholds)).kind).not.toBe('escalate');
    const decision = await decide(engine, '转人工 怎么退货', thresholds);
    expect(decision).toMatchObject({ kind: 'escalate', reason: 'customer_asked', text: '这个问题我先转给人工客服，稍后会有同事回复您。' });
    expect(decision.kind === 'escalate' && decision.candidates[0]?.faqId).toBe('returns');
    expect(await decide(engine, 'agent please', thresholds)).toMatchObject({ kind: 'escalate', reason: 'customer_asked' });
  });
});

describe('answer engine with a chat model', () => {
  it('rewords the chosen answer from the retrieved entries, the chosen one first', async () => {
    api.setChatReply((messages: ChatMessage[]) => `Hi! ${/A: (.*)/.exec(messages.find((m) => m.role === 'user')!.content)![1]}`);
    const decision = await decide(engineWith({ chatModel: 'qwen-plus' }), ANSWERED, thresholds);
    expect(decision).toMatchObject({ kind: 'answer', faqId: 'shipping-time', text: 'Hi! The answer about shipping-time.' });
    expect(chatRequests()).toHaveLength(1);
  });

  it('sends the plain FAQ answer when the model times out or fails', async () => {
    const engine = engineWith({ chatModel: 'qwen-plus' }, 200);
    api.delayNext(1, 10_000); // 50 times the timeout: only the timeout can end the call first
    expect(await decide(engine, ANSWERED, thresholds)).toMatchObject({ kind: 'answer', text: 'The answer about shipping-time.' });
    api.failNext(1, 'server_error');
    expect(await decide(engine, ANSWERED, thresholds)).toMatchObject({ kind: 'answer', text: 'The answer about shipping-time.' });
  });

  it('does not ask the model to phrase a handoff or a "did you mean"', async () => {
    // A threshold nothing reaches, so the decision cannot be an answer whatever the matcher scores.
    const decision = await decide(engineWith({ chatModel: 'qwen-plus' }), ANSWERED, { ...thresholds, answerThreshold: 1.01 });
    expect(decision.kind).not.toBe('answer');
    expect(chatRequests()).toHaveLength(0);
  });
});

describe('answer engine with an embeddings provider as its sentence encoder', () => {
  const phrasings = new Set(phrasingsOf(shopFaq).map((phrasing) => phrasing.text));

  it('takes the provider in place of the in-process encoder, covering Chinese too', async () => {
    const { meaning } = await engineWithEmbeddings();
    expect(meaning.encoder.name).toBe('provider:text-embedding-3-small');
    expect(meaning.encoder.covers('怎么退货')).toBe(true);
  });

  it('embeds every phrasing once per knowledge-base version and each question once', async () => {
    const { engine } = await engineWithEmbeddings();
    const [, ...unexpected] = embeddingRequests();
    expect(unexpected).toHaveLength(0);
    const embeddedPhrasings = (embeddingRequests()[0]!.body as { input: string[] }).input;
    expect(embeddedPhrasings).toHaveLength(phrasings.size);
    expect(new Set(embeddedPhrasings)).toEqual(phrasings);
    await decide(engine, ANSWERED, thresholds);
    await decide(engine, '怎么退货', thresholds);
    expect(embeddingRequests().slice(1).map((request) => (request.body as { input: string[] }).input)).toEqual([[ANSWERED], ['怎么退货']]);
  });

  it('answers right with meaning, and falls back to the matcher when the provider fails', async () => {
    const { engine } = await engineWithEmbeddings();
    expect(await decide(engine, ANSWERED, thresholds)).toMatchObject({ kind: 'answer', faqId: 'shipping-time' });
    api.failNext(5, 'server_error');
    expect(await decide(engine, '怎么退货', thresholds)).toEqual(await plainDecision('怎么退货', snapshot, thresholds));
  });
});
