/**
 * TF-IDF vectorizer over hashed features. The vocabulary is the set of features seen in training, so
 * model weights stay compact and unseen features (which no model could weigh) are dropped at match time.
 */
import { extractFeatures, defaultFeatureOptions, type FeatureOptions, type TextFeatures } from './features.ts';
import type { SparseVector } from './sparse.ts';

export interface VectorizerOptions extends FeatureOptions {
  /** Relative weight of the character block against the word block (each is L2-normalized first). */
  charWeight: number;
}

export const defaultVectorizerOptions: VectorizerOptions = { ...defaultFeatureOptions, charWeight: 1 };

/** A fitted vectorizer: `dimension` features, `transform` maps any text into that space. */
export interface Vectorizer {
  readonly dimension: number;
  transform(text: string): SparseVector;
  /** Same as `transform` for features already extracted (training extracts each text once). */
  transformFeatures(features: TextFeatures): SparseVector;
}

/** Learns the vocabulary and inverse document frequencies from the training texts' features. */
export function fitVectorizer(
  extracted: readonly TextFeatures[],
  options: VectorizerOptions = defaultVectorizerOptions,
): Vectorizer {
  const vocabulary = new Map<number, number>();
  const documentFrequency: number[] = [];
  for (const { words, chars } of extracted) {
    for (const hash of new Set([...words, ...chars])) {
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
  const blockVector = (hashes: number[], weight: number): Map<number, number> => {
    const counts = new Map<number, number>();
    const unknown = new Map<number, number>();
    for (const hash of hashes) {
      const index = vocabulary.get(hash);
      if (index !== undefined) counts.set(index, (counts.get(index) ?? 0) + 1);
      else unknown.set(hash, (unknown.get(hash) ?? 0) + 1);
    }
    let norm = 0;
    for (const count of unknown.values()) norm += ((1 + Math.log(count)) * unknownIdf) ** 2;
    for (const [index, count] of counts) {
      const value = (1 + Math.log(count)) * (idf[index] ?? 0);
      counts.set(index, value);
      norm += value * value;
    }
    const scale = norm > 0 ? weight / Math.sqrt(norm) : 0;
    for (const [index, value] of counts) counts.set(index, value * scale);
    return counts;
  };
  return {
    dimension: vocabulary.size,
    transform(text: string): SparseVector {
      return this.transformFeatures(extractFeatures(text, options));
    },
    transformFeatures({ words, chars }: TextFeatures): SparseVector {
      const merged = blockVector(words, 1);
      for (const [index, value] of blockVector(chars, options.charWeight)) merged.set(index, value);
      const indices = Int32Array.from(merged.keys()).sort();
      // Each block has length ≤ its weight; dividing by the full length keeps unknown-word mass.
      const scale = 1 / Math.sqrt(1 + options.charWeight * options.charWeight);
      const values = Float32Array.from(indices, (index) => (merged.get(index) ?? 0) * scale);
      return { indices, values };
    },
  };
}
