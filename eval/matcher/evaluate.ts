/**
 * Runs a matcher trainer on labelled data: train on one set, predict another, or k-fold cross-validation,
 * optionally with only N training sentences per label (the "few-shot" setting of a new knowledge base).
 */
import type { FaqTrainingEntry, TrainMatcher } from '../../bot/matcher/index.ts';
import { seededRandom, shuffle } from '../../bot/random.ts';
import type { LabelledText } from '../csv.ts';
import type { Prediction } from './metrics.ts';

export interface EvaluationRun {
  predictions: Prediction[];
  /** Milliseconds per training run. */
  trainingMs: number[];
  /** Milliseconds per `match` call. */
  latencyMs: number[];
  /** Predictions for the questions whose label was left out of training (see `unseenShare`): never right. */
  unseen?: Prediction[];
}

/** Groups labelled sentences into FAQ entries: one entry per label, its sentences as phrasings. */
export function toFaqEntries(examples: readonly LabelledText[]): FaqTrainingEntry[] {
  const byLabel = new Map<string, string[]>();
  for (const { text, label } of examples) byLabel.set(label, [...(byLabel.get(label) ?? []), text]);
  return [...byLabel].map(([id, [question = '', ...alternatives]]) => ({ id, question, alternatives }));
}

/** Keeps at most `perLabel` randomly chosen sentences of each label. */
export function sampleFewShot(examples: readonly LabelledText[], perLabel: number, seed: number): LabelledText[] {
  const counts = new Map<string, number>();
  return shuffle([...examples], seededRandom(seed)).filter(({ label }) => {
    const count = counts.get(label) ?? 0;
    counts.set(label, count + 1);
    return count < perLabel;
  });
}

/** Trains on `train`, predicts every sentence of `test`, and records timings. */
export function trainAndTest(
  trainer: TrainMatcher,
  train: readonly LabelledText[],
  test: readonly LabelledText[],
  run: EvaluationRun,
): void {
  const started = performance.now();
  const matcher = trainer(toFaqEntries(train));
  run.trainingMs.push(performance.now() - started);
  for (const { text, label } of test) {
    const before = performance.now();
    const { candidates } = matcher.match(text);
    run.latencyMs.push(performance.now() - before);
    const [best] = candidates;
    run.predictions.push({ label, predicted: best?.faqId ?? '', confidence: best?.confidence ?? 0, candidates });
  }
}

export interface CrossValidationOptions {
  folds: number;
  seed: number;
  /** When set, each fold trains on only this many sentences per label. */
  fewShot?: number;
  /**
   * When set, each fold leaves this share of the labels out of training; their test sentences stand in for
   * off-topic questions, so the run measures abstention (`EvaluationRun.unseen`) besides matching.
   */
  unseenShare?: number;
}

/** The labels a fold leaves out of training: a reproducible random share of all labels. */
function unseenLabels(data: readonly LabelledText[], share: number, seed: number): Set<string> {
  const labels = shuffle([...new Set(data.map((d) => d.label))], seededRandom(seed));
  return new Set(labels.slice(0, Math.round(labels.length * share)));
}

/** k-fold cross-validation: every sentence is predicted once, by a model that did not see it. */
export function crossValidate(trainer: TrainMatcher, data: readonly LabelledText[], options: CrossValidationOptions): EvaluationRun {
  const run: EvaluationRun = { predictions: [], trainingMs: [], latencyMs: [] };
  const order = shuffle(data.map((_, i) => i), seededRandom(options.seed));
  for (let fold = 0; fold < options.folds; fold++) {
    const unseen = options.unseenShare ? unseenLabels(data, options.unseenShare, options.seed + 100 + fold) : new Set<string>();
    const test = order.filter((_, k) => k % options.folds === fold).map((i) => data[i]!);
    let train = order.filter((i, k) => k % options.folds !== fold && !unseen.has(data[i]!.label)).map((i) => data[i]!);
    if (options.fewShot !== undefined) train = sampleFewShot(train, options.fewShot, options.seed + fold);
    const first = run.predictions.length;
    trainAndTest(trainer, train, test, run);
    if (!options.unseenShare) continue;
    // Sentences of left-out labels cannot be matched: they only show how off-topic questions fare.
    const predicted = run.predictions.splice(first);
    run.predictions.push(...predicted.filter((p) => !unseen.has(p.label)));
    run.unseen = [...(run.unseen ?? []), ...predicted.filter((p) => unseen.has(p.label))];
  }
  return run;
}
