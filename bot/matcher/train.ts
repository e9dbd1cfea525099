/**
 * Trains the knowledge-base matcher: TF-IDF features (misspelt words corrected against the FAQ's own
 * vocabulary), a softmax classifier when the FAQ is small enough to train one within the time goal,
 * nearest-phrasing and centroid similarities, a combiner that ranks the FAQs, and answerability, which
 * scales the ranking into confidences that fall for off-topic questions. Combiner and answerability are
 * calibrated on phrasings held out during training (calibration.ts).
 *
 * With sentence vectors (bot/meaning/), the model also reads meaning: a classifier and nearest-phrasing and
 * centroid similarities over the vectors (meaning-scorer.ts) are three more ranking signals, and meaning
 * similarity feeds answerability. Everything is fitted together on the held-out phrasings, so the weight
 * of meaning against words is measured per knowledge base, not guessed. (The TF-IDF classifier reading the
 * vectors next to its n-grams measured no better, HWU64 90.2–90.6%, and trains slower.)
 */
import type { FaqTrainingEntry, Matcher, MatchResult, TrainMatcher } from './types.ts';
import { fitVectorizer, defaultVectorizerOptions, vectorizerFromState, type Vectorizer, type VectorizerOptions, type VectorizerState } from './vectorizer.ts';
import { trainSoftmax, defaultSoftmaxOptions, softmaxFromState, type SoftmaxModel, type SoftmaxOptions, type SoftmaxState } from './softmax-regression.ts';
import { calibrate, holdOut, type Calibration, type Round } from './calibration.ts';
import { answerabilityFeatures, answerProbability, scaleConfidences } from './answerability.ts';
import { buildRetrieval, retrievalFromState, type Candidates, type RetrievalModel, type RetrievalState } from './retrieval.ts';
import { candidateClasses } from './candidate-classes.ts';
import { combine, combineCandidates, emptySignals, type SignalUse, type Signals } from './combiner.ts';
import { topCandidates, topCandidatesAmong } from './top-candidates.ts';
import type { SparseVector } from '../numeric/sparse-vector.ts';
import { extractFeatures, type TextFeatures } from './features.ts';
import { boundedText } from '../text/bounded.ts';
import { buildMeaningScorer, defaultMeaningScorerOptions, meaningScorerFromState, type MeaningScorer, type MeaningScorerOptions, type MeaningScorerState } from './meaning-scorer.ts';

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
  /** The meaning classifier's settings, used when the matcher is trained with sentence vectors. */
  meaning: MeaningScorerOptions;
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
  meaning: defaultMeaningScorerOptions,
  calibrationRounds: 4,
  calibrationExamples: 400,
  seed: 1,
};

/** A question's sentence vector, or undefined (no encoder, or a language it does not cover). */
export type MeaningVector = Float32Array | undefined;

/** Scores any text or already-extracted features, with the text's sentence vector if any, against a trained model. */
interface TextScorer {
  classes: number;
  use: SignalUse;
  /** Fresh signals, which the caller may keep. */
  signals(text: string | TextFeatures, vector: MeaningVector): Signals;
  /**
   * The same, written into arrays this scorer reuses: valid until its next call. A question's match
   * needs them only briefly, and allocating them per question was a tenth of the match time, plus the
   * garbage collection behind the slowest matches. `candidates` is set when every signal is 0 outside
   * them (no classifier, no sentence vector).
   */
  scratchSignals(text: string | TextFeatures, vector: MeaningVector): { signals: Signals; candidates?: Candidates };
  /** The word-based parts as plain data. */
  lexicalState(): LexicalScorerState;
  /** The meaning parts as plain data; undefined without sentence vectors. */
  meaningState(): MeaningScorerState | undefined;
}

/** The word-based parts of a scorer as plain data, which can cross to another thread. */
interface LexicalScorerState {
  vectorizer: VectorizerState;
  retrieval: RetrievalState;
  classifier?: SoftmaxState;
}

/** The word-based parts of a scorer. */
interface LexicalParts {
  vectorizer: Vectorizer;
  retrieval: RetrievalModel;
  classifier?: SoftmaxModel;
}

