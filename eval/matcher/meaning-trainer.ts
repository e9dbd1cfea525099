/**
 * Evaluation with a sentence encoder: every sentence is embedded once up front (cached on disk, since
 * encoding ten thousand sentences takes minutes on a CPU), then each fold trains the matcher on words and
 * sentence vectors together, the same model the hub answers covered questions with.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TrainMatcher, TrainVectorMatcher } from '../../bot/matcher/index.ts';
import type { SentenceEncoder } from '../../bot/meaning/sentence-encoder.ts';
import { quantile } from '../../bot/numeric/quantile.ts';

export type SentenceVectors = ReadonlyMap<string, Float32Array>;

/** Embeds the covered texts, reading and writing a cache file keyed by encoder and texts. */
export async function embedAll(encoder: SentenceEncoder, texts: readonly string[]): Promise<SentenceVectors> {
  const unique = [...new Set(texts)].filter((text) => encoder.covers(text)).sort();
  const key = createHash('sha256').update(encoder.name).update(unique.join('\n')).digest('hex').slice(0, 16);
  const cacheFile = join(tmpdir(), `kefu-eval-${encoder.name}-${key}.f32`);
  let flat: Float32Array;
  let dimension: number;
  if (existsSync(cacheFile)) {
    const bytes = readFileSync(cacheFile);
    flat = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
    dimension = unique.length > 0 ? flat.length / unique.length : 0;
  } else {
    const vectors = await encoder.embed(unique);
    dimension = vectors[0]?.length ?? 0;
    flat = new Float32Array(unique.length * dimension);
    vectors.forEach((v, i) => flat.set(v, i * dimension));
    writeFileSync(cacheFile, flat);
  }
  return new Map(unique.map((text, i) => [text, flat.subarray(i * dimension, (i + 1) * dimension)]));
}

/** A trainer whose matchers read the sentence vectors too, looked up by text. */
export function meaningTrainer(train: TrainVectorMatcher, vectors: SentenceVectors): TrainMatcher {
  return (entries) => {
    const matcher = train(entries, (text) => vectors.get(text));
    return { size: matcher.size, match: (text, limit) => matcher.match(text, vectors.get(text), limit) };
  };
}

/** Per-question encoding time (one text a call, as the hub does), p50 and p99 in ms. */
export async function encoderLatency(encoder: SentenceEncoder, texts: readonly string[], samples = 200): Promise<{ p50: number; p99: number }> {
  const covered = texts.filter((text) => encoder.covers(text));
  const times: number[] = [];
  for (let i = 0; i < Math.min(samples, covered.length); i++) {
    const started = performance.now();
    await encoder.embed([covered[i]!]);
    times.push(performance.now() - started);
  }
  return { p50: quantile(times, 0.5), p99: quantile(times, 0.99) };
}
