/**
 * The bot's front door: builds the whole answering engine (knowledge base, matcher trained in a worker
 * thread, optional sentence encoder and chat model, complaint detector) the one way the hub and every CLI
 * use, so the answer `npm run ask` prints is the answer customers get.
 */
import type { Bot } from '../core/bot-contract.ts';
import type { AiProviderConfig, MatcherEncoder } from '../core/config/config.ts';
import type { Logger } from '../core/logger.ts';
import type { Db } from '../core/storage/database.ts';
import { createAnswerEngine } from './answer-engine.ts';
import { botLines } from './compose-reply.ts';
import { calibratedRisk } from './emotion/calibrate.ts';
import { defaultComplaintDetector } from './emotion/default-detector.ts';
import { KnowledgeBase, type KnowledgeSnapshot } from './knowledge-base.ts';
import type { TrainMatcher } from './matcher/index.ts';
import { meaningFromConfig } from './meaning/from-config.ts';
import { providersFromConfig } from './providers/from-config.ts';
import { createBackgroundTrainer } from './training/background-trainer.ts';

export { replyLocaleOf } from './compose-reply.ts';
// Trained models and phrasing vectors kept on disk per knowledge-base version (the hub, `npm run ask`).
export { DEFAULT_VECTOR_CACHE_DIR } from './meaning/from-config.ts';
export { storedTrainer } from './training/stored-trainer.ts';
// What the evaluation CLIs measure: the same pieces the engine below is built from.
export { trainMatcher, trainVectorMatcher, type TrainMatcher } from './matcher/index.ts';
export { sentenceEncoderFor } from './meaning/from-config.ts';
export { quantile } from './numeric/quantile.ts';
export { defaultComplaintDetector } from './emotion/default-detector.ts';
export { trainComplaintDetector, type ComplaintDetector, type ComplaintExample } from './emotion/detector.ts';

export interface BotOptions {
  db: Db;
  logger: Logger;
  matcherEncoder: MatcherEncoder;
  ai?: AiProviderConfig;
  /** Train this way (tests, CLIs: on the calling thread, or from the disk cache) instead of in a worker thread. */
  train?: TrainMatcher | ((entries: Parameters<TrainMatcher>[0]) => Promise<ReturnType<TrainMatcher>>);
  /**
   * Wait for the meaning matcher before the first answer (a one-off CLI question) instead of answering
   * lexically while it builds (a running hub). @defaultValue false
   */
  waitForMeaning?: boolean;
  /** Keep sentence vectors (and, for `train: 'stored'`, trained models) on disk per knowledge-base version. */
  cacheDir?: string;
}

export interface RunningBot extends Bot {
  /** The current trained knowledge base (retrained when FAQs change). */
  knowledge(): Promise<KnowledgeSnapshot>;
  close(): Promise<void>;
}

/** Builds the bot and trains it once, so the first customer does not wait for training. */
export async function startBot(options: BotOptions): Promise<RunningBot> {
  const trainer = options.train ? undefined : createBackgroundTrainer();
  const knowledge = new KnowledgeBase({ db: options.db, train: options.train ?? ((entries) => trainer!.train(entries)) });
  const snapshot = await knowledge.current();
  const meaning = await meaningFromConfig(options.matcherEncoder, options.ai, options.logger, globalThis.fetch, options.cacheDir ? { vectorCacheDir: options.cacheDir } : undefined);
  // Embedding a large FAQ takes minutes on a CPU: a hub answers lexically meanwhile.
  const meaningReady = meaning?.index.ready(snapshot);
  if (options.waitForMeaning) await meaningReady;
  else void meaningReady;
  const engine = createAnswerEngine({ knowledge, logger: options.logger, meaning, ...providersFromConfig(options.ai) });
  return {
    propose: engine.propose,
    phrase: engine.phrase,
    complaintRisk: (text) => calibratedRisk(text, defaultComplaintDetector.score(text)),
    lines: botLines,
    knowledge: () => knowledge.current(),
    async close() {
      await meaning?.index.close();
      await meaning?.encoder.close?.();
      await trainer?.close();
    },
  };
}
