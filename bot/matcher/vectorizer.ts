/**
 * TF-IDF vectorizer over hashed features. The vocabulary is the set of features seen in training, so
 * model weights stay compact and unseen features (which no model could weigh) are dropped at match time.
 */
import { extractFeatures, defaultFeatureOptions, wordGrams, type FeatureOptions, type HashList, type TextFeatures } from './features.ts';
import { buildCorrector, type Corrector } from './spelling.ts';
import type { SparseVector } from '../numeric/sparse-vector.ts';

export interface VectorizerOptions extends FeatureOptions {
  /** Relative weight of the character block against the word block (each is L2-normalized first). */
  charWeight: number;
  /** Correct misspelt words against the training vocabulary before building word features. */
  spelling: boolean;
  /**
   * Relative weight of the pinyin block (Chinese text only; other text has no such block and keeps exactly
   * the vectors it had). SMP2017 with one homophone typo per question (an earlier draw than
   * `--homophone-typos`, 84.65% without pinyin): weight 0.3 / 0.5 / 0.7 / 1 →
   * 84.95 / 85.52 / 86.34 / 86.73%, clean 89.60 / 89.82 / 89.60 / 89.17%, coverage at 98% precision
   * 72.12 / 72.12 / 72.03 / 70.33% (72.21% without pinyin).
   */
  soundWeight: number;
}

export const defaultVectorizerOptions: VectorizerOptions = { ...defaultFeatureOptions, charWeight: 1, spelling: true, soundWeight: 0.7 };

/** Word features recomputed from spelling-corrected tokens; the same object when nothing changed. */
function corrected(features: TextFeatures, correct: Corrector, maxN: number): TextFeatures {
  const tokens = features.tokens.map(correct);
  if (tokens.every((token, i) => token === features.tokens[i])) return features;
  return { ...features, tokens, words: wordGrams(tokens, maxN) };
}

/** Calls `visit(value, count)` for each run of equal values in a sorted array. */
function forEachRun(sorted: Int32Array | Float64Array, visit: (value: number, count: number) => void): void {
  for (let i = 0; i < sorted.length; ) {
    let j = i + 1;
    while (j < sorted.length && sorted[j] === sorted[i]) j++;
    visit(sorted[i]!, j - i);
    i = j;
  }
}

/** A sparse vector from unsorted (index, value) pairs; a repeated index (a hash collision) sums. */
function sortedVector(indices: readonly number[], values: readonly number[], scale: number): SparseVector {
  const order = Array.from(indices.keys()).sort((a, b) => indices[a]! - indices[b]!);
  const outIndices: number[] = [];
  const outValues: number[] = [];
  for (const k of order) {
    const last = outIndices.length - 1;
    if (last >= 0 && outIndices[last] === indices[k]) outValues[last]! += values[k]! * scale;
    else {
      outIndices.push(indices[k]!);
      outValues.push(values[k]! * scale);
    }
  }
  return { indices: Int32Array.from(outIndices), values: Float32Array.from(outValues) };
}

/** Document frequency of every word of the training texts, for the spelling corrector. */
function wordFrequencies(extracted: readonly TextFeatures[]): Map<string, number> {
  const frequencies = new Map<string, number>();
  for (const { tokens } of extracted) for (const token of new Set(tokens)) frequencies.set(token, (frequencies.get(token) ?? 0) + 1);
  return frequencies;
}

/** A fitted vectorizer: `dimension` features, `transform` maps any text into that space. */
export interface Vectorizer {
  readonly dimension: number;
  /** What it was fitted to, as plain data (bot/training/ sends it between threads). */
  readonly state: VectorizerState;
  transform(text: string): SparseVector;
  /** Same as `transform` for features already extracted (training extracts each text once). */
  transformFeatures(features: TextFeatures): SparseVector;
}

/** A fitted vectorizer as plain data. */
export interface VectorizerState {
  options: VectorizerOptions;
  /** Feature hash → feature index. */
  vocabulary: Map<number, number>;
  idf: Float32Array;
  /** The idf of a feature never seen in training. */
  unknownIdf: number;
  /** Document frequency of every training word, for the spelling corrector; absent when spelling is off. */
  wordFrequencies?: Map<string, number>;
}

