/**
 * Ranks the FAQs for one question by combining the matcher's signals: per FAQ c the logit is
 * `a·classifier_c + b·nearest_c + d·centroid_c`, and a softmax over the FAQs gives the probability of each
 * FAQ *given that one of them is right*. Whether any of them is right is answerability.ts's job; keeping the
 * two apart lets the weights here be fitted for telling FAQs apart only.
 */

/** Per-class signals of one question: classifier logits (zeros when no classifier), similarities. */
export interface Signals {
  classifier: Float64Array;
  nearest: Float64Array;
  centroid: Float64Array;
}

export interface CombinerWeights {
  classifier: number;
  nearest: number;
  centroid: number;
}

const keys = ['classifier', 'nearest', 'centroid'] as const;

/** Prior weights, used alone when there is nothing to hold out and as the centre of the fit's penalty. */
export const defaultWeights: CombinerWeights = { classifier: 1, nearest: 8, centroid: 8 };

/** What `combine` found besides the probabilities. */
export interface Ranking {
  /** Index of the best class, -1 when there are none. */
  best: number;
  /** log Σ exp(logit): how strongly the question scores overall, which probabilities no longer show. */
  logSumExp: number;
  /** Probability of the best class. */
  top: number;
}

/** Fills `out` with the probability of each class. */
export function combine(signals: Signals, weights: CombinerWeights, out: Float64Array): Ranking {
  let best = -1;
  for (let c = 0; c < out.length; c++) {
    out[c] =
      weights.classifier * signals.classifier[c]! +
      weights.nearest * signals.nearest[c]! +
      weights.centroid * signals.centroid[c]!;
    if (best < 0 || out[c]! > out[best]!) best = c;
  }
  if (best < 0) return { best, logSumExp: -Infinity, top: 0 };
  const max = out[best]!;
  let sum = 0;
  for (let c = 0; c < out.length; c++) {
    out[c] = Math.exp(out[c]! - max);
    sum += out[c]!;
  }
  for (let c = 0; c < out.length; c++) out[c] = out[c]! / sum;
  return { best, logSumExp: max + Math.log(sum), top: 1 / sum };
}

/** One held-out phrasing: its signals and its true class. */
export interface HeldOut {
  signals: Signals;
  label: number;
}

/** Held-out negative log-likelihood and its gradient: d(-log p_y)/dw = E_p[feature] - feature_y. */
function objective(heldOut: readonly HeldOut[], w: CombinerWeights): { loss: number; gradient: CombinerWeights } {
  const gradient: CombinerWeights = { classifier: 0, nearest: 0, centroid: 0 };
  let loss = 0;
  const buffer = new Float64Array(Math.max(0, ...heldOut.map(({ signals }) => signals.nearest.length)));
  for (const { signals, label } of heldOut) {
    const probabilities = buffer.subarray(0, signals.nearest.length);
    combine(signals, w, probabilities);
    loss -= Math.log(Math.max(probabilities[label]!, 1e-12));
    for (const key of keys) {
      const values = signals[key];
      let expected = 0;
      for (let c = 0; c < probabilities.length; c++) expected += probabilities[c]! * values[c]!;
      gradient[key] += expected - values[label]!;
    }
  }
  return { loss, gradient };
}

/**
 * Fits the weights by minimizing held-out negative log-likelihood plus a pull towards the prior (so a
 * handful of held-out phrasings cannot produce extreme weights). Convex; gradient descent with step
 * adaptation converges in a few dozen steps.
 */
export function fitWeights(heldOut: readonly HeldOut[], prior: CombinerWeights, useClassifier: boolean): CombinerWeights {
  if (heldOut.length === 0) return prior;
  const fitted = useClassifier ? keys : keys.filter((key) => key !== 'classifier');
  const n = heldOut.length;
  const penalised = (w: CombinerWeights) => {
    const { loss, gradient } = objective(heldOut, w);
    let total = loss / n;
    for (const key of fitted) {
      const scale = Math.max(prior[key], 1) ** 2;
      total += (w[key] - prior[key]) ** 2 / (2 * scale * n);
      gradient[key] = (gradient[key] + (w[key] - prior[key]) / scale) / n;
    }
    return { loss: total, gradient };
  };
  let weights: CombinerWeights = useClassifier ? { ...prior } : { ...prior, classifier: 0 };
  let current = penalised(weights);
  let step = 1;
  for (let iteration = 0; iteration < 60 && step > 1e-4; iteration++) {
    const candidate = { ...weights };
    for (const key of fitted) candidate[key] = Math.max(0, weights[key] - step * current.gradient[key]);
    const next = penalised(candidate);
    if (next.loss < current.loss) {
      weights = candidate;
      current = next;
      step *= 1.5;
    } else step /= 2;
  }
  return weights;
}
