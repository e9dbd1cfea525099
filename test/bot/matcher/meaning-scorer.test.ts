import { describe, expect, it } from 'vitest';
import { emptySignals } from '../../../bot/matcher/combiner.ts';
import { normalizeInPlace } from '../../../bot/numeric/dense-vector.ts';
import { buildMeaningScorer } from '../../../bot/matcher/meaning-scorer.ts';

const unit = (...values: number[]) => normalizeInPlace(Float32Array.from(values));

describe('meaning scorer', () => {
  // Two FAQs, each with two phrasing vectors; the third phrasing has none (a language the encoder skips).
  const vectors = [unit(1, 0, 0), unit(1, 0.2, 0), undefined, unit(0, 1, 0), unit(0, 1, 0.3)];
  const labels = [0, 0, 0, 1, 1];

  it('scores nearest-phrasing and centroid cosines per FAQ', () => {
    const scorer = buildMeaningScorer(vectors, labels, 2)!;
    const signals = emptySignals(2);
    scorer.score(unit(1, 0, 0), signals);
    expect(signals.meaningNearest[0]).toBeCloseTo(1, 6);
    expect(signals.meaningNearest[1]).toBeCloseTo(0, 6);
    expect(signals.meaningCentroid[0]).toBeGreaterThan(0.95);
    expect(signals.meaningCentroid[0]).toBeLessThan(1);
  });

  it('trains a classifier over the vectors that separates the FAQs', () => {
    const scorer = buildMeaningScorer(vectors, labels, 2)!;
    expect(scorer.classifier).toBe(true);
    const signals = emptySignals(2);
    scorer.score(unit(0.1, 1, 0.1), signals);
    expect(signals.meaningClassifier[1]).toBeGreaterThan(signals.meaningClassifier[0]!);
  });

  it('leaves the classifier out above its size limit, and is absent without any vector', () => {
    const limited = buildMeaningScorer(vectors, labels, 2, {
      classifierUpTo: 1,
      softmax: { epochs: 1, learningRate: 0.5, l2: 0, minGradient: 0, seed: 1, candidates: 1, sampleAbove: 10 },
    })!;
    expect(limited.classifier).toBe(false);
    const signals = emptySignals(2);
    limited.score(unit(0, 1, 0), signals);
    expect(Array.from(signals.meaningClassifier)).toEqual([0, 0]);
    expect(signals.meaningNearest[1]).toBeCloseTo(1, 6);
    expect(buildMeaningScorer([undefined, undefined], [0, 1], 2)).toBeUndefined();
  });

  it('gives an FAQ without any vector zero similarity', () => {
    const scorer = buildMeaningScorer([unit(1, 0), undefined], [0, 1], 2)!;
    const signals = emptySignals(2);
    scorer.score(unit(1, 0), signals);
    expect(signals.meaningNearest[1]).toBe(0);
    expect(signals.meaningCentroid[1]).toBe(0);
  });
});
