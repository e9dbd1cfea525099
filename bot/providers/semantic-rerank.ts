/**
 * Mixes the matcher's confidence with embedding similarity, so a paraphrase the lexical matcher ranks
 * second can move up when its meaning is closer. The matcher still proposes the candidates: embeddings
 * only reorder them, which keeps the cost to one embedding call per question.
 */
import type { MatchCandidate } from '../matcher/types.ts';
import { isProviderError, type ProviderError } from './openai-client.ts';
import type { EmbeddingsClient } from './embeddings.ts';

export interface RerankOptions {
  /**
   * Share of the final score taken from cosine similarity, 0..1. Cosine is not a calibrated probability,
   * so keep it a minority share. @defaultValue 0.3
   */
  semanticWeight?: number;
}

/** Cosine similarity of two vectors of the same length; 0 when either is all zeros. */
export function cosineSimilarity(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) throw new Error(`embedding lengths differ: ${a.length} vs ${b.length}`);
  let dot = 0, aa = 0, bb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    aa += a[i]! * a[i]!;
    bb += b[i]! * b[i]!;
  }
  return aa === 0 || bb === 0 ? 0 : dot / Math.sqrt(aa * bb);
}

/**
 * Pure reranking: confidence' = (1 − w)·confidence + w·max(0, cosine). A candidate whose FAQ has no stored
 * embedding keeps its confidence unchanged. Best first.
 */
export function rerankCandidates(
  candidates: readonly MatchCandidate[],
  questionEmbedding: readonly number[],
  faqEmbedding: (faqId: string) => readonly number[] | undefined,
  options: RerankOptions = {},
): MatchCandidate[] {
  const w = options.semanticWeight ?? 0.3;
  if (!(w >= 0 && w <= 1)) throw new Error('semanticWeight must be between 0 and 1');
  return candidates
    .map((c) => {
      const embedding = faqEmbedding(c.faqId);
      if (embedding === undefined) return { ...c };
      const similarity = Math.max(0, cosineSimilarity(questionEmbedding, embedding));
      return { faqId: c.faqId, confidence: (1 - w) * c.confidence + w * similarity };
    })
    .sort((a, b) => b.confidence - a.confidence);
}

/** What `rerankWithEmbeddings` did, for the caller's log and metrics. */
export type RerankOutcome =
  | { path: 'semantic'; candidates: MatchCandidate[] }
  | { path: 'matcher_only'; candidates: MatchCandidate[]; error: ProviderError };

/**
 * Embeds the question and reranks. On any provider failure the matcher's order is kept: semantic
 * similarity is an improvement, never a dependency.
 */
export async function rerankWithEmbeddings(
  question: string,
  candidates: readonly MatchCandidate[],
  deps: { embeddings: EmbeddingsClient; faqEmbedding: (faqId: string) => readonly number[] | undefined },
  options: RerankOptions = {},
): Promise<RerankOutcome> {
  try {
    const [questionEmbedding] = await deps.embeddings.embed([question]);
    return { path: 'semantic', candidates: rerankCandidates(candidates, questionEmbedding!, deps.faqEmbedding, options) };
  } catch (error) {
    if (!isProviderError(error)) throw error;
    return { path: 'matcher_only', candidates: candidates.map((c) => ({ ...c })), error };
  }
}
