/**
 * Multinomial logistic regression on dense vectors (sentence-encoder output), trained by the same
 * stochastic gradient descent as softmax-regression.ts but laid out for dense input: one contiguous weight
 * row per class, so a logit is one dot product and an update one scaled add. The sparse trainer, fed every
 * index of a 512-value vector, spent three quarters of a meaning matcher's training time.
 */
import { seededRandom, shuffle } from '../random.ts';
import { dotAt } from '../numeric/dense-vector.ts';
import { softmaxInPlace, type SoftmaxOptions } from './softmax-regression.ts';

export interface DenseSoftmaxModel {
  readonly classes: number;
  /** Fills `out` (length = classes) with unnormalized class scores. */
  logits(x: Float32Array, out: Float64Array): void;
  /** As plain data, to keep on disk or send to another thread. */
  readonly state: DenseSoftmaxState;
}

/** A trained model as plain data: weights are stored times `scale`, as during training. */
export interface DenseSoftmaxState {
  classes: number;
  dimension: number;
  weights: Float32Array;
  bias: Float64Array;
  scale: number;
}

/** The model a state describes: the same logits as the one it was taken from. */
export function denseSoftmaxFromState(state: DenseSoftmaxState): DenseSoftmaxModel {
  const { classes, dimension, weights, bias, scale } = state;
  return {
    classes,
    state,
    logits(x, out) {
      for (let c = 0; c < classes; c++) out[c] = bias[c]! + scale * dotAt(weights, c * dimension, x, dimension);
    },
  };
}

/** Uses `epochs`, `learningRate`, `l2`, `minGradient` and `seed` of the options, as the sparse trainer does. */
export function trainDenseSoftmax(
  xs: readonly Float32Array[],
  ys: readonly number[],
  dimension: number,
  classes: number,
  options: SoftmaxOptions,
): DenseSoftmaxModel {
  const weights = new Float32Array(classes * dimension);
  const bias = new Float64Array(classes);
  // L2 decay of every weight each step, kept cheap with one global factor.
  let scale = 1;
  const logits = (x: Float32Array, out: Float64Array): void => {
    for (let c = 0; c < classes; c++) out[c] = bias[c]! + scale * dotAt(weights, c * dimension, x, dimension);
  };
  const order = xs.map((_, i) => i);
  const random = seededRandom(options.seed);
  const scores = new Float64Array(classes);
  const total = options.epochs * xs.length;
  let step = 0;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffle(order, random);
    for (const i of order) {
      const x = xs[i]!;
      // Linear decay to zero: large early steps, then settling on the optimum.
      const rate = options.learningRate * (1 - step / total);
      step++;
      logits(x, scores);
      softmaxInPlace(scores);
      scores[ys[i]!]! -= 1;
      scale *= 1 - rate * options.l2;
      if (scale < 1e-6) {
        for (let j = 0; j < weights.length; j++) weights[j] = weights[j]! * scale;
        scale = 1;
      }
      const stepSize = rate / scale;
      for (let c = 0; c < classes; c++) {
        const gradient = scores[c]!;
        // Classes with no noticeable gradient are skipped: with many classes most are near zero.
        if (gradient > -options.minGradient && gradient < options.minGradient) continue;
        bias[c]! -= rate * gradient * 0.1;
        const delta = stepSize * gradient;
        const row = c * dimension;
        for (let k = 0; k < dimension; k++) weights[row + k]! -= delta * x[k]!;
      }
    }
  }
  return denseSoftmaxFromState({ classes, dimension, weights, bias, scale });
}
