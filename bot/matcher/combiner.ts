/**
 * Ranks the FAQs for one question by combining the matcher's signals: per FAQ c the logit is
 * `a·classifier_c + b·nearest_c + d·centroid_c` (plus the same three signals over sentence vectors when the
 * matcher has a sentence encoder), and a softmax over the FAQs gives the probability of each
 * FAQ *given that one of them is right*. Whether any of them is right is answerability.ts's job; keeping the
 * two apart lets the weights here be fitted for telling FAQs apart only.
 */
import { solve } from './linear-solve.ts';
import type { Candidates } from './retrieval.ts';

export const signalKeys = ['classifier', 'nearest', 'centroid', 'meaningClassifier', 'meaningNearest', 'meaningCentroid'] as const;

type SignalKey = (typeof signalKeys)[number];

/**
 * Per-class signals of one question: classifier logits (zeros when no classifier), TF-IDF similarities,
 * and the same three over sentence vectors (zeros without an encoder, or for a question it does not cover).
 */
export type Signals = Record<SignalKey, Float64Array>;

export type CombinerWeights = Record<SignalKey, number>;

/** Prior weights, used alone when there is nothing to hold out and as the centre of the fit's penalty. */
export const defaultWeights: CombinerWeights = { classifier: 1, nearest: 8, centroid: 8, meaningClassifier: 1, meaningNearest: 8, meaningCentroid: 8 };

/**
 * All-zero signals for `classes` FAQs. `sharedMeaning`, when given, stands for all three meaning signals:
 * a model without meaning never writes them, and the lexical hot path then allocates three arrays fewer.
 */
export function emptySignals(classes: number, sharedMeaning?: Float64Array): Signals {
  const meaning = () => sharedMeaning ?? new Float64Array(classes);
  return {
    classifier: new Float64Array(classes),
    nearest: new Float64Array(classes),
    centroid: new Float64Array(classes),
    meaningClassifier: meaning(),
    meaningNearest: meaning(),
    meaningCentroid: meaning(),
  };
}

/** Which signals a model has: the others are all zeros, and their weights are not fitted. */
export interface SignalUse {
  classifier: boolean;
  meaning: boolean;
  meaningClassifier: boolean;
}

/** What `combine` found besides the probabilities. */
export interface Ranking {
  /** Index of the best class, -1 when there are none. */
  best: number;
  /** log Σ exp(logit): how strongly the question scores overall, which probabilities no longer show. */
  logSumExp: number;
  /** Probability of the best class. */
  top: number;
}

/**
 * The combined logit of class c. `combineCandidates` uses only its lexical terms: the others are exact
 * zeros there, and adding them changes no bit, so both still give the same logits.
 */
function logit(signals: Signals, weights: CombinerWeights, c: number): number {
  return (
    weights.classifier * signals.classifier[c]! +
    weights.nearest * signals.nearest[c]! +
    weights.centroid * signals.centroid[c]! +
    weights.meaningClassifier * signals.meaningClassifier[c]! +
    weights.meaningNearest * signals.meaningNearest[c]! +
    weights.meaningCentroid * signals.meaningCentroid[c]!
  );
}

