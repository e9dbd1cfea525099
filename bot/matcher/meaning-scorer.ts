/**
 * The matcher's meaning signals for one question's sentence vector: similarity to each FAQ's closest
 * phrasing vector and to its mean vector (dense-retrieval.ts), and the logits of a softmax classifier over
 * the phrasing vectors, which learns which directions of meaning separate two FAQs. The classifier is
 * trained only for knowledge bases small enough to train it in seconds; larger ones use the similarities.
 */
import { buildDenseRetrieval, denseRetrievalFromState, type DenseRetrieval, type DenseRetrievalState } from './dense-retrieval.ts';
import { denseSoftmaxFromState, trainDenseSoftmax, type DenseSoftmaxModel, type DenseSoftmaxState } from './dense-softmax.ts';
import type { SoftmaxOptions } from './softmax-regression.ts';
import type { Signals } from './combiner.ts';

export interface MeaningScorerOptions {
  /** Knowledge bases up to this many FAQs get the classifier (its cost grows with phrasings × FAQs). @defaultValue 200 */
  classifierUpTo: number;
  /**
   * Measured on HWU64 (5-fold, with the lexical signals): 20 epochs at learning rate 1 91.32%; at 0.5 91.22%
   * (few-shot 80.13%), 10 epochs 91.05% (79.94%), 40 epochs 91.34% for a third more training time. A
   * smaller learning rate than the TF-IDF classifier's (2), since every one of the 512 inputs is set.
   */
  softmax: SoftmaxOptions;
}

export const defaultMeaningScorerOptions: MeaningScorerOptions = {
  classifierUpTo: 200,
  // candidates and sampleAbove are the sparse trainer's; the dense one trains the full softmax.
  softmax: { epochs: 20, learningRate: 1, l2: 1e-6, minGradient: 1e-4, seed: 1, candidates: 24, sampleAbove: Number.POSITIVE_INFINITY },
};

export interface MeaningScorer {
  /** Whether `meaningClassifier` logits are filled in. */
  readonly classifier: boolean;
  /** Fills the meaning fields of `signals` for a question with this unit-length sentence vector. */
  score(vector: Float32Array, signals: Signals): void;
  /** As plain data, to keep on disk or send to another thread. */
  readonly state: MeaningScorerState;
}

/** A built MeaningScorer as plain data. */
export interface MeaningScorerState {
  retrieval: DenseRetrievalState;
  classifier?: DenseSoftmaxState;
}

/** The scorer a state describes: the same signals as the one it was taken from. */
export function meaningScorerFromState(state: MeaningScorerState): MeaningScorer {
  return assembleMeaningScorer(denseRetrievalFromState(state.retrieval), state.classifier && denseSoftmaxFromState(state.classifier));
}

function assembleMeaningScorer(retrieval: DenseRetrieval, model: DenseSoftmaxModel | undefined): MeaningScorer {
  return {
    classifier: model !== undefined,
    state: { retrieval: retrieval.state, ...(model ? { classifier: model.state } : {}) },
    score(vector, signals) {
      retrieval.score(vector, signals.meaningNearest, signals.meaningCentroid);
      model?.logits(vector, signals.meaningClassifier);
    },
  };
}

/**
 * @param vectors - unit-length phrasing vectors, `undefined` where the encoder does not cover the phrasing
 * @returns undefined when no phrasing has a vector
 */
export function buildMeaningScorer(
  vectors: readonly (Float32Array | undefined)[],
  labels: readonly number[],
  classes: number,
  options: MeaningScorerOptions = defaultMeaningScorerOptions,
): MeaningScorer | undefined {
  const retrieval = buildDenseRetrieval(vectors, labels, classes);
  if (!retrieval) return undefined;
  const covered = vectors.flatMap((vector, i) => (vector ? [i] : []));
  const dimension = vectors[covered[0]!]!.length;
  const model: DenseSoftmaxModel | undefined =
    classes > 1 && classes <= options.classifierUpTo
      ? trainDenseSoftmax(covered.map((i) => vectors[i]!), covered.map((i) => labels[i]!), dimension, classes, options.softmax)
      : undefined;
  return assembleMeaningScorer(retrieval, model);
}
