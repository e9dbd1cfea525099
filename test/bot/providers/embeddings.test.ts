import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEmbeddingsClient, readEmbeddings } from '../../../bot/providers/embeddings.ts';
import { ProviderApiError, ProviderNetworkError, ProviderResponseError } from '../../../bot/providers/openai-client.ts';
import { LOOPBACK_EMBEDDING_DIMENSIONS, startOpenAiLoopback, type OpenAiLoopback } from '../../loopback/openai-server.ts';

const API_KEY = 'sk-test-embeddings-0123456789';

function cosineSimilarity(a: readonly number[], b: readonly number[]): number {
  const dot = (x: readonly number[], y: readonly number[]) => x.reduce((sum, v, i) => sum + v * y[i]!, 0);
  return dot(a, b) / Math.sqrt(dot(a, a) * dot(b, b));
}
let api: OpenAiLoopback;

beforeEach(async () => { api = await startOpenAiLoopback({ apiKey: API_KEY }); });
afterEach(async () => { await api.close(); });

const client = (overrides: { apiKey?: string; timeoutMs?: number } = {}) =>
  createEmbeddingsClient({ baseUrl: api.baseUrl, apiKey: API_KEY, model: 'text-embedding-3-small', ...overrides });

describe('createEmbeddingsClient', () => {
  it('sends the documented request and returns one vector per text, in order', async () => {
    const vectors = await client().embed(['怎么退款', '如何申请退款', 'opening hours']);
    expect(api.requests).toEqual([{
      path: '/v1/embeddings',
      authorization: `Bearer ${API_KEY}`,
      body: { model: 'text-embedding-3-small', input: ['怎么退款', '如何申请退款', 'opening hours'] },
    }]);
    expect(vectors.map((v) => v.length)).toEqual([3, 3, 3].map(() => LOOPBACK_EMBEDDING_DIMENSIONS));
    expect(cosineSimilarity(vectors[0]!, vectors[1]!)).toBeGreaterThan(cosineSimilarity(vectors[0]!, vectors[2]!));
  });

  it('makes no request for no texts', async () => {
    expect(await client().embed([])).toEqual([]);
    expect(api.requests).toHaveLength(0);
  });

  it('fails with a ProviderApiError on a wrong key, without the key in the message', async () => {
    const wrongKey = 'sk-wrong-key-abcdefghijklmnop';
    const error = await client({ apiKey: wrongKey }).embed(['hi']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderApiError);
    expect((error as ProviderApiError).details).toMatchObject({ status: 401, apiCode: 'invalid_api_key' });
    expect(String((error as Error).message)).not.toContain(wrongKey.slice(-4));
  });

  it('reports 429 with its Retry-After', async () => {
    api.failNext(1, 'rate_limit');
    const error = await client().embed(['hi']).catch((e: unknown) => e);
    expect((error as ProviderApiError).details).toMatchObject({ status: 429, apiCode: 'rate_limit_exceeded', retryAfterSeconds: 1 });
  });

  it('times out a slow answer as a ProviderNetworkError', async () => {
    api.delayNext(1, 10_000); // 50 times the timeout: only the timeout can end the call first
    const error = await client({ timeoutMs: 200 }).embed(['hi']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderNetworkError);
    expect((error as ProviderNetworkError).timedOut).toBe(true);
  });

  it('rejects a 200 answer in the wrong shape', async () => {
    api.malformNext(1, '{"data":[{"index":0,"embedding":"nope"}]}');
    await expect(client().embed(['hi'])).rejects.toBeInstanceOf(ProviderResponseError);
  });

  it('refuses to start without a key', () => {
    expect(() => client({ apiKey: ' ' })).toThrow(/apiKey/);
  });
});

describe('readEmbeddings', () => {
  it('orders vectors by their documented index, not by array order', () => {
    const body = { data: [{ index: 1, embedding: [0, 1] }, { index: 0, embedding: [1, 0] }] };
    expect(readEmbeddings(body, 2)).toEqual([[1, 0], [0, 1]]);
  });

  it('rejects a missing or repeated index and a wrong item count', () => {
    expect(() => readEmbeddings({ data: [{ index: 0, embedding: [1] }, { index: 0, embedding: [1] }] }, 2)).toThrow(ProviderResponseError);
    expect(() => readEmbeddings({ data: [{ embedding: [1] }] }, 1)).toThrow(ProviderResponseError);
    expect(() => readEmbeddings({ data: [] }, 1)).toThrow(ProviderResponseError);
  });
});
