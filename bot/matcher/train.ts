/**
 * Trains the knowledge-base matcher: TF-IDF features, a softmax classifier when the FAQ is small enough to
 * train one within the time goal, nearest-phrasing and centroid similarities, and a combiner calibrated on
 * phrasings held out during training.
 */
import type { FaqTrainingEntry, Matcher, MatchCandidate, TrainMatcher } from './types.ts';
import { fitVectorizer, defaultVectorizerOptions, type Vectorizer, type VectorizerOptions } from './vectorizer.ts';
import { trainSoftmax, defaultSoftmaxOptions, seededRandom, shuffle, type SoftmaxOptions } from './softmax-regression.ts';
import { buildRetrieval } from './retrieval.ts';
import { combine, defaultWeights, fitWeights, type CombinerWeights, type HeldOut, type Signals } from './combiner.ts';
import type { SparseVector } from './sparse.ts';
import { extractFeatures, type TextFeatures } from './features.ts';

export interface MatcherOptions {
  vectorizer: VectorizerOptions;
  softmax: SoftmaxOptions;
  /**
   * Largest classifier training cost (examples × features × FAQs × epochs) to spend; above it the matcher
   * uses similarities only, which keeps training of a 1,000-FAQ base under two seconds.
   */
  classifierBudget: number;
  /** Share of each FAQ's phrasings held out to calibrate confidences. @defaultValue 0.2 */
  heldOutShare: number;
  seed: number;
}

export const defaultMatcherOptions: MatcherOptions = {
  vectorizer: defaultVectorizerOptions,
  softmax: defaultSoftmaxOptions,
  classifierBudget: 1e9,
  heldOutShare: 0.2,
  seed: 1,
};

/** The scoring part of a trained model, before calibration. */
interface Scorer {
  classes: number;
  useClassifier: boolean;
  signals(text: string | TextFeatures): Signals;
}

function buildScorer(
  features: readonly TextFeatures[],
  labels: readonly number[],
  classes: number,
  options: MatcherOptions,
): Scorer {
  const vectorizer: Vectorizer = fitVectorizer(features, options.vectorizer);
  const xs: SparseVector[] = features.map((f) => vectorizer.transformFeatures(f));
  const active = xs.reduce((sum, x) => sum + x.indices.length, 0);
  const cost = active * classes * options.softmax.epochs;
  const classifier =
    classes > 1 && cost <= options.classifierBudget
      ? trainSoftmax(xs, labels, vectorizer.dimension, classes, options.softmax)
      : undefined;
  const retrieval = buildRetrieval(xs, labels, classes);
  return {
    classes,
    useClassifier: classifier !== undefined,
    signals(text) {
      const x = typeof text === 'string' ? vectorizer.transform(text) : vectorizer.transformFeatures(text);
      const signals: Signals = {
        classifier: new Float64Array(classes),
        nearest: new Float64Array(classes),
        centroid: new Float64Array(classes),
      };
      classifier?.logits(x, signals.classifier);
      retrieval.score(x, signals.nearest, signals.centroid);
      return signals;
    },
  };
}

/** Splits example indices into training and held-out sets, per class, reproducibly. */
function holdOut(labels: readonly number[], share: number, seed: number): { train: number[]; heldOut: number[] } {
  const byClass = new Map<number, number[]>();
  labels.forEach((label, i) => byClass.set(label, [...(byClass.get(label) ?? []), i]));
  const random = seededRandom(seed);
  const train: number[] = [];
  const heldOut: number[] = [];
  for (const members of byClass.values()) {
    shuffle(members, random);
    const count = Math.min(members.length - 1, Math.round(members.length * share));
    heldOut.push(...members.slice(0, count));
    train.push(...members.slice(count));
  }
  return { train, heldOut };
}

/** Keeps the strongest `limit` classes of a held-out example so fitting stays fast with many FAQs. */
function compact(signals: Signals, label: number, limit: number): HeldOut {
  const classes = signals.nearest.length;
  if (classes <= limit) return { signals, label };
  const order = Array.from({ length: classes }, (_, c) => c)
    .sort((a, b) => signals.nearest[b]! + signals.centroid[b]! - signals.nearest[a]! - signals.centroid[a]!)
    .slice(0, limit);
  if (!order.includes(label)) order[limit - 1] = label;
  const pick = (values: Float64Array): Float64Array => Float64Array.from(order, (c) => values[c]!);
  return {
    signals: { classifier: pick(signals.classifier), nearest: pick(signals.nearest), centroid: pick(signals.centroid) },
    label: order.indexOf(label),
  };
}

/** Calibration: train on most phrasings, fit the combiner on the rest. */
function calibrate(texts: readonly TextFeatures[], labels: readonly number[], classes: number, options: MatcherOptions): CombinerWeights {
  const split = holdOut(labels, options.heldOutShare, options.seed);
  if (split.heldOut.length === 0) return defaultWeights;
  const scorer = buildScorer(split.train.map((i) => texts[i]!), split.train.map((i) => labels[i]!), classes, options);
  const sample = shuffle([...split.heldOut], seededRandom(options.seed + 1)).slice(0, 1500);
  const heldOut = sample.map((i) => compact(scorer.signals(texts[i]!), labels[i]!, 50));
  return fitWeights(heldOut, defaultWeights, scorer.useClassifier);
}

/** Creates a trainer with the given options; `trainMatcher` is the one with measured defaults. */
export function createTrainMatcher(options: MatcherOptions = defaultMatcherOptions): TrainMatcher {
  return (entries: readonly FaqTrainingEntry[]): Matcher => {
    const texts: string[] = [];
    const labels: number[] = [];
    entries.forEach((entry, label) => {
      for (const text of [entry.question, ...entry.alternatives]) {
        if (text.trim() === '') continue;
        texts.push(text);
        labels.push(label);
      }
    });
    const ids = entries.map((entry) => entry.id);
    if (texts.length === 0) return { size: entries.length, match: () => ({ candidates: [] }) };
    const features = texts.map((text) => extractFeatures(text, options.vectorizer));
    const weights = calibrate(features, labels, entries.length, options);
    const scorer = buildScorer(features, labels, entries.length, options);
    const probabilities = new Float64Array(entries.length);
    return {
      size: entries.length,
      match(text: string, limit = 3) {
        combine(scorer.signals(text), weights, probabilities);
        return { candidates: topCandidates(probabilities, ids, limit) };
      },
    };
  };
}

function topCandidates(probabilities: Float64Array, ids: readonly string[], limit: number): MatchCandidate[] {
  const best: MatchCandidate[] = [];
  for (let c = 0; c < probabilities.length; c++) {
    const confidence = probabilities[c]!;
    if (best.length === limit && confidence <= best[best.length - 1]!.confidence) continue;
    const at = best.findIndex((candidate) => candidate.confidence < confidence);
    best.splice(at < 0 ? best.length : at, 0, { faqId: ids[c]!, confidence });
    if (best.length > limit) best.pop();
  }
  return best;
}

/** The default matcher trainer (see bot/eval/README.md for the measurements behind its options). */
export const trainMatcher: TrainMatcher = createTrainMatcher();