/** Learns the vocabulary and inverse document frequencies from the training texts' features. */
export function fitVectorizer(
  extracted: readonly TextFeatures[],
  options: VectorizerOptions = defaultVectorizerOptions,
): Vectorizer {
  return vectorizerFromState(fitVectorizerState(extracted, options));
}

function fitVectorizerState(extracted: readonly TextFeatures[], options: VectorizerOptions): VectorizerState {
  const vocabulary = new Map<number, number>();
  const documentFrequency: number[] = [];
  for (const { words, chars, sounds } of extracted) {
    for (const hash of new Set([...words, ...chars, ...sounds])) {
      let index = vocabulary.get(hash);
      if (index === undefined) {
        index = vocabulary.size;
        vocabulary.set(hash, index);
        documentFrequency.push(0);
      }
      documentFrequency[index] = (documentFrequency[index] ?? 0) + 1;
    }
  }
  // Smoothed idf as in common TF-IDF practice: rare features weigh more, none weighs zero.
  const idf = Float32Array.from(documentFrequency, (df) => Math.log((extracted.length + 1) / (df + 1)) + 1);
  // A feature never seen in training gets the largest idf. It counts towards the vector's length although
  // no model has a weight for it, so a text made mostly of unknown words is far from every FAQ instead of
  // being judged on the one n-gram it happens to share.
  const unknownIdf = Math.log(extracted.length + 1) + 1;
  return { options, vocabulary, idf, unknownIdf, ...(options.spelling ? { wordFrequencies: wordFrequencies(extracted) } : {}) };
}

/** The vectorizer a state describes. */
export function vectorizerFromState(state: VectorizerState): Vectorizer {
  const { options, vocabulary, idf, unknownIdf } = state;
  const correct: Corrector | undefined = state.wordFrequencies ? buildCorrector(state.wordFrequencies) : undefined;
  /**
   * Appends the block's (index, value) pairs to `out`, L2-normalized to `weight` with unknown features
   * counted in the norm. Sorting ids and counting runs avoids a Map per text (training vectorizes every
   * phrasing twice, so this is a hot path).
   */
  const appendBlock = (hashes: HashList, weight: number, out: { indices: number[]; values: number[] }): void => {
    const known: number[] = [];
    const unknown: number[] = [];
    for (const hash of hashes) {
      const index = vocabulary.get(hash);
      if (index !== undefined) known.push(index);
      else unknown.push(hash);
    }
    let norm = 0;
    forEachRun(Float64Array.from(unknown).sort(), (_, count) => (norm += ((1 + Math.log(count)) * unknownIdf) ** 2));
    const start = out.indices.length;
    forEachRun(Int32Array.from(known).sort(), (index, count) => {
      const value = (1 + Math.log(count)) * idf[index]!;
      out.indices.push(index);
      out.values.push(value);
      norm += value * value;
    });
    const scale = norm > 0 ? weight / Math.sqrt(norm) : 0;
    for (let k = start; k < out.values.length; k++) out.values[k] = out.values[k]! * scale;
  };
  return {
    dimension: vocabulary.size,
    state,
    transform(text: string): SparseVector {
      return this.transformFeatures(extractFeatures(text, options));
    },
    transformFeatures(features: TextFeatures): SparseVector {
      const { words, chars, sounds } = correct ? corrected(features, correct, options.wordMaxN) : features;
      const pairs = { indices: [] as number[], values: [] as number[] };
      appendBlock(words, 1, pairs);
      appendBlock(chars, options.charWeight, pairs);
      const soundWeight = sounds.length > 0 ? options.soundWeight : 0;
      if (soundWeight > 0) appendBlock(sounds, soundWeight, pairs);
      // Each block has length ≤ its weight; dividing by the full length keeps unknown-word mass.
      const scale = 1 / Math.sqrt(1 + options.charWeight * options.charWeight + soundWeight * soundWeight);
      return sortedVector(pairs.indices, pairs.values, scale);
    },
  };
}
