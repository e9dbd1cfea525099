import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEmbeddingsClient } from '../../../bot/providers/embeddings.ts';
import { cosineSimilarity, rerankCandidates, rerankWithEmbeddings } from '../../../bot/providers/semantic-rerank.ts';
import { embed, startOpenAiLoopback, type OpenAiLoopback } from '../../loopback/openai-server.ts';

describe('cosineSimilarity', () => {
  it('is 1 for parallel, 0 for orthogonal and zero vectors', () => {
    expect(cosineSimilarity([1, 2], [2, 4])).toBeCloseTo(1);
    expect(cosineSimilarity([1, 0], [0, 3])).toBe(0);
    expect(cosineSimilarity([0, 0], [1, 1])).toBe(0);
    expect(() => cosineSimilarity([1], [1, 2])).toThrow(/lengths differ/);
  });
});

describe('rerankCandidates', () => {
  const faqVectors = new Map([['refund', [1, 0]], ['hours', [0, 1]]]);

  it('moves a semantically closer candidate up', () => {
    const candidates = [{ faqId: 'hours', confidence: 0.5 }, { faqId: 'refund', confidence: 0.4 }];
    const reranked = rerankCandidates(candidates, [1, 0], (id) => faqVectors.get(id), { semanticWeight: 0.5 });
    expect(reranked.map((c) => c.faqId)).toEqual(['refund', 'hours']);
    expect(reranked[0]!.confidence).toBeCloseTo(0.7);
    expect(reranked[1]!.confidence).toBeCloseTo(0.25);
  });

  it('keeps the confidence of a candidate with no stored embedding', () => {
    const reranked = rerankCandidates([{ faqId: 'new', confidence: 0.6 }], [1, 0], () => undefined);
    expect(reranked).toEqual([{ faqId: 'new', confidence: 0.6 }]);
  });

  it('rejects a weight outside 0..1', () => {
    expect(() => rerankCandidates([], [1], () => undefined, { semanticWeight: 2 })).toThrow(/semanticWeight/);
  });
});

describe('rerankWithEmbeddings', () => {
  const apiKey = 'sk-test-rerank-0123456789';
  let api: OpenAiLoopback;
  beforeEach(async () => { api = await startOpenAiLoopback({ apiKey }); });
  afterEach(async () => { await api.close(); });

  // FAQ embeddings as a deployment would store them: computed once by the same provider.
  const faqTexts: Record<string, string> = { refund: '退款多久到账', hours: '营业时间是几点' };
  const deps = () => ({
    embeddings: createEmbeddingsClient({ baseUrl: api.baseUrl, apiKey, model: 'm', timeoutMs: 300 }),
    faqEmbedding: (id: string) => (faqTexts[id] ? embed(faqTexts[id]) : undefined),
  });
  const candidates = [{ faqId: 'hours', confidence: 0.45 }, { faqId: 'refund', confidence: 0.4 }];

  it('reranks with the question embedding from the API', async () => {
    const outcome = await rerankWithEmbeddings('我的退款多久能到账', candidates, deps());
    expect(outcome.path).toBe('semantic');
    expect(outcome.candidates[0]!.faqId).toBe('refund');
  });

  it('keeps the matcher order when the API fails', async () => {
    api.failNext(1, 'server_error');
    const outcome = await rerankWithEmbeddings('我的退款多久能到账', candidates, deps());
    expect(outcome).toMatchObject({ path: 'matcher_only', candidates });
  });
});