function buildScorer(
  features: readonly TextFeatures[],
  vectors: readonly MeaningVector[] | undefined,
  labels: readonly number[],
  classes: number,
  options: MatcherOptions,
): TextScorer {
  const vectorizer: Vectorizer = fitVectorizer(features, options.vectorizer);
  const meaning = vectors ? buildMeaningScorer(vectors, labels, classes, options.meaning) : undefined;
  const xs: SparseVector[] = features.map((f) => vectorizer.transformFeatures(f));
  const retrieval = buildRetrieval(xs, labels, classes);
  const active = xs.reduce((sum, x) => sum + x.indices.length, 0);
  const sampled = classes > options.softmax.sampleAbove && classes > options.softmax.candidates + 1;
  const cost = active * (sampled ? options.softmax.candidates + 1 : classes) * options.softmax.epochs;
  const fits = classes > 1 && cost <= options.classifierBudget && vectorizer.dimension * classes <= options.maxClassifierWeights;
  const candidates = fits && sampled ? candidateClasses(xs, labels, retrieval.centroids, options.softmax.candidates) : undefined;
  const classifier = fits ? trainSoftmax(xs, labels, vectorizer.dimension, classes, options.softmax, candidates) : undefined;
  return assembleScorer({ vectorizer, retrieval, classifier }, meaning, classes);
}

function assembleScorer({ vectorizer, retrieval, classifier }: LexicalParts, meaning: MeaningScorer | undefined, classes: number): TextScorer {
  const noMeaning = new Float64Array(classes);
  // Every signal an array is kept for is overwritten in full by each score: no stale values carry over.
  const scratch = emptySignals(classes);
  const scratchWithoutMeaning: Signals = { ...scratch, meaningClassifier: noMeaning, meaningNearest: noMeaning, meaningCentroid: noMeaning };
  const scoreInto = (text: string | TextFeatures, vector: MeaningVector, signals: Signals): { signals: Signals; candidates?: Candidates } => {
    const x = typeof text === 'string' ? vectorizer.transform(text) : vectorizer.transformFeatures(text);
    classifier?.logits(x, signals.classifier);
    const candidates = retrieval.score(x, signals.nearest, signals.centroid);
    if (meaning && vector) meaning.score(vector, signals);
    return classifier || (meaning && vector) ? { signals } : { signals, candidates };
  };
  return {
    classes,
    use: { classifier: classifier !== undefined, meaning: meaning !== undefined, meaningClassifier: meaning?.classifier ?? false },
    // Without meaning the three meaning signals stay zero: one shared array nothing writes to.
    signals: (text, vector) => scoreInto(text, vector, emptySignals(classes, meaning && vector ? undefined : noMeaning)).signals,
    scratchSignals: (text, vector) => scoreInto(text, vector, meaning && vector ? scratch : scratchWithoutMeaning),
    lexicalState: () => ({ vectorizer: vectorizer.state, retrieval: retrieval.state, ...(classifier ? { classifier: classifier.state } : {}) }),
    meaningState: () => meaning?.state,
  };
}

/**
 * Trains scorers on most phrasings and calibrates the combiner and answerability on the rest. A small FAQ
 * holds out only a few phrasings per split, too few for a stable fit, so it is split several times
 * (training a small FAQ is cheap); a large one needs a single split.
 */
function calibrateOn(
  features: readonly TextFeatures[],
  vectors: readonly MeaningVector[] | undefined,
  labels: readonly number[],
  classes: number,
  options: MatcherOptions,
): Calibration {
  const rounds: Round[] = [];
  let heldOutCount = 0;
  for (let r = 0; r < options.calibrationRounds && heldOutCount < options.calibrationExamples; r++) {
    const split = holdOut(labels, options.heldOutShare, options.seed + 7919 * r);
    if (split.heldOut.length === 0) break;
    const trainVectors = vectors && split.train.map((i) => vectors[i]);
    const scorer = buildScorer(split.train.map((i) => features[i]!), trainVectors, split.train.map((i) => labels[i]!), classes, options);
    rounds.push({ scorer: { ...scorer, signals: (i) => scorer.signals(features[i]!, vectors?.[i]) }, heldOut: split.heldOut });
    heldOutCount += split.heldOut.length;
  }
  return calibrate(rounds, labels, options);
}

