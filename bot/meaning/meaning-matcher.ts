/**
 * A matcher that reads meaning as well as words: the knowledge-base matcher trained on the FAQ's phrasings
 * together with their sentence vectors (bot/matcher/train.ts fits how much each counts). It is trained and
 * queried in a worker thread (matcher-worker.ts): training takes seconds to a minute of CPU, and on the
 * main thread it stalled the whole hub meanwhile (the sample FAQ: 4 s with no webhook or job served).
 * Questions the encoder does not cover (no vector) go to the lexical matcher the snapshot already has,
 * which was trained without vectors and so is not missing half of its input.
 */
import type { Worker } from 'node:worker_threads';
import { startTsWorker } from '../../core/runtime/ts-worker.ts';
import type { MeaningVector } from '../matcher/train.ts';
import type { FaqTrainingEntry, Matcher, MatchCandidate } from '../matcher/types.ts';
import type { MatcherWorkerData, WorkerReply, WorkerRequest } from './matcher-worker-protocol.ts';

export interface MeaningMatcher {
  readonly size: number;
  /** False once its worker has stopped (closed, or crashed): it then answers nothing. */
  readonly alive: boolean;
  /** `vector` undefined (language not covered, encoder down): the lexical matcher's answer alone. */
  match(text: string, vector: MeaningVector, limit?: number): Promise<MatchCandidate[]>;
  /** Stops the worker once the questions it is answering are answered. */
  retire(): void;
}

/** Phrasings of the entries in training order (question first), with their FAQ's index. */
export function phrasingsOf(entries: readonly FaqTrainingEntry[]): { text: string; label: number }[] {
  return entries.flatMap((entry, label) =>
    [entry.question, ...entry.alternatives].filter((text) => text.trim() !== '').map((text) => ({ text, label })),
  );
}

const WORKER_ENTRY = new URL('./matcher-worker.ts', import.meta.url);

/**
 * Trains the meaning matcher in a new worker thread; resolves once it is ready to answer.
 * @param lexical - the snapshot's matcher without vectors, for questions that have none
 * @param vectorOf - the sentence vector of a phrasing; undefined where the encoder does not cover it
 */
export async function startMeaningMatcher(
  lexical: Matcher,
  entries: readonly FaqTrainingEntry[],
  vectorOf: (text: string) => MeaningVector,
): Promise<MeaningMatcher> {
  const texts = [...new Set(phrasingsOf(entries).map(({ text }) => text))].filter((text) => vectorOf(text) !== undefined);
  const lexicalMatch = (text: string, limit: number) => lexical.match(text, limit).candidates;
  if (texts.length === 0) {
    return { size: entries.length, alive: true, match: async (text, _vector, limit = 3) => lexicalMatch(text, limit), retire() {} };
  }
  const data: MatcherWorkerData = {
    entries: entries.map(({ id, question, alternatives }) => ({ id, question, alternatives })),
    texts,
    vectors: texts.map((text) => vectorOf(text)!),
  };
  const worker = startTsWorker(WORKER_ENTRY, data);
  return new WorkerMeaningMatcher(worker, entries.length, lexicalMatch).ready();
}

type Pending = { resolve: (candidates: MatchCandidate[]) => void; reject: (error: Error) => void };

class WorkerMeaningMatcher implements MeaningMatcher {
  alive = true;
  private retiring = false;
  private nextId = 0;
  private readonly pending = new Map<number, Pending>();
  private readonly started: Promise<void>;

  constructor(
    private readonly worker: Worker,
    readonly size: number,
    private readonly lexicalMatch: (text: string, limit: number) => MatchCandidate[],
  ) {
    this.started = new Promise((resolve, reject) => {
      worker.on('message', (reply: WorkerReply) => {
        if (reply.kind === 'ready') resolve();
        else this.settle(reply);
      });
      worker.once('error', (error) => {
        this.stop(error);
        reject(error);
      });
      worker.once('exit', (code) => {
        const error = new Error(`meaning matcher worker exited (code ${code})`);
        this.stop(error);
        reject(error);
      });
    });
  }

  async ready(): Promise<this> {
    await this.started;
    // An idle worker must not keep the process alive; it is referenced again while a question waits.
    this.worker.unref();
    return this;
  }

  match(text: string, vector: MeaningVector, limit = 3): Promise<MatchCandidate[]> {
    if (!vector) return Promise.resolve(this.lexicalMatch(text, limit));
    if (!this.alive) return Promise.reject(new Error('meaning matcher worker has stopped'));
    const id = this.nextId++;
    const request: WorkerRequest = { id, text, vector, limit };
    if (this.pending.size === 0) this.worker.ref();
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage(request);
    });
  }

  retire(): void {
    this.retiring = true;
    if (this.pending.size === 0) void this.worker.terminate();
  }

  private settle(reply: Extract<WorkerReply, { kind: 'match' }>): void {
    const waiting = this.pending.get(reply.id);
    if (!waiting) return;
    this.pending.delete(reply.id);
    if ('error' in reply) waiting.reject(new Error(`meaning matcher: ${reply.error}`));
    else waiting.resolve(reply.candidates);
    if (this.pending.size > 0) return;
    if (this.retiring) void this.worker.terminate();
    else this.worker.unref();
  }

  private stop(error: Error): void {
    this.alive = false;
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}
