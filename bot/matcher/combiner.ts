/**
 * Calibrated combination of the matcher's signals. Per FAQ c the logit is
 * `a·classifier_c + b·nearest_c + d·centroid_c`; a virtual "none of these" option has the logit of an FAQ
 * whose phrasings are only `noneSimilarity` similar. Softmax over all of them gives probabilities that
 * (a) are fitted to held-out phrasings, so 0.9 means right about nine times in ten, and (b) fall for
 * questions far from every FAQ, which is what abstention needs.
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

/** Similarity a question needs before the FAQs beat "none of these"; chosen on out-of-scope tests. */
export const noneSimilarity = 0.25;

/**
 * Prior weights, used alone when there is nothing to hold out and as the centre of the fit's penalty.
 * Measured on the evaluation sets (bot/eval/README.md).
 */
export const defaultWeights: CombinerWeights = { classifier: 1, nearest: 8, centroid: 8 };

/** Fills `out` with probabilities for classes 0..C-1; returns the "none of these" probability. */
export function combine(signals: Signals, weights: CombinerWeights, out: Float64Array): number {
  const classes = out.length;
  let meanClassifier = 0;
  for (let c = 0; c < classes; c++) meanClassifier += signals.classifier[c]!;
  meanClassifier /= classes || 1;
  const noneLogit = weights.classifier * meanClassifier + (weights.nearest + weights.centroid) * noneSimilarity;
  let max = noneLogit;
  for (let c = 0; c < classes; c++) {
    const logit =
      weights.classifier * signals.classifier[c]! +
      weights.nearest * signals.nearest[c]! +
      weights.centroid * signals.centroid[c]!;
    out[c] = logit;
    if (logit > max) max = logit;
  }
  let sum = Math.exp(noneLogit - max);
  for (let c = 0; c < classes; c++) {
    out[c] = Math.exp(out[c]! - max);
    sum += out[c]!;
  }
  for (let c = 0; c < classes; c++) out[c] = out[c]! / sum;
  return Math.exp(noneLogit - max) / sum;
}

/** One held-out phrasing: its signals and its true class. */
export interface HeldOut {
  signals: Signals;
  label: number;
}

/**
 * Fits the weights by minimizing held-out negative log-likelihood plus a pull towards the prior (so a
 * handful of held-out phrasings cannot produce extreme weights). Convex; plain gradient descent with
 * step halving converges in a few dozen steps.
 */
export function fitWeights(heldOut: readonly HeldOut[], prior: CombinerWeights, useClassifier: boolean): CombinerWeights {
  if (heldOut.length === 0) return prior;
  const penalty = 1;
  const keys: (keyof CombinerWeights)[] = useClassifier ? ['classifier', 'nearest', 'centroid'] : ['nearest', 'centroid'];
  let weights = useClassifier ? { ...prior } : { ...prior, classifier: 0 };
  const objective = (w: CombinerWeights): { loss: number; gradient: CombinerWeights } => {
    const gradient: CombinerWeights = { classifier: 0, nearest: 0, centroid: 0 };
    let loss = 0;
    for (const { signals, label } of heldOut) {
      const probabilities = new Float64Array(signals.nearest.length);
      const none = combine(signals, w, probabilities);
      loss -= Math.log(Math.max(probabilities[label]!, 1e-12));
      let mean = 0;
      for (const v of signals.classifier) mean += v;
      mean /= signals.classifier.length || 1;
      // d(-log p_y)/dw = E_p[feature] - feature_y, the "none" option included.
      gradient.classifier += none * mean - signals.classifier[label]!;
      gradient.nearest += none * noneSimilarity - signals.nearest[label]!;
      gradient.centroid += none * noneSimilarity - signals.centroid[label]!;
      for (let c = 0; c < probabilities.length; c++) {
        const p = probabilities[c]!;
        if (p < 1e-9) continue;
        gradient.classifier += p * signals.classifier[c]!;
        gradient.nearest += p * signals.nearest[c]!;
        gradient.centroid += p * signals.centroid[c]!;
      }
    }
    for (const key of keys) {
      loss += (penalty / 2) * ((w[key] - prior[key]) / Math.max(prior[key], 1)) ** 2;
      gradient[key] += (penalty * (w[key] - prior[key])) / Math.max(prior[key], 1) ** 2;
    }
    return { loss: loss / heldOut.length, gradient };
  };
  let current = objective(weights);
  let step = 1;
  for (let iteration = 0; iteration < 60 && step > 1e-4; iteration++) {
    const candidate = { ...weights };
    for (const key of keys) candidate[key] = Math.max(0, weights[key] - (step * current.gradient[key]) / heldOut.length);
    const next = objective(candidate);
    if (next.loss < current.loss) {
      weights = candidate;
      current = next;
      step *= 1.5;
    } else step /= 2;
  }
  return weights;
}
