/**
 * Embeddings from an OpenAI-compatible `POST /embeddings`, used to add semantic similarity on top of the
 * lexical matcher (paraphrases with no words in common). Optional: the hub works without it.
 */
import {
  checkSettings, postJson, ProviderResponseError, type FetchFn, type OpenAiSettings,
} from './openai-client.ts';

/** Turns texts into vectors, one per text, in input order. */
export interface EmbeddingsClient {
  embed(texts: readonly string[]): Promise<number[][]>;
}

/** Builds a client; checks the settings now so a bad configuration fails at start-up. */
export function createEmbeddingsClient(settings: OpenAiSettings, fetchFn: FetchFn = globalThis.fetch): EmbeddingsClient {
  checkSettings(settings);
  return {
    async embed(texts) {
      if (texts.length === 0) return [];
      const body = await postJson(settings, fetchFn, '/embeddings', { model: settings.model, input: texts });
      return readEmbeddings(body, texts.length);
    },
  };
}

/**
 * `{ data: [{ index, embedding: number[] }] }` → vectors in input order. The API documents `index`, so we
 * sort by it rather than trust array order; anything else malformed is a ProviderResponseError.
 */
export function readEmbeddings(body: unknown, expected: number): number[][] {
  const data = (body as { data?: unknown } | null)?.data;
  if (!Array.isArray(data) || data.length !== expected) {
    throw new ProviderResponseError(`embeddings: expected ${expected} items in data`);
  }
  const vectors: number[][] = new Array(expected);
  for (const item of data as { index?: unknown; embedding?: unknown }[]) {
    const { index, embedding } = item ?? {};
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= expected || vectors[index]) {
      throw new ProviderResponseError('embeddings: bad or repeated index');
    }
    if (!Array.isArray(embedding) || embedding.length === 0 || !embedding.every((x) => typeof x === 'number')) {
      throw new ProviderResponseError('embeddings: embedding is not a list of numbers');
    }
    vectors[index] = embedding as number[];
  }
  return vectors;
}
