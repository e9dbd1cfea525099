/**
 * Similarity scoring against the FAQ phrasings themselves: for each FAQ, the cosine similarity of the
 * question to its closest phrasing and to the FAQ's centroid. It needs no training passes, so it scales to
 * thousands of FAQs, and it knows how far a question is from anything the FAQ says — the classifier's
 * probabilities cannot tell "far from everything" apart from "close to this one".
 */
import type { SparseVector } from './sparse.ts';

export interface RetrievalModel {
  /** Unit-length mean of each class's phrasing vectors. */
  readonly centroids: readonly SparseVector[];
  /** The model as plain data (model-state.ts sends it between threads). */
  readonly state: RetrievalState;
  /** Fills `nearest[c]` with the best phrasing cosine and `centroid[c]` with the centroid cosine of class c. */
  score(x: SparseVector, nearest: Float64Array, centroid: Float64Array): void;
}

/** A retrieval model as plain data. */
export interface RetrievalState {
  docPostings: Postings;
  centroidPostings: Postings;
  centroids: SparseVector[];
  /** Class of each phrasing. */
  labels: Int32Array;
}

/** Builds inverted indices over the phrasing vectors and the per-class centroids. */
export function buildRetrieval(xs: readonly SparseVector[], ys: readonly number[], classes: number): RetrievalModel {
  const docPostings = invert(xs);
  const sums = Array.from({ length: classes }, () => new Map<number, number>());
  xs.forEach((x, i) => {
    const sum = sums[ys[i]!]!;
    for (let k = 0; k < x.indices.length; k++) sum.set(x.indices[k]!, (sum.get(x.indices[k]!) ?? 0) + x.values[k]!);
  });
  const centroids = sums.map((sum) => {
    let norm = 0;
    for (const v of sum.values()) norm += v * v;
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    const indices = Int32Array.from(sum.keys());
    return { indices, values: Float32Array.from(indices, (index) => (sum.get(index) ?? 0) * scale) };
  });
  return retrievalFromState({ docPostings, centroidPostings: invert(centroids), centroids, labels: Int32Array.from(ys) });
}

/** The retrieval model a state describes. */
export function retrievalFromState(state: RetrievalState): RetrievalModel {
  const { docPostings, centroidPostings, centroids, labels } = state;
  const docScores = new Float64Array(labels.length);
  return {
    centroids,
    state,
    score(x, nearest, centroid) {
      accumulate(x, docPostings, docScores);
      nearest.fill(0);
      for (let d = 0; d < docScores.length; d++) {
        const label = labels[d]!;
        if (docScores[d]! > nearest[label]!) nearest[label] = docScores[d]!;
      }
      accumulate(x, centroidPostings, centroid);
    },
  };
}

export interface Postings {
  /** For feature f, entries start[f] .. start[f + 1] of `docs` / `weights`. */
  start: Int32Array;
  docs: Int32Array;
  weights: Float32Array;
}

/** Feature → (document, value) lists in compressed-row form: compact and fast to scan. */
function invert(vectors: readonly SparseVector[]): Postings {
  let dimension = 0;
  let total = 0;
  for (const v of vectors) {
    total += v.indices.length;
    for (const index of v.indices) if (index + 1 > dimension) dimension = index + 1;
  }
  const start = new Int32Array(dimension + 1);
  for (const v of vectors) for (const index of v.indices) start[index + 1]!++;
  for (let f = 0; f < dimension; f++) start[f + 1]! += start[f]!;
  const fill = start.slice(0, dimension);
  const docs = new Int32Array(total);
  const weights = new Float32Array(total);
  vectors.forEach((v, d) => {
    for (let k = 0; k < v.indices.length; k++) {
      const at = fill[v.indices[k]!]!++;
      docs[at] = d;
      weights[at] = v.values[k]!;
    }
  });
  return { start, docs, weights };
}

function accumulate(x: SparseVector, postings: Postings, out: Float64Array): void {
  out.fill(0);
  const { start, docs, weights } = postings;
  const dimension = start.length - 1;
  for (let k = 0; k < x.indices.length; k++) {
    const f = x.indices[k]!;
    if (f >= dimension) continue;
    const value = x.values[k]!;
    for (let p = start[f]!; p < start[f + 1]!; p++) out[docs[p]!]! += value * weights[p]!;
  }
}
