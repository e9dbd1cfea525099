/**
 * L2-regularised binary logistic regression on sparse vectors, trained by AdaGrad SGD. Small and
 * dependency-free; for ~10,000 short texts it converges in a few epochs, well under a second.
 */
import type { SparseVector } from '../numeric/sparse-vector.ts';
import { seededRandom, shuffle } from '../random.ts';

/** Training knobs; the defaults were chosen by 5-fold CV on a complaint corpus (npm run eval:complaints, bot/emotion/README.md). */
export interface LogisticOptions {
  /** L2 penalty per example. @defaultValue 1e-5 */
  l2?: number;
  /** Passes over the data. @defaultValue 12 */
  epochs?: number;
  /** AdaGrad base step; small, because larger steps overfit the rare n-grams. @defaultValue 0.05 */
  learningRate?: number;
  /** Seed for the shuffling order, so training is reproducible. @defaultValue 1 */
  seed?: number;
}

/** Learned weights; `bias` is the intercept. */
export interface LogisticModel {
  weights: Float64Array;
  bias: number;
}

/** Logistic function, written to avoid overflow for large |z|. */
export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** Raw score w·x + b. */
export function linearScore(model: LogisticModel, row: SparseVector): number {
  let z = model.bias;
  for (let k = 0; k < row.indices.length; k++) z += (model.weights[row.indices[k]!] ?? 0) * row.values[k]!;
  return z;
}

/** Fits weights for `dimension` features; `labels[i]` true is the positive (here: complaint) class. */
export function trainLogistic(
  rows: readonly SparseVector[],
  labels: readonly boolean[],
  dimension: number,
  options: LogisticOptions = {},
): LogisticModel {
  const l2 = options.l2 ?? 1e-5;
  const epochs = options.epochs ?? 12;
  const eta = options.learningRate ?? 0.05;
  const random = seededRandom(options.seed ?? 1);
  const weights = new Float64Array(dimension);
  const gradSq = new Float64Array(dimension).fill(1e-8);
  let bias = 0;
  let biasGradSq = 1e-8;
  const order = rows.map((_, i) => i);
  for (let epoch = 0; epoch < epochs; epoch++) {
    shuffle(order, random);
    for (const i of order) {
      const row = rows[i]!;
      const error = sigmoid(linearScore({ weights, bias }, row)) - (labels[i] ? 1 : 0);
      for (let k = 0; k < row.indices.length; k++) {
        const j = row.indices[k]!;
        const g = error * row.values[k]! + l2 * weights[j]!;
        gradSq[j]! += g * g;
        weights[j]! -= (eta * g) / Math.sqrt(gradSq[j]!);
      }
      biasGradSq += error * error;
      bias -= (eta * error) / Math.sqrt(biasGradSq);
    }
  }
  return { weights, bias };
}
