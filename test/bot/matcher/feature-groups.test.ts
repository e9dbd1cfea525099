import { describe, expect, it } from 'vitest';
import { groupFeatures } from '../../../bot/matcher/feature-groups.ts';
import { buildRetrieval } from '../../../bot/matcher/retrieval.ts';
import { extractFeatures } from '../../../bot/matcher/features.ts';
import { fitVectorizer } from '../../../bot/matcher/vectorizer.ts';
import type { SparseVector } from '../../../bot/numeric/sparse-vector.ts';
import { syntheticFaq } from '../../../eval/matcher/speed.ts';

const vector = (entries: [number, number][]): SparseVector => ({
  indices: Int32Array.from(entries.map(([index]) => index)),
  values: Float32Array.from(entries.map(([, value]) => value)),
});

describe('feature groups', () => {
  it('groups features found in the same phrasings with weights in proportion, and no others', () => {
    // Features 0, 2 and 3 in phrasings 0 and 1 (2 and 3 at a third and twice of 0); 1 in the same ones but
    // out of proportion; 4 in phrasing 0 only; 5 and 6 in phrasings 1 and 2, in proportion.
    const groups = groupFeatures(
      [
        vector([[0, 0.3], [1, 0.1], [2, 0.1], [3, 0.6], [4, 0.5]]),
        vector([[0, 0.6], [1, 0.5], [2, 0.2], [3, 1.2], [5, 0.2], [6, 0.4]]),
        vector([[5, 0.1], [6, 0.2]]),
      ],
      7,
    );
    const { group, ratio, heads } = groups;
    expect(group[2]).toBe(group[0]);
    expect(group[3]).toBe(group[0]);
    expect(ratio[2]).toBeCloseTo(1 / 3, 6);
    expect(ratio[3]).toBeCloseTo(2, 6);
    expect(group[6]).toBe(group[5]);
    expect(ratio[6]).toBeCloseTo(2, 6);
    expect(new Set([group[0], group[1], group[4], group[5]]).size).toBe(4);
    expect(Array.from(heads)).toEqual([0, 1, 4, 5]);
    expect(Array.from(group)).toEqual([0, 1, 0, 0, 2, 3, 3]);
  });

  it('groups the later features of a candidate group together when its first is out of proportion with them', () => {
    // All three in phrasings 0 and 1; 1 and 2 in proportion with each other, not with 0 (a word and its n-grams).
    const { group, ratio } = groupFeatures([vector([[0, 0.5], [1, 0.2], [2, 0.4]]), vector([[0, 0.5], [1, 0.1], [2, 0.2]])], 3);
    expect(group[0]).not.toBe(group[1]);
    expect(group[2]).toBe(group[1]);
    expect(ratio[2]).toBeCloseTo(2, 6);
  });

  it('gives retrieval the similarities of the ungrouped features, to float32 rounding', () => {
    const { entries, tests } = syntheticFaq(150, 5, 40, 3);
    const texts = entries.flatMap((entry) => [entry.question, ...entry.alternatives]);
    const labels = entries.flatMap((entry, c) => [entry.question, ...entry.alternatives].map(() => c));
    const vectorizer = fitVectorizer(texts.map((text) => extractFeatures(text)));
    const xs = texts.map((text) => vectorizer.transform(text));
    const retrieval = buildRetrieval(xs, labels, entries.length);
    expect(retrieval.state.groups.heads.length).toBeLessThan(vectorizer.dimension / 2);
    // Features in more than 100 phrasings are left out of the nearest-phrasing scan (retrieval.ts).
    const phrasingsWith = new Map<number, number>();
    for (const doc of xs) for (const index of doc.indices) phrasingsWith.set(index, (phrasingsWith.get(index) ?? 0) + 1);
    const dot = (a: SparseVector, b: SparseVector, keep = (_index: number) => true): number => {
      const values = new Map<number, number>();
      a.indices.forEach((index, k) => values.set(index, a.values[k]!));
      let sum = 0;
      b.indices.forEach((index, k) => (sum += keep(index) ? (values.get(index) ?? 0) * b.values[k]! : 0));
      return sum;
    };
    const rare = (index: number): boolean => phrasingsWith.get(index)! <= 100;
    const nearest = new Float64Array(entries.length);
    const centroid = new Float64Array(entries.length);
    for (const { text } of tests) {
      const x = vectorizer.transform(text);
      retrieval.score(x, nearest, centroid);
      const best = new Float64Array(entries.length);
      xs.forEach((doc, d) => (best[labels[d]!] = Math.max(best[labels[d]!]!, dot(x, doc, rare))));
      for (let c = 0; c < entries.length; c++) {
        expect(Math.abs(nearest[c]! - best[c]!)).toBeLessThanOrEqual(1e-6 * best[c]!);
        const expected = dot(x, retrieval.centroids[c]!);
        expect(Math.abs(centroid[c]! - expected)).toBeLessThanOrEqual(1e-6 * expected);
      }
    }
  });
});