/** A matcher that also reads the question's sentence vector. */
export interface VectorMatcher {
  readonly size: number;
  /** `text` may be its features already extracted ({@link questionFeatures}): another thread's work. */
  match(text: string | TextFeatures, vector: MeaningVector, limit?: number): MatchResult;
}

/** Builds a VectorMatcher from FAQ entries and the sentence vectors of their phrasings (undefined: none). */
export type TrainVectorMatcher = (entries: readonly FaqTrainingEntry[], vectorOf: (text: string) => MeaningVector) => VectorMatcher;

/** A trained model before it is wrapped into a matcher; `scorer` is absent when no FAQ has a phrasing. */
interface TrainedModel {
  ids: string[];
  scorer?: TextScorer;
  calibration?: Calibration;
}

/** The phrasings the matcher trains on, in training order, with their FAQ's index. */
function trainingPhrasings(entries: readonly FaqTrainingEntry[]): { texts: string[]; labels: number[] } {
  const texts: string[] = [];
  const labels: number[] = [];
  entries.forEach((entry, label) => {
    for (const text of [entry.question, ...entry.alternatives]) {
      if (text.trim() === '') continue;
      texts.push(text);
      labels.push(label);
    }
  });
  return { texts, labels };
}

/**
 * The features of the phrasings training reads, in its order. Extracted on the thread that has the
 * tokenizer's dictionaries loaded and passed to the trainers, so a training thread never loads them.
 */
export function trainingFeatures(entries: readonly FaqTrainingEntry[], options: MatcherOptions = defaultMatcherOptions): TextFeatures[] {
  return trainingPhrasings(entries).texts.map((text) => extractFeatures(text, options.vectorizer));
}

/** A question's features as the matcher extracts them, for a matcher on another thread. */
export function questionFeatures(text: string, options: MatcherOptions = defaultMatcherOptions): TextFeatures {
  return extractFeatures(boundedText(text), options.vectorizer);
}

function trainModel(entries: readonly FaqTrainingEntry[], options: MatcherOptions, vectorOf?: (text: string) => MeaningVector, extracted?: readonly TextFeatures[]): TrainedModel {
  const { texts, labels } = trainingPhrasings(entries);
  const ids = entries.map((entry) => entry.id);
  if (texts.length === 0) return { ids };
  const features = extracted ?? texts.map((text) => extractFeatures(text, options.vectorizer));
  const phrasingVectors = vectorOf && texts.map(vectorOf);
  const vectors = phrasingVectors?.some((v) => v !== undefined) ? phrasingVectors : undefined;
  const calibration = calibrateOn(features, vectors, labels, entries.length, options);
  const scorer = buildScorer(features, vectors, labels, entries.length, options);
  return { ids, scorer, calibration };
}

function matcherOf({ ids, scorer, calibration }: TrainedModel): VectorMatcher {
  if (!scorer || !calibration) return { size: ids.length, match: () => ({ candidates: [] }) };
  const { weights, answerability } = calibration;
  const probabilities = new Float64Array(ids.length);
  return {
    size: ids.length,
    match(text, vector, limit = 3) {
      const { signals, candidates } = scorer.scratchSignals(typeof text === 'string' ? boundedText(text) : text, vector);
      if (!candidates) {
        const ranking = combine(signals, weights, probabilities);
        scaleConfidences(probabilities, answerProbability(answerability, answerabilityFeatures(signals, ranking, scorer.use)));
        return { candidates: topCandidates(probabilities, ids, limit) };
      }
      // Only the FAQs sharing a feature with the question are ranked one by one (retrieval.ts).
      const ranking = combineCandidates(signals, weights, candidates, probabilities);
      const inScope = answerProbability(answerability, answerabilityFeatures(signals, ranking, scorer.use, candidates));
      // Indexed: for-of over the typed array cost a tenth of a match at 10,000 FAQs.
      const { classes } = candidates;
      for (let i = 0; i < classes.length; i++) probabilities[classes[i]!] = probabilities[classes[i]!]! * inScope;
      return { candidates: topCandidatesAmong(probabilities, candidates, ranking.rest * inScope, ids, limit) };
    },
  };
}

