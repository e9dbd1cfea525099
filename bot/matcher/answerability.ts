/**
 * Answerability: the probability that a question is about one of the FAQs at all. The combiner's
 * probabilities answer "which FAQ, if any"; multiplied by this they answer "is this FAQ right", which is
 * what the bot's answer / "did you mean" / hand-over thresholds need. A small logistic regression over how
 * close the question is to the best FAQ and how familiar it looks to the classifier is fitted on held-out
 * phrasings (target 1) and simulated off-topic questions (target 0). Keeping it separate from the ranking
 * (instead of one "none of these" option sharing the ranking weights) measured better: the ranking weights
 * stay fitted for telling FAQs apart (eval/README.md).
 */
import type { Ranking, SignalUse, Signals } from './combiner.ts';
import type { Candidates } from './retrieval.ts';
import { solve } from './linear-solve.ts';

/** Number of answerability features, bias included. */
const FEATURES = 10;

/** Logistic weights over `answerabilityFeatures`. */
export type AnswerabilityModel = Float64Array;

/**
 * Used when nothing can be held out and as the centre of the fit's penalty: in scope when the best FAQ's
 * nearest phrasing and centroid are together more than 0.5 cosine-similar.
 */
export const defaultAnswerability: AnswerabilityModel = Float64Array.from([-4, 8, 8, 0, 0, 0, 0, 0, 0, 0]);

/**
 * Features of the best class: its similarities, the largest similarity of any class, the classifier's
 * energy (log-sum-exp of its logits, high when the question looks like the training data) and log-odds for
 * it, the combiner's log-sum-exp and log-odds for it (how strongly and how clearly the question scores),
 * and, with a sentence encoder, the best FAQ's and the largest nearest-phrasing similarity by meaning (a
 * paraphrase sharing few words with the FAQ is still close in meaning; an off-topic question is not).
 * `use` says which signals are there (the features of absent ones are zero). With `candidates`, the signals
 * are 0 outside them (combiner.ts `combineCandidates`) and only they are read.
 */
export function answerabilityFeatures(signals: Signals, { best, logSumExp, top }: Ranking, use: SignalUse, candidates?: Candidates): Float64Array {
  let nearestMax = 0;
  let meaningMax = 0;
  if (candidates) {
    // No sentence vector here, so meaning similarities are all 0.
    const { classes } = candidates;
    for (let i = 0; i < classes.length; i++) if (signals.nearest[classes[i]!]! > nearestMax) nearestMax = signals.nearest[classes[i]!]!;
  } else {
    for (let c = 0; c < signals.nearest.length; c++) {
      if (signals.nearest[c]! > nearestMax) nearestMax = signals.nearest[c]!;
      if (signals.meaningNearest[c]! > meaningMax) meaningMax = signals.meaningNearest[c]!;
    }
  }
  // Without a classifier its logits are all 0 and its features unused: no point in exponentiating them.
  const energy = use.classifier ? logSumExpOf(signals.classifier) : 0;
  return Float64Array.from([
    1,
    signals.nearest[best]!,
    signals.centroid[best]!,
    nearestMax,
    use.classifier ? energy : 0,
    use.classifier ? logOdds(Math.exp(signals.classifier[best]! - energy)) : 0,
    logSumExp,
    logOdds(top),
    use.meaning ? signals.meaningNearest[best]! : 0,
    use.meaning ? meaningMax : 0,
  ]);
}

/** log Σ exp(z), computed stably. */
function logSumExpOf(values: Float64Array): number {
  let max = -Infinity;
  for (const z of values) if (z > max) max = z;
  let sum = 0;
  for (const z of values) sum += Math.exp(z - max);
  return max + Math.log(sum);
}

/** log(p / (1 - p)), bounded: keeps "0.999 vs 0.99999" apart, which is where the answer threshold sits. */
function logOdds(p: number): number {
  const bounded = Math.min(Math.max(p, 1e-9), 1 - 1e-9);
  return Math.log(bounded / (1 - bounded));
}

