import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SentenceEncoder } from '../../../bot/meaning/sentence-encoder.ts';
import { loadUseLiteEncoder } from '../../../bot/meaning/use-lite-encoder.ts';
import { loadUseLiteEncoderInWorker } from '../../../bot/meaning/worker-encoder.ts';

const dot = (a: Float32Array, b: Float32Array) => a.reduce((sum, v, i) => sum + v * b[i]!, 0);

describe('the sentence encoder in its worker thread', () => {
  let inWorker: SentenceEncoder;
  let onThread: SentenceEncoder;
  beforeAll(async () => {
    [inWorker, onThread] = await Promise.all([loadUseLiteEncoderInWorker(), loadUseLiteEncoder()]);
  }, 120_000);
  afterAll(async () => {
    await inWorker?.close?.();
  });

  it('gives the vectors the encoder gives on this thread, under the same name', async () => {
    const texts = ['where is my order', 'how long does shipping take', ''];
    const [fromWorker, fromThread] = await Promise.all([inWorker.embed(texts), onThread.embed(texts)]);
    expect(inWorker.name).toBe(onThread.name);
    expect(fromWorker).toHaveLength(3);
    fromWorker.forEach((vector, i) => expect(dot(vector, fromThread[i]!)).toBeCloseTo(1, 4));
  });

  it('answers more texts than one request carries, in order', async () => {
    const texts = Array.from({ length: 70 }, (_, i) => `question number ${i}`);
    const vectors = await inWorker.embed(texts);
    expect(vectors).toHaveLength(70);
    const [last] = await inWorker.embed([texts[69]!]);
    expect(dot(last!, vectors[69]!)).toBeCloseTo(1, 4);
  });

  it('refuses work once closed instead of hanging', async () => {
    const encoder = await loadUseLiteEncoderInWorker();
    await encoder.close?.();
    await expect(encoder.embed(['hello'])).rejects.toThrow(/stopped/);
  }, 120_000);
});