/** Fills `out` with the probability of each class. */
export function combine(signals: Signals, weights: CombinerWeights, out: Float64Array): Ranking {
  let best = -1;
  for (let c = 0; c < out.length; c++) {
    out[c] = logit(signals, weights, c);
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

/** A ranking over candidates: `rest` is the probability of each class outside them. */
export interface CandidateRanking extends Ranking {
  rest: number;
}

/**
 * `combine` for signals that are 0 outside `candidates` (no classifier, no sentence vector): fills `out` for
 * the candidates only. Every other class has logit 0, so their mass is added once, count × e^(0 − max),
 * instead of class by class; probabilities agree with `combine` to rounding (the sum's order differs).
 */
export function combineCandidates(signals: Signals, weights: CombinerWeights, candidates: Candidates, out: Float64Array): CandidateRanking {
  const { classes, has } = candidates;
  const { nearest, centroid } = signals;
  const others = has.length - classes.length;
  let best = -1;
  for (let i = 0; i < classes.length; i++) {
    const c = classes[i]!;
    out[c] = weights.nearest * nearest[c]! + weights.centroid * centroid[c]!;
    // The lowest index wins a tie, as in `combine`'s scan.
    if (best < 0 || out[c]! > out[best]! || (out[c] === out[best] && c < best)) best = c;
  }
  if (others > 0 && (best < 0 || out[best]! <= 0)) {
    const other = has.indexOf(0);
    if (best < 0 || out[best]! < 0 || other < best) best = other;
  }
  if (best < 0) return { best, logSumExp: -Infinity, top: 0, rest: 0 };
  const max = has[best] === 1 ? out[best]! : 0;
  const restShare = Math.exp(0 - max);
  let sum = others * restShare;
  for (let i = 0; i < classes.length; i++) {
    const c = classes[i]!;
    out[c] = Math.exp(out[c]! - max);
    sum += out[c]!;
  }
  for (let i = 0; i < classes.length; i++) out[classes[i]!] = out[classes[i]!]! / sum;
  return { best, logSumExp: max + Math.log(sum), top: 1 / sum, rest: restShare / sum };
}

/** One held-out phrasing: its signals and its true class. */
export interface HeldOut {
  signals: Signals;
  label: number;
}

/**
 * Held-out negative log-likelihood over the `keys` weights, with its gradient (E_p[f] - f_y) and Hessian
 * (the covariance of f under p), summed over the phrasings.
 */
function objective(heldOut: readonly HeldOut[], w: CombinerWeights, keys: readonly SignalKey[]): { loss: number; gradient: Float64Array; hessian: Float64Array[] } {
  const k = keys.length;
  const gradient = new Float64Array(k);
  const hessian = Array.from({ length: k }, () => new Float64Array(k));
  const expected = new Float64Array(k);
  let loss = 0;
  const buffer = new Float64Array(Math.max(0, ...heldOut.map(({ signals }) => signals.nearest.length)));
  for (const { signals, label } of heldOut) {
    const probabilities = buffer.subarray(0, signals.nearest.length);
    combine(signals, w, probabilities);
    loss -= Math.log(Math.max(probabilities[label]!, 1e-12));
    const values = keys.map((key) => signals[key]);
    for (let a = 0; a < k; a++) {
      let sum = 0;
      for (let c = 0; c < probabilities.length; c++) sum += probabilities[c]! * values[a]![c]!;
      expected[a] = sum;
      gradient[a]! += sum - values[a]![label]!;
    }
    for (let a = 0; a < k; a++) {
      for (let b = a; b < k; b++) {
        let sum = 0;
        for (let c = 0; c < probabilities.length; c++) sum += probabilities[c]! * values[a]![c]! * values[b]![c]!;
        const covariance = sum - expected[a]! * expected[b]!;
        hessian[a]![b]! += covariance;
        if (b !== a) hessian[b]![a]! += covariance;
      }
    }
  }
  return { loss, gradient, hessian };
}

/**
 * Fits the weights by minimizing held-out negative log-likelihood plus a pull towards the prior (so a
 * handful of held-out phrasings cannot produce extreme weights). Convex, so damped Newton steps converge
 * in a handful of iterations; plain gradient descent did not, because the signals' scales differ (logits
 * span tens, similarities 0..1) and it stopped near the prior.
 */
export function fitWeights(heldOut: readonly HeldOut[], prior: CombinerWeights, use: SignalUse): CombinerWeights {
  if (heldOut.length === 0) return prior;
  const unused = (key: SignalKey): boolean =>
    (key === 'classifier' && !use.classifier) ||
    (key === 'meaningClassifier' && !use.meaningClassifier) ||
    ((key === 'meaningNearest' || key === 'meaningCentroid') && !use.meaning);
  const fitted = signalKeys.filter((key) => !unused(key));
  const n = heldOut.length;
  const penalised = (w: CombinerWeights) => {
    const { loss, gradient, hessian } = objective(heldOut, w, fitted);
    let total = loss / n;
    fitted.forEach((key, a) => {
      const scale = Math.max(prior[key], 1) ** 2;
      total += (w[key] - prior[key]) ** 2 / (2 * scale * n);
      gradient[a] = (gradient[a]! + (w[key] - prior[key]) / scale) / n;
      for (let b = 0; b < fitted.length; b++) hessian[a]![b] = hessian[a]![b]! / n;
      hessian[a]![a]! += 1 / (scale * n);
    });
    return { loss: total, gradient, hessian };
  };
  let weights: CombinerWeights = { ...prior };
  for (const key of signalKeys) if (unused(key)) weights[key] = 0;
  let current = penalised(weights);
  for (let iteration = 0; iteration < 30; iteration++) {
    const direction = solve(current.hessian, current.gradient);
    // Damped and kept non-negative: a negative weight would rank FAQs by dissimilarity.
    let next: ReturnType<typeof penalised> | undefined;
    let candidate = weights;
    for (let scale = 1; scale > 1e-3; scale /= 2) {
      candidate = { ...weights };
      fitted.forEach((key, a) => (candidate[key] = Math.max(0, weights[key] - scale * direction[a]!)));
      const tried = penalised(candidate);
      if (tried.loss < current.loss) {
        next = tried;
        break;
      }
    }
    if (!next) break;
    const converged = current.loss - next.loss < 1e-7;
    weights = candidate;
    current = next;
    if (converged) break;
  }
  return weights;
}
