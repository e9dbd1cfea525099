/**
 * Turns sentence vectors into a probability per FAQ: a softmax classifier over the vectors of the FAQ's
 * phrasings (it learns which directions of meaning separate two FAQs), or, for knowledge bases too large
 * to train one quickly, cosine to each FAQ's centroid with a fixed temperature.
 */
import { softmaxInPlace, trainSoftmax, type SoftmaxOptions } from '../matcher/softmax-regression.ts';
import type { SparseVector } from '../matcher/sparse.ts';
import { normalizeInPlace } from './sentence-encoder.ts';

/**
 * Measured on HWU64 (5-fold, `npm run eval -- … --encoder use-lite`): classifier 30 epochs 91.10%, 10 90.84%, 5
 * 90.66%, centroids 90.26% (temperature 20; 40 → 89.66%, 70 → 88.45%). Training cost grows with phrasings ×
 * FAQs × epochs, hence the cap and the middle epoch count.
 */
export interface MeaningRankerOptions {
  /** Knowledge bases up to this many FAQs get the classifier; larger ones use centroids. @defaultValue 200 */
  classifierUpTo: number;
  /** Centroid cosine × this = logit. @defaultValue 20 */
  centroidTemperature: number;
  softmax: SoftmaxOptions;
}

export const defaultMeaningRankerOptions: MeaningRankerOptions = {
  classifierUpTo: 200,
  centroidTemperature: 20,
  softmax: { epochs: 10, learningRate: 0.5, l2: 1e-6, minGradient: 1e-4, seed: 1, candidates: 24, sampleAbove: Number.POSITIVE_INFINITY },
};

export interface MeaningRanker {
  readonly classes: number;
  /** Fills `out` (length = classes) with P(FAQ | question's meaning). */
  probabilities(vector: Float32Array, out: Float64Array): void;
}

/** Dense vectors as the sparse vectors the softmax trainer takes (every index present). */
function asSparse(vector: Float32Array, indices: Int32Array): SparseVector {
  return { indices, values: vector };
}

export function trainMeaningRanker(
  vectors: readonly Float32Array[],
  labels: readonly number[],
  classes: number,
  options: MeaningRankerOptions = defaultMeaningRankerOptions,
): MeaningRanker {
  const dimension = vectors[0]?.length ?? 0;
  const indices = Int32Array.from({ length: dimension }, (_, i) => i);
  if (classes <= options.classifierUpTo && classes > 1) {
    const model = trainSoftmax(vectors.map((v) => asSparse(v, indices)), labels, dimension, classes, options.softmax);
    return {
      classes,
      probabilities(vector, out) {
        model.logits(asSparse(vector, indices), out);
        softmaxInPlace(out);
      },
    };
  }
  const centroids = Array.from({ length: classes }, () => new Float32Array(dimension));
  vectors.forEach((v, i) => {
    const centroid = centroids[labels[i]!]!;
    for (let d = 0; d < dimension; d++) centroid[d]! += v[d]!;
  });
  centroids.forEach(normalizeInPlace);
  return {
    classes,
    probabilities(vector, out) {
      for (let c = 0; c < classes; c++) {
        const centroid = centroids[c]!;
        let dot = 0;
        for (let d = 0; d < dimension; d++) dot += centroid[d]! * vector[d]!;
        out[c] = dot * options.centroidTemperature;
      }
      softmaxInPlace(out);
    },
  };
}
