/**
 * The bot's answer to one question: match (with the in-process sentence encoder's meaning vote when it
 * is on and ready), optionally rerank with a provider's embeddings, decide (answer / "did you mean" /
 * human), optionally reword the chosen answer with a chat model. The two providers are optional and off by
 * default; whenever one fails, the answer is exactly what the plain matcher would give.
 */
import type { Logger } from '../core/logger.ts';
import { replyFromCandidates, type AnswerThresholds, type BotDecision } from './compose-reply.ts';
import type { FaqEmbeddings } from './faq-embeddings.ts';
import type { KnowledgeSnapshot } from './knowledge-base.ts';
import type { MatchCandidate } from './matcher/types.ts';
import type { AnswerPhraser } from './providers/chat-phrasing.ts';
import type { EmbeddingsClient } from './providers/embeddings.ts';
import { rerankWithEmbeddings } from './providers/semantic-rerank.ts';
import type { MeaningIndex } from './meaning/meaning-index.ts';
import type { SentenceEncoder } from './meaning/sentence-encoder.ts';

export interface AnswerEngineOptions {
  /** The current trained knowledge base (a KnowledgeBase in the hub). */
  knowledge: { current(): Promise<KnowledgeSnapshot> };
  logger: Logger;
  /** The in-process encoder (MATCHER_ENCODER) and the meaning matchers built with it. */
  meaning?: { encoder: SentenceEncoder; index: MeaningIndex };
  semantic?: { client: EmbeddingsClient; faqEmbeddings: FaqEmbeddings };
  phraser?: AnswerPhraser;
}

/** Candidates considered: the matcher's best few, which embeddings may reorder. */
const CANDIDATES = 3;

export type AnswerEngine = (question: string, thresholds: AnswerThresholds) => Promise<BotDecision>;

export function createAnswerEngine(options: AnswerEngineOptions): AnswerEngine {
  return async (question, thresholds) => {
    const snapshot = await options.knowledge.current();
    let candidates: MatchCandidate[] = options.meaning
      ? await matchWithMeaning(question, snapshot, options.meaning, options.logger)
      : snapshot.matcher.match(question, CANDIDATES).candidates;
    if (options.semantic) candidates = await rerank(question, candidates, snapshot, options.semantic, options.logger);
    const decision = replyFromCandidates(question, candidates, snapshot, thresholds);
    if (decision.kind !== 'answer' || !options.phraser) return decision;
    return phrase(question, decision, candidates, snapshot, options.phraser, options.logger);
  };
}

/** The meaning vote where the encoder covers the question and is ready; the lexical matcher otherwise. */
async function matchWithMeaning(
  question: string,
  snapshot: KnowledgeSnapshot,
  meaning: NonNullable<AnswerEngineOptions['meaning']>,
  logger: Logger,
): Promise<MatchCandidate[]> {
  const matcher = meaning.encoder.covers(question) ? meaning.index.forSnapshot(snapshot) : undefined;
  if (!matcher) return snapshot.matcher.match(question, CANDIDATES).candidates;
  try {
    const [vector] = await meaning.encoder.embed([question]);
    return matcher.match(question, vector, CANDIDATES);
  } catch (error) {
    logger.warn({ err: error, encoder: meaning.encoder.name }, 'sentence encoder failed; lexical matcher alone');
    return snapshot.matcher.match(question, CANDIDATES).candidates;
  }
}

async function rerank(
  question: string,
  candidates: readonly MatchCandidate[],
  snapshot: KnowledgeSnapshot,
  semantic: NonNullable<AnswerEngineOptions['semantic']>,
  logger: Logger,
): Promise<MatchCandidate[]> {
  const faqEmbedding = await semantic.faqEmbeddings.lookup(snapshot);
  if (!faqEmbedding) return [...candidates];
  const outcome = await rerankWithEmbeddings(question, candidates, { embeddings: semantic.client, faqEmbedding });
  if (outcome.path === 'matcher_only') logger.warn({ err: outcome.error }, 'embeddings failed; matcher order kept');
  return outcome.candidates;
}

async function phrase(
  question: string,
  decision: Extract<BotDecision, { kind: 'answer' }>,
  candidates: readonly MatchCandidate[],
  snapshot: KnowledgeSnapshot,
  phraser: AnswerPhraser,
  logger: Logger,
): Promise<BotDecision> {
  // The chosen entry first: its answer is the fallback and the model's main source.
  const ids = [decision.faqId, ...candidates.map((candidate) => candidate.faqId).filter((id) => id !== decision.faqId)];
  const entries = ids.flatMap((id) => {
    const entry = snapshot.entries.get(id);
    return entry ? [{ question: entry.question, answer: entry.answer }] : [];
  });
  const result = await phraser.phrase({ question, entries });
  if (result.path === 'faq') logger.info({ reason: result.reason, status: result.status }, 'chat phrasing not used; plain FAQ answer');
  return { ...decision, text: result.text };
}
