/**
 * The meaning matcher of the current knowledge-base snapshot, built in the background: embedding every
 * phrasing takes seconds to minutes on a CPU, and the lexical matcher answers alone until it is ready.
 * Vectors are cached by text, so after an admin edits one FAQ only its changed phrasings are embedded.
 * Embedding runs in small batches with a turn of the event loop between them, and training in a worker
 * thread (meaning-matcher.ts), so webhooks and jobs go on being served during a build.
 */
import type { Logger } from '../../core/logger.ts';
import type { KnowledgeSnapshot } from '../knowledge-base.ts';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { phrasingsOf, startMeaningMatcher, type MeaningMatcher } from './meaning-matcher.ts';
import type { SentenceEncoder } from './sentence-encoder.ts';
import type { VectorStore } from './vector-store.ts';

/** After a failed build, wait this long before trying again. */
const RETRY_AFTER_MS = 60_000;

export interface MeaningIndex {
  /** The snapshot's meaning matcher, or undefined while it is built (starting the build if needed). */
  forSnapshot(snapshot: KnowledgeSnapshot): MeaningMatcher | undefined;
  /** Waits for the snapshot's build; undefined when it failed. For start-up logs, the CLI and tests. */
  ready(snapshot: KnowledgeSnapshot): Promise<MeaningMatcher | undefined>;
  /** Stops the matcher's worker thread and any build in progress. */
  close(): Promise<void>;
}

/**
 * @param store - vectors kept across processes (bot/meaning/vector-store.ts); without it, only in memory
 */
export function createMeaningIndex(encoder: SentenceEncoder, logger: Logger, now: () => number = Date.now, store?: VectorStore): MeaningIndex {
  let built: { fingerprint: string; matcher: MeaningMatcher } | undefined;
  let building: { fingerprint: string; done: Promise<void> } | undefined;
  let failed: { fingerprint: string; at: number } | undefined;
  let vectors = new Map<string, Float32Array>();
  let closed = false;
  // Aborts a training in progress on close: a large FAQ trains for up to a minute, too long for a shutdown.
  const closing = new AbortController();

  async function embedInBatches(texts: readonly string[]): Promise<Float32Array[]> {
    const batch = encoder.blockingBatch ?? Math.max(texts.length, 1);
    const embedded: Float32Array[] = [];
    for (let start = 0; start < texts.length && !closed; start += batch) {
      embedded.push(...(await encoder.embed(texts.slice(start, start + batch))));
      await nextTurn();
    }
    return embedded;
  }

  async function build(snapshot: KnowledgeSnapshot): Promise<void> {
    const started = now();
    const entries = [...snapshot.entries.values()];
    const texts = [...new Set(phrasingsOf(entries).map((p) => p.text))].filter((text) => encoder.covers(text));
    try {
      if (store && texts.some((text) => !vectors.has(text))) await loadStored(texts);
      const missing = texts.filter((text) => !vectors.has(text));
      const embedded = await embedInBatches(missing);
      if (closed) return;
      // Keep only the current phrasings: edited-away texts must not pile up in memory.
      const next = new Map<string, Float32Array>();
      for (const text of texts) {
        const vector = vectors.get(text);
        if (vector) next.set(text, vector);
      }
      missing.forEach((text, i) => next.set(text, embedded[i]!));
      vectors = next;
      const stored = !store || missing.length === 0 || (await saveStored(next));
      const modelFile = store ? await store.modelFile(encoder.name, entries).catch(() => undefined) : undefined;
      const matcher = await startMeaningMatcher(snapshot.matcher, entries, (text) => next.get(text), closing.signal, modelFile);
      if (closed) return matcher.retire();
      built?.matcher.retire();
      built = { fingerprint: snapshot.fingerprint, matcher };
      // Kept on disk, read again by the next build: 10,000 FAQs' vectors are 50 MB to hold for a rare edit.
      if (store && stored) vectors = new Map();
      logger.info({ encoder: encoder.name, phrasings: texts.length, embedded: missing.length, ms: now() - started }, 'meaning matcher ready');
    } catch (error) {
      if (closed) return;
      failed = { fingerprint: snapshot.fingerprint, at: now() };
      logger.warn({ err: error, encoder: encoder.name }, 'meaning matcher not built; answering with the lexical matcher alone');
    }
  }

  /** Adds the stored vectors of texts not in memory yet; a store that fails only costs embedding time. */
  async function loadStored(texts: readonly string[]): Promise<void> {
    try {
      const stored = await store!.load(encoder.name, texts);
      for (const text of texts) {
        const vector = stored.get(text);
        if (vector && !vectors.has(text)) vectors.set(text, vector);
      }
    } catch (error) {
      logger.warn({ err: error, encoder: encoder.name }, 'stored meaning vectors not read; embedding them again');
    }
  }

  /** False when they could not be stored. */
  async function saveStored(current: ReadonlyMap<string, Float32Array>): Promise<boolean> {
    try {
      await store!.save(encoder.name, current);
      return true;
    } catch (error) {
      logger.warn({ err: error, encoder: encoder.name }, 'meaning vectors not stored; the next process embeds them again');
      return false;
    }
  }

  function start(snapshot: KnowledgeSnapshot): Promise<void> | undefined {
    if (closed) return undefined;
    if (built && !built.matcher.alive) {
      // Its worker crashed: answer lexically, and build again after the usual pause.
      logger.warn({ encoder: encoder.name }, 'meaning matcher stopped; answering with the lexical matcher alone');
      failed = { fingerprint: built.fingerprint, at: now() };
      built = undefined;
    }
    if (built?.fingerprint === snapshot.fingerprint) return undefined;
    if (building?.fingerprint === snapshot.fingerprint) return building.done;
    if (building) return building.done; // one build at a time; the next call starts the newer snapshot's
    if (failed?.fingerprint === snapshot.fingerprint && now() - failed.at < RETRY_AFTER_MS) return undefined;
    const done = build(snapshot).finally(() => (building = undefined));
    building = { fingerprint: snapshot.fingerprint, done };
    return done;
  }

  return {
    forSnapshot(snapshot) {
      void start(snapshot);
      return built?.fingerprint === snapshot.fingerprint ? built.matcher : undefined;
    },
    async ready(snapshot) {
      // Twice at most: a build of an older snapshot may be running, and this snapshot's starts after it.
      for (let attempt = 0; attempt < 2; attempt++) {
        const pending = start(snapshot);
        if (!pending) break;
        await pending;
      }
      return built?.fingerprint === snapshot.fingerprint ? built.matcher : undefined;
    },
    async close() {
      closed = true;
      closing.abort();
      built?.matcher.retire();
      built = undefined;
      await building?.done;
    },
  };
}
