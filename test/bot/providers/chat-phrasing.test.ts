import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildMessages, CANNOT_ANSWER, createAnswerPhraser } from '../../../bot/providers/chat-phrasing.ts';
import { startOpenAiLoopback, type ChatMessage, type OpenAiLoopback } from '../../loopback/openai-server.ts';

const API_KEY = 'sk-test-chat-0123456789abcdef';
let api: OpenAiLoopback;
beforeEach(async () => { api = await startOpenAiLoopback({ apiKey: API_KEY }); });
afterEach(async () => { await api.close(); });

/** Generous, so a loaded CI machine never turns an answer into a timeout; the timeout test sets its own. */
const phraser = (overrides: { apiKey?: string; timeoutMs?: number } = {}) =>
  createAnswerPhraser({ baseUrl: api.baseUrl, apiKey: API_KEY, model: 'gpt-4o-mini', timeoutMs: 10_000, ...overrides });

const entries = [
  { question: '退款多久到账？', answer: '退款会在1-3个工作日内原路退回。' },
  { question: '怎么申请退款？', answer: '在订单页点击“申请退款”。' },
  { question: '运费怎么算？', answer: '满99元包邮。' },
  { question: '营业时间？', answer: '每天9点到21点。' },
];
const request = { question: '我的退款什么时候到？', entries };

/** A stand-in model that really reads the prompt: it quotes the first entry's answer it was given. */
const quoteFirstAnswer = (messages: ChatMessage[]): string => {
  const user = messages.find((m) => m.role === 'user')!.content;
  return `您好，${/A: (.*)/.exec(user)![1]}`;
};

describe('createAnswerPhraser', () => {
  it('phrases the answer from the top entries only', async () => {
    api.setChatReply(quoteFirstAnswer);
    const result = await phraser().phrase(request);
    expect(result).toEqual({ path: 'model', text: '您好，退款会在1-3个工作日内原路退回。' });
    const sent = api.requests[0]!;
    expect(sent.path).toBe('/v1/chat/completions');
    expect(sent.authorization).toBe(`Bearer ${API_KEY}`);
    expect(sent.body).toMatchObject({ model: 'gpt-4o-mini', temperature: 0.2 });
    const prompt = JSON.stringify(sent.body);
    expect(prompt).toContain('运费怎么算');
    expect(prompt).not.toContain('营业时间');
    expect(prompt).toContain(CANNOT_ANSWER);
  });

  it('falls back to the plain FAQ answer when the model says it cannot answer', async () => {
    api.setChatReply(() => CANNOT_ANSWER);
    expect(await phraser().phrase(request)).toEqual({ path: 'faq', text: entries[0]!.answer, reason: 'cannot_answer' });
  });

  it('falls back on a wrong key, and the key appears nowhere in the result', async () => {
    const result = await phraser({ apiKey: 'sk-wrong-0123456789-zzzz' }).phrase(request);
    expect(result).toEqual({ path: 'faq', text: entries[0]!.answer, reason: 'http_error', status: 401 });
  });

  it('falls back on a timeout', async () => {
    api.setChatReply(quoteFirstAnswer);
    // The loopback holds its answer 50 times longer than the timeout: only the timeout can end the call first.
    api.delayNext(1, 10_000);
    const start = Date.now();
    expect(await phraser({ timeoutMs: 200 }).phrase(request)).toEqual({ path: 'faq', text: entries[0]!.answer, reason: 'timeout' });
    expect(Date.now() - start).toBeLessThan(10_000);
  });

  it('falls back on HTTP 500 and 429', async () => {
    api.failNext(1, 'server_error');
    api.failNext(1, 'rate_limit');
    expect(await phraser().phrase(request)).toMatchObject({ path: 'faq', reason: 'http_error', status: 500 });
    expect(await phraser().phrase(request)).toMatchObject({ path: 'faq', reason: 'http_error', status: 429 });
  });

  it('falls back on a malformed answer', async () => {
    api.malformNext(1, '{"choices":[]}');
    api.malformNext(1, 'not json');
    expect(await phraser().phrase(request)).toMatchObject({ path: 'faq', reason: 'malformed' });
    expect(await phraser().phrase(request)).toMatchObject({ path: 'faq', reason: 'malformed' });
  });

  it('falls back when the model refuses through the refusal field', async () => {
    api.malformNext(1, JSON.stringify({ choices: [{ index: 0, message: { role: 'assistant', content: null, refusal: 'I cannot help' } }] }));
    expect(await phraser().phrase(request)).toMatchObject({ path: 'faq', reason: 'cannot_answer' });
  });

  it('falls back when nothing listens at the address', async () => {
    const { baseUrl } = api;
    await api.close();
    const result = await createAnswerPhraser({ baseUrl, apiKey: API_KEY, model: 'm', timeoutMs: 10_000 }).phrase(request);
    expect(result).toMatchObject({ path: 'faq', reason: 'network' });
    api = await startOpenAiLoopback({ apiKey: API_KEY });
  });

  it('needs at least one entry to ground the answer', async () => {
    await expect(phraser().phrase({ question: 'hi', entries: [] })).rejects.toThrow(/at least one/);
  });
});

describe('buildMessages', () => {
  it('puts the rules in the system turn and the entries with the question in the user turn', () => {
    const [system, user] = buildMessages('Q?', entries.slice(0, 1));
    expect(system!.role).toBe('system');
    expect(system!.content).toMatch(/ONLY the FAQ entries/);
    expect(user).toEqual({ role: 'user', content: `FAQ entries:\n[1] Q: 退款多久到账？\nA: 退款会在1-3个工作日内原路退回。\n\nCustomer question: Q?` });
  });
});
