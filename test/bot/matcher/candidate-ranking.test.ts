/**
 * Ranking only the FAQs that share a feature with the question (retrieval.ts `Candidates`) must answer as
 * the scan of every FAQ does: same FAQs in the same order, confidences equal to rounding.
 */
import { describe, expect, it } from 'vitest';
import { combine, combineCandidates, defaultWeights, emptySignals, type Signals } from '../../../bot/matcher/combiner.ts';
import { answerabilityFeatures, answerProbability, scaleConfidences } from '../../../bot/matcher/answerability.ts';
import { topCandidates, topCandidatesAmong } from '../../../bot/matcher/top-candidates.ts';
import { retrievalFromState, type Candidates } from '../../../bot/matcher/retrieval.ts';
import { vectorizerFromState } from '../../../bot/matcher/vectorizer.ts';
import { defaultMatcherOptions, matcherFromState, trainMatcherState } from '../../../bot/matcher/train.ts';
import { seededRandom } from '../../../bot/random.ts';
import { syntheticFaq } from '../../../eval/matcher/speed.ts';
import type { MatchCandidate } from '../../../bot/matcher/types.ts';

const lexicalOnly = { classifier: false, meaning: false, meaningClassifier: false };

function candidatesOf(classes: readonly number[], size: number): Candidates {
  const has = new Uint8Array(size);
  for (const c of classes) has[c] = 1;
  return { classes: Int32Array.from(classes), has };
}

/** Signals that are 0 outside `classes`, with similarities drawn at random (some tied). */
function sparseSignals(size: number, classes: readonly number[], random: () => number): Signals {
  const signals = emptySignals(size);
  for (const c of classes) {
    signals.nearest[c] = random() < 0.2 ? 0.5 : random();
    signals.centroid[c] = random() < 0.2 ? 0.25 : random();
  }
  return signals;
}

function expectSameCandidates(actual: MatchCandidate[], expected: MatchCandidate[]): void {
  expect(actual.map((candidate) => candidate.faqId)).toEqual(expected.map((candidate) => candidate.faqId));
  actual.forEach((candidate, k) => expect(Math.abs(candidate.confidence - expected[k]!.confidence)).toBeLessThanOrEqual(1e-12 * expected[k]!.confidence));
}

describe('ranking over candidates', () => {
  const cases: Array<{ name: string; size: number; classes: number[] }> = [
    { name: 'some classes, unordered', size: 40, classes: [31, 4, 17, 9, 22, 0, 38] },
    { name: 'every class', size: 6, classes: [5, 3, 1, 0, 2, 4] },
    { name: 'no class', size: 5, classes: [] },
    { name: 'fewer candidates than the limit', size: 9, classes: [7] },
  ];
  for (const { name, size, classes } of cases) {
    it(`combines, scores answerability and picks the top as the full scan does: ${name}`, () => {
      const random = seededRandom(size);
      const signals = sparseSignals(size, classes, random);
      const candidates = candidatesOf(classes, size);
      const dense = new Float64Array(size);
      const full = combine(signals, defaultWeights, dense);
      const sparse = new Float64Array(size);
      const ranking = combineCandidates(signals, defaultWeights, candidates, sparse);
      expect(ranking.best).toBe(full.best);
      expect(ranking.top).toBeCloseTo(full.top, 12);
      expect(ranking.logSumExp).toBeCloseTo(full.logSumExp, 12);
      for (let c = 0; c < size; c++) expect(candidates.has[c] ? sparse[c]! : ranking.rest).toBeCloseTo(dense[c]!, 14);
      const features = answerabilityFeatures(signals, ranking, lexicalOnly, candidates);
      const fullFeatures = answerabilityFeatures(signals, full, lexicalOnly);
      features.forEach((value, k) => expect(value).toBeCloseTo(fullFeatures[k]!, 10));
      const ids = Array.from({ length: size }, (_, c) => `faq-${c}`);
      for (const limit of [1, 3, size + 2]) expectSameCandidates(topCandidatesAmong(sparse, candidates, ranking.rest, ids, limit), topCandidates(dense, ids, limit));
    });
  }

  it('breaks ties between candidates and the other classes by index, as the full scan does', () => {
    // Nearest and centroid weights of zero: every class scores 0, candidates included.
    const weights = { ...defaultWeights, nearest: 0, centroid: 0 };
    const size = 8;
    const candidates = candidatesOf([6, 2, 5], size);
    const signals = sparseSignals(size, [6, 2, 5], seededRandom(3));
    const dense = new Float64Array(size);
    const sparse = new Float64Array(size);
    const full = combine(signals, weights, dense);
    const ranking = combineCandidates(signals, weights, candidates, sparse);
    expect(ranking.best).toBe(full.best);
    const ids = Array.from({ length: size }, (_, c) => `faq-${c}`);
    expectSameCandidates(topCandidatesAmong(sparse, candidates, ranking.rest, ids, 5), topCandidates(dense, ids, 5));
  });

  it('a trained matcher too large for the classifier answers as scoring every FAQ does', () => {
    const { entries, tests } = syntheticFaq(300, 4, 60, 5);
    const state = trainMatcherState(entries, { ...defaultMatcherOptions, maxClassifierWeights: 0 });
    const { scorer, calibration } = state.model!;
    expect(scorer.classifier).toBeUndefined();
    const matcher = matcherFromState(state);
    // The full scan, as the matcher did before candidates: every FAQ's signals, combined and ranked.
    const vectorizer = vectorizerFromState(scorer.vectorizer);
    const retrieval = retrievalFromState(scorer.retrieval);
    const ids = state.ids;
    const questions = [...tests.map(({ text }) => text), 'what is the weather in paris', '今天天气怎么样', '', 'how do i'];
    for (const question of questions) {
      const signals = emptySignals(ids.length);
      retrieval.score(vectorizer.transform(question), signals.nearest, signals.centroid);
      const probabilities = new Float64Array(ids.length);
      const ranking = combine(signals, calibration.weights, probabilities);
      scaleConfidences(probabilities, answerProbability(calibration.answerability, answerabilityFeatures(signals, ranking, lexicalOnly)));
      expectSameCandidates(matcher.match(question, 5).candidates, topCandidates(probabilities, ids, 5));
    }
  });
});
