/**
 * NB-weighted logistic regression ("NBSVM", Wang & Manning 2012, with a logistic loss): each binary feature
 * is scaled by its naive-Bayes log-count ratio before the linear model is fitted. On short sentiment texts
 * this beats plain logistic regression because rare but telling n-grams start with the right sign and size.
 */
import type { SparseVector } from '../numeric/sparse-vector.ts';
import { linearScore, sigmoid, trainLogistic, type LogisticOptions } from './logistic.ts';

export interface NbLogisticOptions extends LogisticOptions {
  /** Scale features by the NB log-count ratio; off gives plain binary logistic regression. @defaultValue true */
  nbWeighting?: boolean;
  /** Laplace smoothing of the NB counts. @defaultValue 1 */
  smoothing?: number;
  /** Features seen in fewer training texts are dropped. @defaultValue 1 */
  minCount?: number;
}

/** A trained text model over feature names: probability that a feature set belongs to the positive class. */
export interface BinaryFeatureModel {
  probability(features: readonly string[]): number;
  /** Learned contribution of a feature to the log-odds (0 when unknown); used to explain scores. */
  weightOf(feature: string): number;
}

/** Trains on feature sets (from `complaintFeatures`) with `labels[i]` true for the positive class. */
export function trainNbLogistic(
  docs: readonly (readonly string[])[],
  labels: readonly boolean[],
  options: NbLogisticOptions = {},
): BinaryFeatureModel {
  const vocabulary = buildVocabulary(docs, options.minCount ?? 1);
  const scale = options.nbWeighting === false
    ? new Float64Array(vocabulary.size).fill(1)
    : logCountRatios(docs, labels, vocabulary, options.smoothing ?? 1);
  const vectorize = (features: readonly string[]): SparseVector => toVector(features, vocabulary, scale);
  const model = trainLogistic(docs.map(vectorize), labels, vocabulary.size, options);
  return {
    probability: (features) => sigmoid(linearScore(model, vectorize(features))),
    weightOf: (feature) => {
      const j = vocabulary.get(feature);
      return j === undefined ? 0 : model.weights[j]! * scale[j]!;
    },
  };
}

function buildVocabulary(docs: readonly (readonly string[])[], minCount: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (const doc of docs) for (const f of doc) counts.set(f, (counts.get(f) ?? 0) + 1);
  const vocabulary = new Map<string, number>();
  for (const [f, n] of counts) if (n >= minCount) vocabulary.set(f, vocabulary.size);
  return vocabulary;
}

/** r_j = log((p_j / |p|) / (q_j / |q|)) with smoothed per-class document counts p (positive) and q. */
function logCountRatios(
  docs: readonly (readonly string[])[],
  labels: readonly boolean[],
  vocabulary: Map<string, number>,
  smoothing: number,
): Float64Array {
  const p = new Float64Array(vocabulary.size).fill(smoothing);
  const q = new Float64Array(vocabulary.size).fill(smoothing);
  docs.forEach((doc, i) => {
    const counts = labels[i] ? p : q;
    for (const f of doc) {
      const j = vocabulary.get(f);
      if (j !== undefined) counts[j]! += 1;
    }
  });
  const pSum = p.reduce((a, b) => a + b, 0);
  const qSum = q.reduce((a, b) => a + b, 0);
  return p.map((pj, j) => Math.log(pj / pSum / (q[j]! / qSum)));
}

/** Binary presence times the feature's scale, L2-normalised so long texts do not dominate the step size. */
function toVector(features: readonly string[], vocabulary: Map<string, number>, scale: Float64Array): SparseVector {
  const indices: number[] = [];
  for (const f of features) {
    const j = vocabulary.get(f);
    if (j !== undefined) indices.push(j);
  }
  const values = new Float32Array(indices.length);
  let sumSq = 0;
  for (let k = 0; k < indices.length; k++) {
    values[k] = scale[indices[k]!]!;
    sumSq += values[k]! * values[k]!;
  }
  // A plain loop, not Math.hypot(...values): spreading a long row is slow and can overflow the call stack.
  const norm = Math.sqrt(sumSq) || 1;
  for (let k = 0; k < values.length; k++) values[k]! /= norm;
  return { indices: Int32Array.from(indices), values };
}
