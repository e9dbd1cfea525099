/**
 * The classes a training example is contrasted with when the softmax trains on candidates only: its own
 * FAQ and the FAQs whose centroids are closest to it (the ones it could be confused with). Training on
 * these instead of every FAQ makes the classifier's cost grow with the number of candidates, not with the
 * size of the knowledge base, so large FAQs get a classifier too.
 */
import type { SparseVector } from '../numeric/sparse-vector.ts';

/** Features of an example used to look up candidates: its heaviest ones carry its topic. */
const PROBE_FEATURES = 12;

/**
 * @param centroids - one unit vector per class (the normalized mean of its phrasings)
 * @param count - candidates per example besides its own class
 * @returns per example, its own class first, then up to `count` other classes, closest first
 */
export function candidateClasses(
  xs: readonly SparseVector[],
  labels: readonly number[],
  centroids: readonly SparseVector[],
  count: number,
): Int32Array[] {
  const postings = invertCentroids(centroids);
  const scores = new Float64Array(centroids.length);
  return xs.map((x, i) => {
    scores.fill(0);
    for (const k of heaviest(x, PROBE_FEATURES)) {
      const entries = postings.get(x.indices[k]!);
      if (!entries) continue;
      for (const [c, weight] of entries) scores[c]! += x.values[k]! * weight;
    }
    return topOthers(scores, labels[i]!, count);
  });
}

function invertCentroids(centroids: readonly SparseVector[]): Map<number, Array<[number, number]>> {
  const postings = new Map<number, Array<[number, number]>>();
  centroids.forEach((centroid, c) => {
    for (let k = 0; k < centroid.indices.length; k++) {
      const feature = centroid.indices[k]!;
      let list = postings.get(feature);
      if (!list) postings.set(feature, (list = []));
      list.push([c, centroid.values[k]!]);
    }
  });
  return postings;
}

function heaviest(x: SparseVector, limit: number): number[] {
  const order = Array.from({ length: x.indices.length }, (_, k) => k);
  if (order.length <= limit) return order;
  return order.sort((a, b) => x.values[b]! - x.values[a]!).slice(0, limit);
}

/** The label, then the `count` best-scoring other classes (ties and zeros broken by class index). */
function topOthers(scores: Float64Array, label: number, count: number): Int32Array {
  const best: number[] = [];
  for (let c = 0; c < scores.length; c++) {
    if (c === label) continue;
    if (best.length === count && scores[c]! <= scores[best[best.length - 1]!]!) continue;
    let at = best.length;
    while (at > 0 && scores[best[at - 1]!]! < scores[c]!) at--;
    best.splice(at, 0, c);
    if (best.length > count) best.pop();
  }
  return Int32Array.from([label, ...best]);
}
