/**
 * A sentence encoder served by an OpenAI-compatible `POST /embeddings` (AI_EMBEDDINGS_MODEL): OpenAI,
 * or a self-hosted multilingual model behind vLLM or Ollama. It feeds the same meaning signals as the
 * in-process encoder, and covers every language the model knows — Chinese included, which the in-process
 * encoder does not.
 */
import type { EmbeddingsClient } from '../providers/embeddings.ts';
import { normalizeInPlace, type SentenceEncoder } from './sentence-encoder.ts';

/** Texts per request; OpenAI accepts up to 2,048 inputs, gateways often fewer. */
const BATCH_SIZE = 96;

export function providerEncoder(client: EmbeddingsClient, model: string): SentenceEncoder {
  return {
    name: `provider:${model}`,
    covers: (text) => text.trim() !== '',
    async embed(texts) {
      const vectors: Float32Array[] = [];
      for (let start = 0; start < texts.length; start += BATCH_SIZE) {
        const embedded = await client.embed(texts.slice(start, start + BATCH_SIZE));
        for (const vector of embedded) vectors.push(normalizeInPlace(Float32Array.from(vector)));
      }
      return vectors;
    },
  };
}
