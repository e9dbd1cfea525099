import { describe, expect, it } from 'vitest';
import { combine, defaultWeights, fitWeights, type HeldOut, type Signals } from '../../../bot/matcher/combiner.ts';
import { compact, holdOut, offTopic, withoutClass } from '../../../bot/matcher/calibration.ts';

const signals = (nearest: number[], centroid: number[], classifier: number[], meaning = nearest.map(() => 0)): Signals => ({
  nearest: Float64Array.from(nearest),
  centroid: Float64Array.from(centroid),
  classifier: Float64Array.from(classifier),
  meaningClassifier: Float64Array.from(classifier.map(() => 0)),
  meaningNearest: Float64Array.from(meaning),
  meaningCentroid: Float64Array.from(meaning),
});

describe('combine', () => {
  it('gives probabilities over the classes and reports the best one', () => {
    const out = new Float64Array(3);
    const ranking = combine(signals([0.9, 0.2, 0.1], [0.8, 0.3, 0.1], [2, 0, -2]), defaultWeights, out);
    expect(ranking.best).toBe(0);
    expect(out.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(out[0]).toBeGreaterThan(out[1]!);
    expect(ranking.logSumExp).toBeGreaterThan(1 * 2 + 8 * 0.9 + 8 * 0.8);
    expect(combine(signals([], [], []), defaultWeights, new Float64Array(0)).best).toBe(-1);
  });
});

describe('fitWeights', () => {
  it('trusts the signal that picks the right class on held-out phrasings', () => {
    // The classifier is always right, nearest-phrasing similarity always points elsewhere.
    const heldOut: HeldOut[] = Array.from({ length: 50 }, (_, i) => ({
      signals: signals([0.2, 0.6], [0.4, 0.4], [2, -2]),
      label: 0,
    }));
    const fitted = fitWeights(heldOut, defaultWeights, { classifier: true, meaning: false, meaningClassifier: false });
    expect(fitted.classifier).toBeGreaterThan(defaultWeights.classifier);
    expect(fitted.nearest).toBeLessThan(defaultWeights.nearest);
    expect(fitted.meaningNearest).toBe(0);
    expect(fitWeights(heldOut, defaultWeights, { classifier: false, meaning: false, meaningClassifier: false }).classifier).toBe(0);
  });

  it('weighs meaning up when it picks the right class and words do not', () => {
    const heldOut: HeldOut[] = Array.from({ length: 50 }, () => ({
      signals: signals([0.3, 0.5], [0.3, 0.5], [0, 0], [0.9, 0.2]),
      label: 0,
    }));
    const fitted = fitWeights(heldOut, defaultWeights, { classifier: false, meaning: true, meaningClassifier: false });
    expect(fitted.meaningNearest).toBeGreaterThan(defaultWeights.meaningNearest);
    expect(fitted.nearest).toBeLessThan(defaultWeights.nearest);
  });

  it('reaches the likelihood optimum when the signals have very different scales', () => {
    // Logits span tens, similarities 0..1: the right weight for the noisy similarity is near zero, far
    // from its prior of 8, and the fit must get there (gradient descent stopped close to the prior).
    // The similarity points either way regardless of whether the classifier is right: pure noise.
    const heldOut: HeldOut[] = Array.from({ length: 400 }, (_, i) => {
      const right = i % 10 !== 0;
      const nearest = Math.floor(i / 10) % 2 === 0 ? [0.9, 0.1] : [0.1, 0.9];
      return { signals: signals(nearest, [0.5, 0.5], right ? [3, -3] : [-3, 3]), label: 0 };
    });
    const fitted = fitWeights(heldOut, defaultWeights, { classifier: true, meaning: false, meaningClassifier: false });
    expect(fitted.nearest).toBeLessThan(2);
  });
});

describe('calibration helpers', () => {
  it('holds out a share of each class but never all of it', () => {
    const labels = [0, 0, 0, 0, 0, 1, 1, 2];
    const { train, heldOut } = holdOut(labels, 0.4, 1);
    expect([...train, ...heldOut].sort()).toEqual(labels.map((_, i) => i));
    for (const label of [0, 1, 2]) expect(train.some((i) => labels[i] === label)).toBe(true);
    expect(heldOut.filter((i) => labels[i] === 0)).toHaveLength(2);
  });

  it('compacts to the most similar classes but keeps the true one', () => {
    const s = signals([0.1, 0.9, 0.8, 0.05], [0.1, 0.9, 0.8, 0.05], [0, 1, 2, 3]);
    const { signals: kept, label } = compact(s, 3, 2);
    expect(kept.nearest).toHaveLength(2);
    expect(kept.classifier[label]).toBe(3);
  });

  it('hides a class to simulate an off-topic question', () => {
    const hidden = withoutClass(signals([0.1, 0.9, 0.3], [0.2, 0.8, 0.4], [1, 2, 3]), 1);
    expect(Array.from(hidden.nearest)).toEqual([0.1, 0.3]);
    expect(Array.from(hidden.classifier)).toEqual([1, 3]);
  });

  it('also hides the closest other classes, so nothing near the simulated question is left', () => {
    const s = signals([0.9, 0.1, 0.7, 0.2], [0.9, 0.1, 0.6, 0.3], [4, 1, 3, 2]);
    expect(Array.from(offTopic(s, 0, 1).classifier)).toEqual([1, 2]);
    expect(Array.from(offTopic(s, 0, 0).classifier)).toEqual([1, 3, 2]);
  });
});
