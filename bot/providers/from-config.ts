/**
 * Builds the optional chat provider the configuration switches on (core/config: AI_CHAT_MODEL). The
 * embeddings provider is a sentence encoder for the matcher: bot/meaning/from-config.ts.
 */
import type { AiProviderConfig } from '../../core/config/config.ts';
import type { AnswerEngineOptions } from '../answer-engine.ts';
import { createAnswerPhraser } from './chat-phrasing.ts';
import type { FetchFn } from './openai-client.ts';

export function providersFromConfig(ai: AiProviderConfig | undefined, fetchFn: FetchFn = globalThis.fetch): Pick<AnswerEngineOptions, 'phraser'> {
  if (!ai?.chatModel) return {};
  return { phraser: createAnswerPhraser({ baseUrl: ai.baseUrl, apiKey: ai.apiKey, timeoutMs: ai.timeoutMs, model: ai.chatModel }, fetchFn) };
}
