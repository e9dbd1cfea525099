/**
 * The in-process sentence encoder (use-lite) run in its own worker thread: questions and phrasings are
 * embedded off the main thread, so a webhook never waits behind an inference. Same name and vectors as
 * loadUseLiteEncoder, so the vector cache on disk is shared with the CLIs that embed on their own thread.
 */
import { startTsWorker } from '../../core/runtime/ts-worker.ts';
import { WorkerRequests } from '../../core/runtime/worker-requests.ts';
import type { EncoderWorkerRequest } from './encoder-worker-protocol.ts';
import { isLatinText, type SentenceEncoder } from './sentence-encoder.ts';

const WORKER_ENTRY = new URL('./encoder-worker.ts', import.meta.url);

/** Texts per request: a background build of a large FAQ leaves room between requests for questions. */
const REQUEST_BATCH = 64;

export async function loadUseLiteEncoderInWorker(): Promise<SentenceEncoder> {
  const worker = new WorkerRequests<EncoderWorkerRequest, Float32Array[]>(startTsWorker(WORKER_ENTRY), 'sentence encoder');
  try {
    await worker.send({ kind: 'load' });
  } catch (error) {
    await worker.terminate();
    throw error;
  }
  return {
    name: 'use-lite',
    covers: isLatinText,
    async embed(texts) {
      const vectors: Float32Array[] = [];
      for (let start = 0; start < texts.length; start += REQUEST_BATCH) vectors.push(...(await worker.send({ kind: 'embed', texts: texts.slice(start, start + REQUEST_BATCH) })));
      return vectors;
    },
    close: () => worker.terminate(),
  };
}
