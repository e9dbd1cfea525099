/**
 * Similarity by meaning: the cosine of a question's sentence vector to each FAQ's closest phrasing vector
 * and to the FAQ's mean vector — the counterpart of retrieval.ts for sentence-encoder vectors. Those have
 * every dimension set, so one flat matrix scan is faster than inverted lists. FAQs none of whose phrasings
 * has a vector (a language the encoder does not cover) score 0.
 */
import { dotAt, normalizeInPlace } from '../numeric/dense-vector.ts';

export interface DenseRetrieval {
  /** Fills `nearest[c]` with the best phrasing cosine and `centroid[c]` with the centroid cosine of class c. */
  score(vector: Float32Array, nearest: Float64Array, centroid: Float64Array): void;
  /** As plain data, to keep on disk or send to another thread. */
  readonly state: DenseRetrievalState;
}

/** A built DenseRetrieval as plain data (typed arrays). */
export interface DenseRetrievalState {
  dimension: number;
  classes: number;
  matrix: Float32Array;
  rowLabels: Int32Array;
  centroids: Float32Array;
}

/**
 * @param vectors - unit-length phrasing vectors, `undefined` where the phrasing has none
 * @returns undefined when no phrasing has a vector
 */
export function buildDenseRetrieval(
  vectors: readonly (Float32Array | undefined)[],
  labels: readonly number[],
  classes: number,
): DenseRetrieval | undefined {
  const present = vectors.flatMap((vector, i) => (vector ? [i] : []));
  if (present.length === 0) return undefined;
  const dimension = vectors[present[0]!]!.length;
  const matrix = new Float32Array(present.length * dimension);
  const rowLabels = new Int32Array(present.length);
  const centroids = new Float32Array(classes * dimension);
  present.forEach((i, row) => {
    const vector = vectors[i]!;
    matrix.set(vector, row * dimension);
    rowLabels[row] = labels[i]!;
    const base = labels[i]! * dimension;
    for (let d = 0; d < dimension; d++) centroids[base + d]! += vector[d]!;
  });
  for (let c = 0; c < classes; c++) normalizeInPlace(centroids.subarray(c * dimension, (c + 1) * dimension));
  return denseRetrievalFromState({ dimension, classes, matrix, rowLabels, centroids });
}

/** The retrieval a state describes: the same scores as the one it was taken from. */
export function denseRetrievalFromState(state: DenseRetrievalState): DenseRetrieval {
  const { dimension, classes, matrix, rowLabels, centroids } = state;
  const dot = (rows: Float32Array, row: number, vector: Float32Array): number => dotAt(rows, row * dimension, vector, dimension);
  return {
    state,
    score(vector, nearest, centroid) {
      nearest.fill(0);
      for (let row = 0; row < rowLabels.length; row++) {
        const similarity = dot(matrix, row, vector);
        const label = rowLabels[row]!;
        if (similarity > nearest[label]!) nearest[label] = similarity;
      }
      for (let c = 0; c < classes; c++) centroid[c] = Math.max(0, dot(centroids, c, vector));
    },
  };
}
