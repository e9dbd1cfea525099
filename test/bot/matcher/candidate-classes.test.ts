import { describe, expect, it } from 'vitest';
import { candidateClasses } from '../../../bot/matcher/candidate-classes.ts';
import type { SparseVector } from '../../../bot/numeric/sparse-vector.ts';

const vector = (entries: Record<number, number>): SparseVector => {
  const indices = Int32Array.from(Object.keys(entries).map(Number));
  return { indices, values: Float32Array.from(indices, (index) => entries[index]!) };
};

describe('candidateClasses', () => {
  // Four classes on features 0..3; class 1 shares feature 0 with class 0, class 2 shares nothing.
  const centroids = [vector({ 0: 0.8, 1: 0.6 }), vector({ 0: 0.6, 3: 0.8 }), vector({ 2: 1 }), vector({ 1: 0.5, 3: 0.5 })];

  it('puts the example’s own class first, then the classes closest to it, best first', () => {
    const [list] = candidateClasses([vector({ 0: 1 })], [0], centroids, 2);
    expect([...list!]).toEqual([0, 1, 2]); // class 1 shares feature 0; then the first class scoring 0
    const [other] = candidateClasses([vector({ 1: 0.7, 3: 0.7 })], [2], centroids, 2);
    expect([...other!]).toEqual([2, 3, 1]); // 0.7 for class 3, 0.56 for class 1, 0.42 for class 0
  });

  it('never lists the own class twice and stops at the number asked for', () => {
    const lists = candidateClasses([vector({ 0: 1, 1: 1, 2: 1, 3: 1 })], [3], centroids, 10);
    expect([...lists[0]!].sort()).toEqual([0, 1, 2, 3]);
    expect(lists[0]![0]).toBe(3);
  });
});