/** A trained word-based matcher as plain data (typed arrays, maps): it can be posted between threads. */
export interface MatcherState {
  ids: string[];
  model?: { scorer: LexicalScorerState; calibration: Calibration };
}

/**
 * Trains the word-based matcher and returns it as plain data, e.g. in a worker thread (bot/training/).
 * @param features - the phrasings' features ({@link trainingFeatures}) when already extracted
 */
export function trainMatcherState(entries: readonly FaqTrainingEntry[], options: MatcherOptions = defaultMatcherOptions, features?: readonly TextFeatures[]): MatcherState {
  const { ids, scorer, calibration } = trainModel(entries, options, undefined, features);
  return scorer && calibration ? { ids, model: { scorer: scorer.lexicalState(), calibration } } : { ids };
}

/** The matcher a state describes: the same answers as the matcher it was taken from. */
export function matcherFromState(state: MatcherState): Matcher {
  return wordsOnly(vectorMatcherFromState(state));
}

/** A trained matcher that reads sentence vectors, as plain data: kept on disk per knowledge-base version. */
export interface VectorMatcherState {
  ids: string[];
  model?: { scorer: LexicalScorerState; meaning?: MeaningScorerState; calibration: Calibration };
}

/** Trains the matcher with sentence vectors and returns it as plain data; `features` as for trainMatcherState. */
export function trainVectorMatcherState(
  entries: readonly FaqTrainingEntry[],
  vectorOf: (text: string) => MeaningVector,
  options: MatcherOptions = defaultMatcherOptions,
  features?: readonly TextFeatures[],
): VectorMatcherState {
  const { ids, scorer, calibration } = trainModel(entries, options, vectorOf, features);
  if (!scorer || !calibration) return { ids };
  const meaning = scorer.meaningState();
  return { ids, model: { scorer: scorer.lexicalState(), ...(meaning ? { meaning } : {}), calibration } };
}

/** The matcher a state describes: the same answers as the matcher it was taken from. */
export function vectorMatcherFromState({ ids, model }: VectorMatcherState): VectorMatcher {
  if (!model) return matcherOf({ ids });
  const { scorer, meaning, calibration } = model;
  const parts: LexicalParts = {
    vectorizer: vectorizerFromState(scorer.vectorizer),
    retrieval: retrievalFromState(scorer.retrieval),
    ...(scorer.classifier ? { classifier: softmaxFromState(scorer.classifier) } : {}),
  };
  return matcherOf({ ids, scorer: assembleScorer(parts, meaning && meaningScorerFromState(meaning), ids.length), calibration });
}

/** A matcher for questions without sentence vectors. */
function wordsOnly(matcher: VectorMatcher): Matcher {
  return { size: matcher.size, match: (text, limit) => matcher.match(text, undefined, limit) };
}

/** Creates a trainer with the given options; `trainMatcher` is the one with measured defaults. */
export function createTrainMatcher(options: MatcherOptions = defaultMatcherOptions): TrainMatcher {
  return (entries: readonly FaqTrainingEntry[]): Matcher => wordsOnly(matcherOf(trainModel(entries, options)));
}

/** Creates a trainer of matchers that read sentence vectors too; `trainVectorMatcher` has the measured defaults. */
export function createTrainVectorMatcher(options: MatcherOptions = defaultMatcherOptions): TrainVectorMatcher {
  return (entries, vectorOf) => matcherOf(trainModel(entries, options, vectorOf));
}

/** The default matcher trainer (see eval/README.md for the measurements behind its options). */
export const trainMatcher: TrainMatcher = createTrainMatcher();

/** The default trainer with sentence vectors. */
export const trainVectorMatcher: TrainVectorMatcher = createTrainVectorMatcher();
