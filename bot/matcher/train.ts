/**
 * Trains the knowledge-base matcher: TF-IDF features (misspelt words corrected against the FAQ's own
 * vocabulary), a softmax classifier when the FAQ is small enough to train one within the time goal,
 * nearest-phrasing and centroid similarities, a combiner that ranks the FAQs, and answerability, which
 * scales the ranking into confidences that fall for off-topic questions. Combiner and answerability are
 * calibrated on phrasings held out during training (calibration.ts).
 */
import type { FaqTrainingEntry, Matcher, MatchCandidate, TrainMatcher } from './types.ts';
import { fitVectorizer, defaultVectorizerOptions, type Vectorizer, type VectorizerOptions } from './vectorizer.ts';
import { trainSoftmax, defaultSoftmaxOptions, type SoftmaxOptions } from './softmax-regression.ts';
import { calibrate, holdOut, type Calibration, type Round } from './calibration.ts';
import { answerabilityFeatures, answerProbability, defaultAnswerability, scaleConfidences } from './answerability.ts';
import { buildRetrieval } from './retrieval.ts';
import { candidateClasses } from './candidate-classes.ts';
import { combine, defaultWeights, type Signals } from './combiner.ts';
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
  /**
   * Largest classifier weight matrix (features × FAQs) to keep; above it the matcher uses similarities
   * only. Bounds memory and the per-question cost of the classifier's scores, which read every FAQ's
   * weights: 1,000 FAQs would need about 20 million weights and miss the 1 ms latency goal.
   * @defaultValue 8,000,000 (32 MB)
   */
  maxClassifierWeights: number;
  /** Share of each FAQ's phrasings held out to calibrate confidences. @defaultValue 0.2 */
  heldOutShare: number;
  /**
   * Weight of each simulated off-topic question against one in-scope phrasing when fitting answerability:
   * higher makes the matcher abstain sooner. @defaultValue 2
   */
  outOfScopeWeight: number;
  /** FAQs closest to a held-out phrasing hidden with its own to simulate an off-topic question. @defaultValue 2 */
  offTopicNeighbours: number;
  /** Most train/held-out splits used for calibration. @defaultValue 4 */
  calibrationRounds: number;
  /** Splits stop once this many phrasings have been held out in all. @defaultValue 400 */
  calibrationExamples: number;
  seed: number;
}

export const defaultMatcherOptions: MatcherOptions = {
  vectorizer: defaultVectorizerOptions,
  softmax: defaultSoftmaxOptions,
  classifierBudget: 1e9,
  maxClassifierWeights: 8e6,
  heldOutShare: 0.2,
  outOfScopeWeight: 2,
  offTopicNeighbours: 2,
  calibrationRounds: 4,
  calibrationExamples: 400,
  seed: 1,
};

/** Scores any text or already-extracted features against a trained model. */
interface TextScorer {
  classes: number;
  useClassifier: boolean;
  signals(text: string | TextFeatures): Signals;
}

function buildScorer(
  features: readonly TextFeatures[],
  labels: readonly number[],
  classes: number,
  options: MatcherOptions,
): TextScorer {
  const vectorizer: Vectorizer = fitVectorizer(features, options.vectorizer);
  const xs: SparseVector[] = features.map((f) => vectorizer.transformFeatures(f));
  const retrieval = buildRetrieval(xs, labels, classes);
  const active = xs.reduce((sum, x) => sum + x.indices.length, 0);
  const sampled = classes > options.softmax.sampleAbove && classes > options.softmax.candidates + 1;
  const cost = active * (sampled ? options.softmax.candidates + 1 : classes) * options.softmax.epochs;
  const fits = classes > 1 && cost <= options.classifierBudget && vectorizer.dimension * classes <= options.maxClassifierWeights;
  const candidates = fits && sampled ? candidateClasses(xs, labels, retrieval.centroids, options.softmax.candidates) : undefined;
  const classifier = fits ? trainSoftmax(xs, labels, vectorizer.dimension, classes, options.softmax, candidates) : undefined;
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

/**
 * Trains scorers on most phrasings and calibrates the combiner and answerability on the rest. A small FAQ
 * holds out only a few phrasings per split, too few for a stable fit, so it is split several times
 * (training a small FAQ is cheap); a large one needs a single split.
 */
function calibrateOn(features: readonly TextFeatures[], labels: readonly number[], classes: number, options: MatcherOptions): Calibration {
  const rounds: Round[] = [];
  let heldOutCount = 0;
  for (let r = 0; r < options.calibrationRounds && heldOutCount < options.calibrationExamples; r++) {
    const split = holdOut(labels, options.heldOutShare, options.seed + 7919 * r);
    if (split.heldOut.length === 0) break;
    const scorer = buildScorer(split.train.map((i) => features[i]!), split.train.map((i) => labels[i]!), classes, options);
    rounds.push({ scorer: { ...scorer, signals: (i) => scorer.signals(features[i]!) }, heldOut: split.heldOut });
    heldOutCount += split.heldOut.length;
  }
  return calibrate(rounds, labels, options);
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
    const { weights, answerability } = calibrateOn(features, labels, entries.length, options);
    const scorer = buildScorer(features, labels, entries.length, options);
    const probabilities = new Float64Array(entries.length);
    return {
      size: entries.length,
      match(text: string, limit = 3) {
        const signals = scorer.signals(text);
        const ranking = combine(signals, weights, probabilities);
        const features = answerabilityFeatures(signals, ranking, scorer.useClassifier);
        scaleConfidences(probabilities, answerProbability(answerability, features));
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
