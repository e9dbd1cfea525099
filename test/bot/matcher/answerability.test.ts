import { describe, expect, it } from 'vitest';
import {
  answerabilityFeatures,
  answerProbability,
  defaultAnswerability,
  fitAnswerability,
  scaleConfidences,
  type AnswerabilityExample,
} from '../../../bot/matcher/answerability.ts';
import { combine, defaultWeights, type Signals } from '../../../bot/matcher/combiner.ts';

const signals = (nearest: number[], centroid = nearest, classifier = nearest.map(() => 0), meaning = nearest.map(() => 0)): Signals => ({
  nearest: Float64Array.from(nearest),
  centroid: Float64Array.from(centroid),
  classifier: Float64Array.from(classifier),
  meaningClassifier: Float64Array.from(classifier.map(() => 0)),
  meaningNearest: Float64Array.from(meaning),
  meaningCentroid: Float64Array.from(meaning),
});
const lexicalOnly = { classifier: false, meaning: false, meaningClassifier: false };

function example(similarity: number, inScope: boolean): AnswerabilityExample {
  const s = signals([similarity, similarity / 3]);
  const ranking = combine(s, defaultWeights, new Float64Array(2));
  return { features: answerabilityFeatures(s, ranking, lexicalOnly), target: inScope ? 1 : 0, weight: 1 };
}

describe('answerability', () => {
  it('learns from in-scope and off-topic examples where the boundary lies', () => {
    const examples = [
      ...Array.from({ length: 40 }, (_, i) => example(0.55 + i / 100, true)),
      ...Array.from({ length: 40 }, (_, i) => example(0.1 + i / 100, false)),
    ];
    const model = fitAnswerability(examples);
    expect(answerProbability(model, example(0.9, true).features)).toBeGreaterThan(0.9);
    expect(answerProbability(model, example(0.2, false).features)).toBeLessThan(0.1);
    // The prior alone puts the boundary elsewhere: the fit moved it.
    expect(answerProbability(defaultAnswerability, example(0.4, false).features)).toBeGreaterThan(
      answerProbability(model, example(0.4, false).features),
    );
  });

  it('stays finite on separable data and returns the prior without examples', () => {
    const model = fitAnswerability([example(0.9, true), example(0.1, false)]);
    for (const w of model) expect(Number.isFinite(w)).toBe(true);
    expect(Array.from(fitAnswerability([]))).toEqual(Array.from(defaultAnswerability));
  });

  it('reads the classifier features only when there is a classifier', () => {
    const s = signals([0.5, 0.2], [0.5, 0.2], [3, -3]);
    const ranking = combine(s, defaultWeights, new Float64Array(2));
    const without = answerabilityFeatures(s, ranking, lexicalOnly);
    const withClassifier = answerabilityFeatures(s, ranking, { classifier: true, meaning: false, meaningClassifier: false });
    expect(without[4]).toBe(0);
    expect(withClassifier[4]).toBeGreaterThan(3);
    expect(withClassifier[5]).toBeGreaterThan(0);
  });

  it('reads the meaning similarities only when the model has sentence vectors', () => {
    const s = signals([0.1, 0.3], [0.1, 0.3], [0, 0], [0.8, 0.4]);
    const ranking = combine(s, defaultWeights, new Float64Array(2));
    const features = answerabilityFeatures(s, ranking, { classifier: false, meaning: true, meaningClassifier: false });
    expect(features[8]).toBe(s.meaningNearest[ranking.best]);
    expect(features[9]).toBeCloseTo(0.8, 6);
    expect(Array.from(answerabilityFeatures(s, ranking, lexicalOnly).slice(8))).toEqual([0, 0]);
  });

  it('scales confidences without changing their order, keeping the sum at most 1', () => {
    const probabilities = Float64Array.from([0.7, 0.2, 0.1]);
    scaleConfidences(probabilities, 0.5);
    expect(Array.from(probabilities)).toEqual([0.35, 0.1, 0.05]);
  });
});
