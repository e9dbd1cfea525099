/** Builds the optional providers the configuration switches on (core/config: AI_*). */
import type { AiProviderConfig } from '../../core/config/config.ts';
import type { Logger } from '../../core/logger.ts';
import type { AnswerEngineOptions } from '../answer-engine.ts';
import { createFaqEmbeddings } from '../faq-embeddings.ts';
import { createAnswerPhraser } from './chat-phrasing.ts';
import { createEmbeddingsClient } from './embeddings.ts';
import type { FetchFn } from './openai-client.ts';

export function providersFromConfig(
  ai: AiProviderConfig | undefined,
  logger: Logger,
  fetchFn: FetchFn = globalThis.fetch,
): Pick<AnswerEngineOptions, 'semantic' | 'phraser'> {
  if (!ai) return {};
  const endpoint = { baseUrl: ai.baseUrl, apiKey: ai.apiKey, timeoutMs: ai.timeoutMs };
  const providers: Pick<AnswerEngineOptions, 'semantic' | 'phraser'> = {};
  if (ai.embeddingsModel) {
    const client = createEmbeddingsClient({ ...endpoint, model: ai.embeddingsModel }, fetchFn);
    providers.semantic = { client, faqEmbeddings: createFaqEmbeddings(client, logger) };
  }
  if (ai.chatModel) providers.phraser = createAnswerPhraser({ ...endpoint, model: ai.chatModel }, fetchFn);
  return providers;
}