export function answerProbability(model: AnswerabilityModel, features: Float64Array): number {
  let z = 0;
  for (let k = 0; k < FEATURES; k++) z += model[k]! * features[k]!;
  return 1 / (1 + Math.exp(-z));
}

/** One calibration example: features, whether the best FAQ was right (0 or 1), and its weight. */
export interface AnswerabilityExample {
  features: Float64Array;
  target: number;
  weight: number;
}

/**
 * Fits the logistic weights by Newton's method with an L2 pull (strength `penalty`) towards the prior; a
 * ten-by-ten system per step, so it is instant and needs no step size.
 */
export function fitAnswerability(
  examples: readonly AnswerabilityExample[],
  prior: AnswerabilityModel = defaultAnswerability,
  penalty = 1,
): AnswerabilityModel {
  let w = Float64Array.from(prior);
  if (examples.length === 0) return w;
  let loss = penalisedLoss(examples, w, prior, penalty);
  for (let iteration = 0; iteration < 30; iteration++) {
    const delta = newtonStep(examples, w, prior, penalty);
    // Damped: halve the step until the loss falls (plain Newton can overshoot on near-separable data).
    let scale = 1;
    let next = w;
    let nextLoss = Infinity;
    for (let tries = 0; tries < 20 && !(nextLoss < loss); tries++, scale /= 2) {
      next = w.map((v, k) => v - scale * delta[k]!);
      nextLoss = penalisedLoss(examples, next, prior, penalty);
    }
    if (!(nextLoss < loss)) break;
    const converged = loss - nextLoss < 1e-9 * Math.max(1, loss);
    w = next;
    loss = nextLoss;
    if (converged) break;
  }
  return w;
}

function penalisedLoss(examples: readonly AnswerabilityExample[], w: AnswerabilityModel, prior: AnswerabilityModel, penalty: number): number {
  let loss = 0;
  for (let k = 0; k < FEATURES; k++) loss += ((k === 0 ? Math.min(penalty, 1) : penalty) / 2) * (w[k]! - prior[k]!) ** 2;
  for (const { features, target, weight } of examples) {
    let z = 0;
    for (let k = 0; k < FEATURES; k++) z += w[k]! * features[k]!;
    // log(1 + e^z) - target·z, computed stably.
    loss += weight * (Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))) - target * z);
  }
  return loss;
}

/** The Newton direction H⁻¹·g of the penalised loss at `w`. */
function newtonStep(examples: readonly AnswerabilityExample[], w: AnswerabilityModel, prior: AnswerabilityModel, penalty: number): Float64Array {
  const gradient = new Float64Array(FEATURES);
  const hessian = Array.from({ length: FEATURES }, () => new Float64Array(FEATURES));
  for (let k = 0; k < FEATURES; k++) {
    const strength = k === 0 ? Math.min(penalty, 1) : penalty;
    gradient[k] = strength * (w[k]! - prior[k]!);
    hessian[k]![k] = strength;
  }
  for (const { features, target, weight } of examples) {
    const p = answerProbability(w, features);
    const curvature = weight * Math.max(p * (1 - p), 1e-9);
    for (let i = 0; i < FEATURES; i++) {
      gradient[i]! += weight * (p - target) * features[i]!;
      for (let j = 0; j < FEATURES; j++) hessian[i]![j]! += curvature * features[i]! * features[j]!;
    }
  }
  return solve(hessian, gradient);
}

/**
 * Turns ranking probabilities (which FAQ, if any is right) into answer confidences in place by multiplying
 * them with the probability that the question is in scope at all; they still sum to at most 1.
 */
export function scaleConfidences(probabilities: Float64Array, inScope: number): void {
  for (let c = 0; c < probabilities.length; c++) probabilities[c] = probabilities[c]! * inScope;
}
