/**
 * Builds the answer engine's meaning signals from the configuration: the embeddings provider when
 * AI_EMBEDDINGS_MODEL is set (it covers more languages than the in-process encoder), else the in-process
 * encoder (MATCHER_ENCODER), else none. With `vectorCacheDir`, the phrasings' vectors are kept on disk per
 * knowledge-base version, so the next process on the same FAQ does not embed them again.
 */

/** Where the hub and `npm run ask` keep the phrasings' vectors (beside the default SQLite file). */
export const DEFAULT_VECTOR_CACHE_DIR = 'data/cache';
import type { AiProviderConfig, MatcherEncoder } from '../../core/config/config.ts';
import type { Logger } from '../../core/logger.ts';
import type { AnswerEngineOptions } from '../answer-engine.ts';
import { createEmbeddingsClient } from '../providers/embeddings.ts';
import type { FetchFn } from '../providers/openai-client.ts';
import { createMeaningIndex } from './meaning-index.ts';
import { providerEncoder } from './provider-encoder.ts';
import type { SentenceEncoder } from './sentence-encoder.ts';
import { createFileVectorStore } from './vector-store.ts';
import { loadUseLiteEncoder } from './use-lite-encoder.ts';
import { loadUseLiteEncoderInWorker } from './worker-encoder.ts';

export async function meaningFromConfig(
  encoder: MatcherEncoder,
  ai: AiProviderConfig | undefined,
  logger: Logger,
  fetchFn: FetchFn = globalThis.fetch,
  options: { vectorCacheDir?: string } = {},
): Promise<AnswerEngineOptions['meaning']> {
  let loaded: SentenceEncoder;
  if (ai?.embeddingsModel) {
    const client = createEmbeddingsClient({ baseUrl: ai.baseUrl, apiKey: ai.apiKey, timeoutMs: ai.timeoutMs, model: ai.embeddingsModel }, fetchFn);
    loaded = providerEncoder(client, ai.embeddingsModel);
  } else if (encoder === 'use-lite') loaded = await loadUseLiteEncoderInWorker();
  else return undefined;
  const store = options.vectorCacheDir ? createFileVectorStore(options.vectorCacheDir) : undefined;
  return { encoder: loaded, index: createMeaningIndex(loaded, logger, Date.now, store) };
}

/** The in-process sentence encoder a MATCHER_ENCODER value names (none for `none`): the hub's and `npm run eval`'s. */
export async function sentenceEncoderFor(encoder: MatcherEncoder): Promise<SentenceEncoder | undefined> {
  return encoder === 'use-lite' ? loadUseLiteEncoder() : undefined;
}
