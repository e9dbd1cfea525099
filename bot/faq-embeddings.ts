/**
 * Embeddings of the FAQ entries for semantic reranking, computed once per knowledge-base version. Kept in
 * process memory on purpose: it is a cache every process can rebuild from the database and the provider,
 * never state another process needs.
 */
import type { Logger } from '../core/logger.ts';
import type { KnowledgeSnapshot } from './knowledge-base.ts';
import type { EmbeddingsClient } from './providers/embeddings.ts';
import { isProviderError } from './providers/openai-client.ts';

/** Texts per embeddings request; OpenAI accepts up to 2,048 inputs, gateways often fewer. */
const BATCH_SIZE = 96;

/** After a failed build, wait this long before asking the provider again (it may be down or rate-limiting). */
const RETRY_AFTER_MS = 60_000;

export interface FaqEmbeddings {
  /** The entry's vector for this snapshot, or undefined while none is ready (the matcher's order is used). */
  lookup(snapshot: KnowledgeSnapshot): Promise<((faqId: string) => readonly number[] | undefined) | undefined>;
}

export function createFaqEmbeddings(client: EmbeddingsClient, logger: Logger, now: () => number = Date.now): FaqEmbeddings {
  let built: { fingerprint: string; vectors: Map<string, readonly number[]> } | undefined;
  let building: Promise<void> | undefined;
  let failedAt = Number.NEGATIVE_INFINITY;

  async function build(snapshot: KnowledgeSnapshot): Promise<void> {
    const entries = [...snapshot.entries.values()];
    const vectors = new Map<string, readonly number[]>();
    try {
      for (let start = 0; start < entries.length; start += BATCH_SIZE) {
        const batch = entries.slice(start, start + BATCH_SIZE);
        // The question and its phrasings together describe what the entry is about.
        const embedded = await client.embed(batch.map((entry) => [entry.question, ...entry.alternatives].join('\n')));
        batch.forEach((entry, i) => vectors.set(entry.id, embedded[i]!));
      }
      built = { fingerprint: snapshot.fingerprint, vectors };
    } catch (error) {
      if (!isProviderError(error)) throw error;
      failedAt = now();
      logger.warn({ err: error }, 'FAQ embeddings unavailable; answering with the matcher alone');
    }
  }

  return {
    async lookup(snapshot) {
      if (built?.fingerprint !== snapshot.fingerprint && !building && now() - failedAt >= RETRY_AFTER_MS) {
        building = build(snapshot).finally(() => (building = undefined));
      }
      if (building) await building;
      if (built?.fingerprint !== snapshot.fingerprint) return undefined;
      const vectors = built.vectors;
      return (faqId) => vectors.get(faqId);
    },
  };
}
