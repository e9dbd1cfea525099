/** Builds the answer engine's meaning vote from the configuration (core/config: MATCHER_ENCODER). */
import type { MatcherEncoder } from '../../core/config/config.ts';
import type { Logger } from '../../core/logger.ts';
import type { AnswerEngineOptions } from '../answer-engine.ts';
import { createMeaningIndex } from './meaning-index.ts';
import { loadUseLiteEncoder } from './use-lite-encoder.ts';

export async function meaningFromConfig(encoder: MatcherEncoder, logger: Logger): Promise<AnswerEngineOptions['meaning']> {
  if (encoder === 'none') return undefined;
  const loaded = await loadUseLiteEncoder();
  return { encoder: loaded, index: createMeaningIndex(loaded, logger) };
}
