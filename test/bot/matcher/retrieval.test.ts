import { describe, expect, it } from 'vitest';
import { buildRetrieval } from '../../../bot/matcher/retrieval.ts';
import type { SparseVector } from '../../../bot/numeric/sparse-vector.ts';

const vector = (entries: [number, number][]): SparseVector => ({
  indices: Int32Array.from(entries.map(([index]) => index)),
  values: Float32Array.from(entries.map(([, value]) => value)),
});

/** `count` phrasings of two classes: each has its own feature (1 + i) and all share feature 0. */
function phrasings(count: number) {
  const xs = Array.from({ length: count }, (_, i) => vector([[0, 0.6], [1 + i, 0.8]]));
  const ys = xs.map((_, i) => i % 2);
  return { xs, ys };
}

describe('retrieval', () => {
  it('scores the nearest phrasing and the centroid of each class by cosine', () => {
    const { xs, ys } = phrasings(4);
    const retrieval = buildRetrieval(xs, ys, 2);
    const nearest = new Float64Array(2);
    const centroid = new Float64Array(2);
    retrieval.score(xs[1]!, nearest, centroid);
    expect(nearest[1]).toBeCloseTo(1, 5);
    expect(nearest[0]).toBeCloseTo(0.36, 5); // only the shared feature: 0.6 × 0.6
    expect(centroid[1]!).toBeGreaterThan(centroid[0]!);
  });

  it('leaves a feature nearly every phrasing of a large FAQ has out of the nearest-phrasing scan, not the centroids', () => {
    const { xs, ys } = phrasings(1000);
    const retrieval = buildRetrieval(xs, ys, 2);
    const nearest = new Float64Array(2);
    const centroid = new Float64Array(2);
    const reached = retrieval.score(vector([[0, 1]]), nearest, centroid);
    expect(Array.from(nearest)).toEqual([0, 0]);
    expect(centroid[0]!).toBeGreaterThan(0.5);
    // Sharing only that feature still makes both classes candidates.
    expect([...reached.classes].sort()).toEqual([0, 1]);
    // The phrasing's own feature still finds it.
    retrieval.score(xs[7]!, nearest, centroid);
    expect(nearest[1]).toBeCloseTo(0.64, 5); // its own feature only: 0.8 × 0.8
  });

  it('returns the classes the question shares a feature with, and forgets the previous question', () => {
    // Three classes; class 2 shares nothing with the first question.
    const xs = [vector([[0, 0.6], [1, 0.8]]), vector([[1, 1]]), vector([[2, 0.6], [3, 0.8]]), vector([[3, 1]]), vector([[4, 1]])];
    const retrieval = buildRetrieval(xs, [0, 0, 1, 1, 2], 3);
    const nearest = new Float64Array(3);
    const centroid = new Float64Array(3);
    const first = retrieval.score(vector([[0, 0.6], [3, 0.8]]), nearest, centroid);
    expect([...first.classes].sort()).toEqual([0, 1]);
    expect(Array.from(first.has)).toEqual([1, 1, 0]);
    expect(nearest[2]).toBe(0);
    const second = retrieval.score(vector([[4, 1]]), nearest, centroid);
    expect(Array.from(second.classes)).toEqual([2]);
    expect(Array.from(second.has)).toEqual([0, 0, 1]);
    expect(Array.from(nearest)).toEqual([0, 0, 1]);
    expect(Array.from(centroid)).toEqual([0, 0, 1]);
    // The same scores as a retrieval that never saw the first question.
    const fresh = buildRetrieval(xs, [0, 0, 1, 1, 2], 3);
    const again = [new Float64Array(3), new Float64Array(3)] as const;
    fresh.score(xs[2]!, again[0], again[1]);
    retrieval.score(xs[2]!, nearest, centroid);
    expect(Array.from(nearest)).toEqual(Array.from(again[0]));
    expect(Array.from(centroid)).toEqual(Array.from(again[1]));
  });
});
